//! The preview of an exchange file before it is taken (issue 17: a score return or a dossier file
//! double-clicked, handed over or picked opens a preview first): what importing it would do,
//! read from the real import run on a throw-away in-memory copy of the database
//! ([`Desk::scratch_copy`]). Nothing is written — not a row, not the audit log, not a backup
//! file. A file the import would refuse gets the import's own refusal.

use super::dossiers::load_dossier;
use super::rows::assignments::load_sheet;
use super::rows::pledges::acceptance;
use super::rows::scores::sheet_scores;
use super::{Actor, Desk, PledgeAcceptance, Role};
use crate::decimal::Centi;
use crate::error::Result;
use crate::model::{Award, Indicators};
use crate::workflow::{DossierState, SheetState};
use crate::{msg, t};
use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;

/// What a sheet of a score return was before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SheetBefore {
    /// Not scored yet: the return submits it (新).
    Pending,
    /// Submitted by an earlier return of the same package: replaced (替换).
    EarlierReturn,
    /// This very return was taken before: nothing changes.
    SameReturn,
}

/// One sheet of a score return as the import would store it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ReturnSheetPreview {
    pub assignment_id: i64,
    pub unit: String,
    pub award: Award,
    /// The sum of the expert's scores on the sheet, as stored after the import.
    pub total: Centi,
    pub before: SheetBefore,
}

/// What taking a score return would do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ReturnPreview {
    pub file: String,
    pub package_id: String,
    pub expert: String,
    pub year: i32,
    /// The expert's pledge acceptance the return carries (None: a return made without one).
    pub pledge: Option<PledgeAcceptance>,
    /// The import records that acceptance (the expert had none here yet).
    pub pledge_recorded: bool,
    pub sheets: Vec<ReturnSheetPreview>,
    /// As the import would say: false when the same return was taken before.
    pub changed: bool,
    /// It would replace an earlier return of the same package.
    pub superseded: bool,
    pub message: String,
}

/// An attachment a dossier file brings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PreviewAttachment {
    pub kind: String,
    pub file_name: String,
    /// Bytes.
    pub size: i64,
}

/// What taking a dossier file would do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DossierFilePreview {
    pub file: String,
    pub unit: String,
    pub unit_code: String,
    pub award: Award,
    /// The applicant's own date for its dossier.
    pub applicant_on: Option<NaiveDate>,
    pub received_on: NaiveDate,
    /// Received after the deadline (rules::is_late): 逾期, for the secretariat to decide.
    pub late: bool,
    /// The state the dossier would have (submitted, or late).
    pub state: DossierState,
    /// It replaces a dossier of the same unit and award (an earlier file or an entry).
    pub replaces: bool,
    /// false: this very file was taken before; nothing changes.
    pub changed: bool,
    pub attachments: Vec<PreviewAttachment>,
    pub contact_name: String,
    pub contact_phone: String,
    pub indicators: Indicators,
    pub matching_funds_yuan: i64,
}

impl Desk {
    /// Previews taking a score return (secretariat): the real import on a throw-away copy, then
    /// each sheet it stored with its total and what it was before, and the pledge it carries.
    /// Writes nothing, not even the audit log; a return the import refuses gets its refusal.
    pub fn preview_score_return(&self, actor: &Actor, file: &str, bytes: &[u8]) -> Result<ReturnPreview> {
        self.require(actor, Role::Secretariat, t!(msg::EXCHANGE_ACTION_IMPORT_RETURN))?;
        let scratch = self.scratch_copy()?;
        let done = scratch.import_score_return(actor, file, bytes)?;
        // what the file holds, read as the import read it (it opened, so it opens here too)
        let opened = self.open_return(file, bytes)?;
        let (_, eid, ..) = opened.package;
        let mut sheets = Vec::new();
        for s in &opened.body.sheets {
            let before = load_sheet(&self.conn, s.assignment_id)?;
            let after = load_sheet(&scratch.conn, s.assignment_id)?;
            let total = Centi(sheet_scores(&scratch.conn, s.assignment_id)?.values().map(|(c, _)| c.0).sum());
            sheets.push(ReturnSheetPreview {
                assignment_id: s.assignment_id,
                unit: after.unit,
                award: after.award,
                total,
                before: match before.state {
                    _ if !done.changed => SheetBefore::SameReturn,
                    SheetState::Pending => SheetBefore::Pending,
                    _ => SheetBefore::EarlierReturn,
                },
            });
        }
        let pledge_recorded = acceptance(&self.conn, eid)?.is_none() && acceptance(&scratch.conn, eid)?.is_some();
        Ok(ReturnPreview {
            file: file.to_string(),
            package_id: done.package_id,
            expert: done.expert,
            year: opened.manifest.year,
            pledge: opened.body.pledge,
            pledge_recorded,
            sheets,
            changed: done.changed,
            superseded: done.superseded,
            message: done.message,
        })
    }

    /// Previews taking a dossier file received on `received_on` (secretariat): the real import
    /// on a throw-away copy, then the dossier it made there — unit, award, dates, 逾期, whether it
    /// replaces one, its attachments and key figures. Writes nothing, not even the audit log; a
    /// file the import refuses gets its refusal.
    pub fn preview_dossier_file(
        &self,
        actor: &Actor,
        year: Option<i32>,
        file: &str,
        bytes: &[u8],
        received_on: NaiveDate,
    ) -> Result<DossierFilePreview> {
        self.require(actor, Role::Secretariat, t!(msg::EXCHANGE_ACTION_IMPORT_DOSSIER_FILE))?;
        let scratch = self.scratch_copy()?;
        let done = scratch.import_dossier_file(actor, year, file, bytes, received_on)?;
        let d = load_dossier(&scratch.conn, done.dossier_id)?;
        Ok(DossierFilePreview {
            file: file.to_string(),
            unit: done.unit,
            unit_code: d.unit.code.clone(),
            award: done.award,
            applicant_on: done.applicant_on,
            received_on: done.received_on,
            late: done.late,
            state: d.state,
            replaces: done.replaced,
            changed: done.changed,
            attachments: d
                .attachments
                .iter()
                .map(|a| PreviewAttachment { kind: a.kind.clone(), file_name: a.file_name.clone(), size: a.size })
                .collect(),
            contact_name: d.input.contact_name,
            contact_phone: d.input.contact_phone,
            indicators: d.input.indicators,
            matching_funds_yuan: d.input.matching_funds_yuan,
        })
    }
}
