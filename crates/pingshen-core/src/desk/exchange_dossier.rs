//! Dossier files (applicant → secretariat): one unit's dossier with its attachments, made in the
//! applicant's own installation and signed with its year key (the file is proved unaltered since
//! it was signed; who sent it is the formal check's business, as for paper).

use super::campaign::load;
use super::dossiers::{insert_dossier, load_dossier, set_state, update_dossier};
use super::exchange_keys::{database_id, ensure_keys, meta};
use super::exchange_package::PackageAttachment;
use super::{Actor, Desk, Role};
use crate::error::{Error, Result};
use crate::exchange::{container, crypto, ExchangeKind, Manifest};
use crate::model::{Award, DossierInput};
use crate::rules;
use crate::store;
use crate::text::Text;
use crate::units;
use crate::workflow::{dossier_after, DossierEvent, DossierState};
use crate::AuditAction;
use crate::{msg, t};
use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// `dossier.json`.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct DossierBody {
    input: DossierInput,
    /// The applicant's own date for its dossier (its submission date, or the day the file was made).
    applicant_on: Option<NaiveDate>,
    attachments: Vec<PackageAttachment>,
}

/// What importing a dossier file did.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct DossierFileImport {
    pub dossier_id: i64,
    pub unit: String,
    pub award: Award,
    pub received_on: NaiveDate,
    pub applicant_on: Option<NaiveDate>,
    pub late: bool,
    /// An earlier version (file or entry) was replaced.
    pub replaced: bool,
    /// false: this very file was imported before; nothing changed.
    pub changed: bool,
}

fn bad(file: &str, message: Text) -> Error {
    Error::invalid(t!(msg::EXCHANGE_FIELD_DOSSIER_FILE, file), message)
}

impl Desk {
    /// On an applicant unit's own installation: takes its submitted dossier back to a draft to
    /// amend it (then submitted again and a newer dossier file made, which the secretariat takes
    /// in place of the older one until its formal check). Elsewhere the secretariat returns a
    /// dossier with reasons instead.
    pub fn amend_own_dossier(&self, actor: &Actor, id: i64) -> Result<DossierState> {
        let d = load_dossier(&self.conn, id)?;
        self.require_own_unit(actor, &d.unit.code, || {
            t!(msg::EXCHANGE_AMEND_OWN_ONLY, unit = d.unit.full_name.as_str())
        })?;
        if meta(&self.conn, "applicant_unit")?.is_none() {
            return Err(Error::IllegalTransition {
                state: d.state.text(),
                action: t!(msg::EXCHANGE_ACTION_AMEND),
                allowed: t!(msg::EXCHANGE_AMEND_APPLICANT_ONLY),
            });
        }
        self.write(|tx| {
            let c = load(tx, Some(d.year))?;
            if c.stage != crate::workflow::Stage::Apply {
                return Err(Error::IllegalTransition {
                    state: c.stage.text(),
                    action: t!(msg::EXCHANGE_ACTION_AMEND),
                    allowed: t!(msg::EXCHANGE_AMEND_IN_APPLY),
                });
            }
            let next = dossier_after(d.state, DossierEvent::Amend)?;
            set_state(tx, id, next)?;
            store::audit(
                tx,
                &actor.audit_name(),
                AuditAction::DossierAmend,
                &format!("dossier:{id}"),
                &serde_json::json!({"from": d.state.code()}),
            )?;
            Ok(next)
        })
    }

