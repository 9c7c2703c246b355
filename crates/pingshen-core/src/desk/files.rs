//! Attachments as a window handles them: add and get the stored record back; read one with its
//! file name to open it.

use super::{Actor, Attachment, Desk};
use crate::error::{Error, Result};
use crate::t;
use crate::text::catalog::msg;

impl Desk {
    /// [`Desk::add_attachment`], returning the stored attachment.
    pub fn attach(
        &self,
        actor: &Actor,
        dossier_id: i64,
        kind: &str,
        file_name: &str,
        bytes: &[u8],
    ) -> Result<Attachment> {
        let sha = self.add_attachment(actor, dossier_id, kind, file_name, bytes)?;
        let d = self.dossier(actor, dossier_id)?;
        d.attachments
            .into_iter()
            .rev()
            .find(|a| a.sha256 == sha && a.file_name == file_name)
            .ok_or_else(|| Error::not_found(t!(msg::FILES_WHAT_ATTACHMENT), file_name))
    }

    /// An attachment's file name and bytes, if the actor may see the dossier.
    pub fn attachment_file(&self, actor: &Actor, dossier_id: i64, sha256: &str) -> Result<(String, Vec<u8>)> {
        let d = self.dossier(actor, dossier_id)?;
        let a = d
            .attachments
            .iter()
            .find(|a| a.sha256 == sha256)
            .ok_or_else(|| Error::not_found(t!(msg::FILES_WHAT_ATTACHMENT), sha256))?;
        Ok((a.file_name.clone(), self.attachment(actor, dossier_id, sha256)?))
    }
}