    /// Makes the dossier file of one unit's dossier (in the applicant's installation): the
    /// secretariat of the installation, or the unit's own applicant.
    pub fn export_dossier_file(
        &self,
        actor: &Actor,
        year: Option<i32>,
        unit: &str,
        award: Option<Award>,
    ) -> Result<Vec<u8>> {
        let asked = units::resolve(Role::Applicant.text(), unit)?;
        self.require_own_unit(actor, &asked.code, || {
            t!(msg::EXCHANGE_EXPORT_DOSSIER_OWN_ONLY, unit = asked.full_name.as_str())
        })?;
        if let Some(own) = meta(&self.conn, "applicant_unit")? {
            if own != asked.code {
                // what this installation is for, not who is asking: a rule, not a logged refusal
                return Err(Error::forbidden(t!(
                    msg::EXCHANGE_OTHER_UNITS_DATABASE,
                    unit = units::full_name_or_code(&own)
                )));
            }
        }
        let id = self.find_dossier(year, unit, award)?;
        let d = load_dossier(&self.conn, id)?;
        let mut parts: BTreeMap<String, Vec<u8>> = BTreeMap::new();
        let mut atts = Vec::new();
        for a in &d.attachments {
            let data: Vec<u8> =
                self.conn.query_row("SELECT data FROM blobs WHERE sha256 = ?1", [&a.sha256], |r| r.get(0))?;
            parts.insert(format!("attachments/{}", a.sha256), data);
            atts.push(PackageAttachment {
                kind: a.kind.clone(),
                file_name: a.file_name.clone(),
                media_type: a.media_type.clone(),
                sha256: a.sha256.clone(),
            });
        }
        let applicant_on = d.input.submitted_on.or_else(|| Some(chrono::Local::now().date_naive()));
        let body = DossierBody {
            input: DossierInput { submitted_on: None, ..d.input.clone() },
            applicant_on,
            attachments: atts,
        };
        parts.insert(
            "dossier.json".into(),
            serde_json::to_vec(&body).map_err(|e| Error::other(t!(msg::INPUT_DETAIL, detail = e.to_string())))?,
        );
        let bytes = self.write(|tx| {
            let c = load(tx, Some(d.year))?;
            let keys = ensure_keys(tx, actor, c.id, c.year)?;
            let manifest = Manifest::new(ExchangeKind::DossierFile, c.year, &database_id(tx)?, "");
            let sealed = container::seal(manifest, &parts, &keys.sign_secret)
                .map_err(|e| e.into_error(ExchangeKind::DossierFile.text()))?;
            store::audit(
                tx,
                &actor.audit_name(),
                AuditAction::ExchangeDossierFile,
                &format!("dossier:{id}"),
                &serde_json::json!({"sha256": crypto::sha256_hex(&sealed)}),
            )?;
            Ok(sealed)
        })?;
        Ok(bytes)
    }

    /// Takes a dossier file as a received dossier (secretariat, while applications are open):
    /// received on `received_on` (the day the secretariat has it), the applicant's own date kept
    /// beside it. A newer file of the same unit and award replaces the dossier before the formal
    /// check (audited); after it, refused. The same file twice changes nothing.
    pub fn import_dossier_file(
        &self,
        actor: &Actor,
        year: Option<i32>,
        file: &str,
        bytes: &[u8],
        received_on: NaiveDate,
    ) -> Result<DossierFileImport> {
        self.require(actor, Role::Secretariat, t!(msg::EXCHANGE_ACTION_IMPORT_DOSSIER_FILE))?;
        let opened = container::open(bytes, None).map_err(|e| e.into_error(file))?;
        let m = &opened.manifest;
        if m.kind != ExchangeKind::DossierFile {
            return Err(bad(
                file,
                t!(msg::EXCHANGE_WRONG_KIND, kind = m.kind.text(), expected = ExchangeKind::DossierFile.text()),
            ));
        }
        let body: DossierBody = opened
            .parts
            .get("dossier.json")
            .and_then(|b| serde_json::from_slice(b).ok())
            .ok_or_else(|| bad(file, t!(msg::EXCHANGE_PART_JSON, part = "dossier.json")))?;
        let u = units::by_code(&body.input.unit_code)
            .ok_or_else(|| bad(file, t!(msg::EXCHANGE_UNIT_CODE_UNKNOWN, code = body.input.unit_code.as_str())))?;
        for a in &body.attachments {
            if !opened.parts.contains_key(&format!("attachments/{}", a.sha256)) {
                return Err(bad(file, t!(msg::EXCHANGE_ATTACHMENT_MISSING, name = a.file_name.as_str())));
            }
        }
        self.write(|tx| {
            let c = load(tx, year)?;
            if m.year != c.year {
                return Err(bad(file, t!(msg::EXCHANGE_DOSSIER_OTHER_YEAR, year = m.year, current = c.year)));
            }
            if c.stage != crate::workflow::Stage::Apply {
                return Err(Error::IllegalTransition { state: c.stage.text(), action: t!(msg::EXCHANGE_ACTION_IMPORT_DOSSIER_FILE), allowed: t!(msg::EXCHANGE_DOSSIER_BEFORE_DRAW) });
            }
            let existing: Option<(i64, DossierState)> = tx
                .query_row("SELECT id, state FROM dossiers WHERE campaign_id = ?1 AND unit_code = ?2 AND award = ?3", params![c.id, u.code, body.input.award.code()], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()?;
            let late = rules::is_late(c.dates.deadline, received_on);
            let input = DossierInput { submitted_on: Some(received_on), ..body.input.clone() };
            let (id, replaced) = match existing {
                Some((id, st)) => {
                    let known: Option<(String, String)> = tx.query_row("SELECT manifest_sha256, file_created_at FROM dossier_files WHERE dossier_id = ?1", [id], |r| Ok((r.get(0)?, r.get(1)?))).optional()?;
                    if let Some((sha, _)) = &known {
                        if *sha == opened.manifest_sha256 {
                            return Ok(DossierFileImport { dossier_id: id, unit: u.full_name.clone(), award: body.input.award, received_on, applicant_on: body.applicant_on, late, replaced: false, changed: false });
                        }
                    }
                    if !matches!(st, DossierState::Draft | DossierState::Submitted | DossierState::Late) {
                        return Err(bad(file, t!(msg::EXCHANGE_DOSSIER_CHECKED, unit = u.full_name.as_str(), award = body.input.award.text(), state = st.text())));
                    }
                    if let Some((_, at)) = &known {
                        if m.created_at.as_str() <= at.as_str() {
                            return Err(bad(file, t!(msg::EXCHANGE_DOSSIER_FILE_OLDER, date = &at[..10.min(at.len())])));
                        }
                    }
                    update_dossier(tx, id, &input)?;
                    tx.execute("UPDATE dossiers SET state = ?1, late = ?2, submitted_on = ?3 WHERE id = ?4", params![if late { "late" } else { "submitted" }, late, received_on.to_string(), id])?;
                    tx.execute("DELETE FROM attachments WHERE dossier_id = ?1", [id])?;
                    (id, true)
                }
                None => (insert_dossier(tx, c.id, &input, if late { DossierState::Late } else { DossierState::Submitted }, late)?, false),
            };
            for a in &body.attachments {
                let data = &opened.parts[&format!("attachments/{}", a.sha256)];
                tx.execute("INSERT OR IGNORE INTO blobs (sha256, size, data) VALUES (?1, ?2, ?3)", params![a.sha256, data.len() as i64, data])?;
                tx.execute(
                    "INSERT INTO attachments (dossier_id, kind, file_name, media_type, sha256, added_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                    params![id, a.kind, a.file_name, a.media_type, a.sha256, store::now_utc()],
                )?;
            }
            tx.execute(
                "INSERT OR REPLACE INTO dossier_files (dossier_id, applicant_on, file_created_at, manifest_sha256, signer) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![id, body.applicant_on.map(|d| d.to_string()), m.created_at, opened.manifest_sha256, m.signer],
            )?;
            store::audit(
                tx,
                &actor.audit_name(),
                if replaced { AuditAction::DossierFileReplace } else { AuditAction::DossierFileImport },
                &format!("dossier:{id}"),
                &serde_json::json!({"file": file, "unit": u.code, "award": body.input.award.code(), "on": received_on, "applicant_on": body.applicant_on, "state": if late { "late" } else { "submitted" }, "signer": m.signer}),
            )?;
            Ok(DossierFileImport { dossier_id: id, unit: u.full_name.clone(), award: body.input.award, received_on, applicant_on: body.applicant_on, late, replaced, changed: true })
        })
    }
}
