//! Score returns (expert → secretariat): made in the expert's installation from the sheets they
//! submitted there, signed with the package's one-time key and encrypted to the year's public key;
//! taken by the secretariat all or nothing, idempotently.

use super::campaign::load;
use super::exchange_keys::{all_keys, database_id, parse_secret};
use super::pledge::{acceptance_of, record_acceptance, PledgeAcceptance, PledgeKind};
use super::review_end::end_review_if_done;
use super::rows::scores::sheet_scores;
use super::score_sheet::{check_scores, missing, store, Outcome};
use super::{Actor, Desk, Role};
use crate::decimal::Centi;
use crate::error::{Error, Result};
use crate::exchange::container;
use crate::exchange::crypto::{self, OpenFailure};
use crate::exchange::{ExchangeKind, Manifest};
use crate::model::{Award, ScoreInput};
use crate::store;
use crate::text::Text;
use crate::workflow::{SheetState, Stage};
use crate::{msg, t};
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A review package as the secretariat recorded it: campaign, expert, the key its returns are
/// signed with, the assignments it holds, the last return taken (time, hash), and the year.
pub(crate) type PackageRow = (i64, i64, String, String, Option<String>, Option<String>, i32);

#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct ReturnedScore {
    pub criterion: String,
    /// The score in hundredths (named `points` in the file format, docs/exchange-format.md).
    #[serde(rename = "points")]
    pub centi: Centi,
    pub comment: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct ReturnedSheet {
    pub assignment_id: i64,
    pub dossier_id: i64,
    pub scores: Vec<ReturnedScore>,
}

/// `scores.json`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct ReturnBody {
    pub package_id: String,
    pub expert: String,
    pub sheets: Vec<ReturnedSheet>,
    /// The expert's acceptance of the pledge, made in their database (issue 19; a return made
    /// before it has none, and its scores are refused until the expert accepts).
    #[serde(default)]
    pub pledge: Option<PledgeAcceptance>,
}

/// What taking a score return did.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct ReturnImport {
    pub package_id: String,
    pub expert: String,
    pub sheets: usize,
    /// false: the same return was taken before; nothing changed.
    pub changed: bool,
    /// It replaced an earlier return of the same package.
    pub superseded: bool,
    pub message: String,
}

/// A score return opened and checked against this database, before anything is written.
pub(crate) struct OpenedReturn {
    pub manifest: Manifest,
    pub manifest_sha256: String,
    pub body: ReturnBody,
    /// The package as the secretariat recorded it.
    pub package: PackageRow,
    pub expert: String,
}

fn bad(file: &str, message: Text) -> Error {
    Error::invalid(t!(msg::EXCHANGE_FIELD_RETURN, file), message)
}

impl Desk {
    /// Makes the score return of the package this installation holds: every sheet submitted
    /// here, with its scores and comments.
    pub fn export_score_return(&self, actor: &Actor, year: Option<i32>) -> Result<(Vec<u8>, usize)> {
        let c = load(&self.conn, year)?;
        let held: Option<(String, i64, String, String, String)> = self
            .conn
            .query_row("SELECT package_id, expert_id, origin_database_id, return_secret, year_recipient FROM held_packages WHERE campaign_id = ?1", [c.id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))
            .optional()?;
        let Some((package_id, eid, origin, secret, recipient)) = held else {
            return Err(Error::rule(t!(msg::EXCHANGE_NO_PACKAGE_HELD)));
        };
        // this installation's keeper, or the expert whose package it holds
        if actor.role != Role::Secretariat && super::rows::experts::expert_id_of(&self.conn, actor, c.id)? != Some(eid)
        {
            return Err(self.deny(actor, t!(msg::EXCHANGE_RETURN_OWN_EXPERT)));
        }
        let expert: String = self.conn.query_row("SELECT name FROM experts WHERE id = ?1", [eid], |r| r.get(0))?;
        let mut st = self.conn.prepare("SELECT id, dossier_id FROM assignments WHERE campaign_id = ?1 AND expert_id = ?2 AND state = 'submitted' ORDER BY id")?;
        let done: Vec<(i64, i64)> =
            st.query_map(params![c.id, eid], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<std::result::Result<_, _>>()?;
        if done.is_empty() {
            return Err(Error::rule(t!(msg::EXCHANGE_NOTHING_SUBMITTED)));
        }
        let mut sheets = Vec::new();
        for (aid, did) in &done {
            let scores = sheet_scores(&self.conn, *aid)?
                .into_iter()
                .map(|(criterion, (centi, comment))| ReturnedScore { criterion, centi, comment })
                .collect();
            sheets.push(ReturnedSheet { assignment_id: *aid, dossier_id: *did, scores });
        }
        let body =
            ReturnBody { package_id: package_id.clone(), expert, sheets, pledge: acceptance_of(&self.conn, eid)? };
        let mut parts = BTreeMap::new();
        parts.insert(
            "scores.json".to_string(),
            serde_json::to_vec(&body).map_err(|e| Error::other(t!(msg::INPUT_DETAIL, detail = e.to_string())))?,
        );
        let manifest = Manifest::new(ExchangeKind::ScoreReturn, c.year, &origin, &package_id);
        let sealed = container::seal(manifest, &parts, &parse_secret(&secret)?)
            .map_err(|e| e.into_error(ExchangeKind::ScoreReturn.text()))?;
        let bytes = crypto::encrypt_to_recipient(&sealed, &recipient)?;
        self.write(|tx| {
            store::audit(
                tx,
                &actor.audit_name(),
                crate::AuditAction::ExchangeReturn,
                &format!("campaign:{}", c.year),
                &serde_json::json!({"package": package_id, "sheets": done.len(), "sha256": crypto::sha256_hex(&bytes)}),
            )
        })?;
        Ok((bytes, done.len()))
    }

    /// Takes a score return (secretariat): decrypted with the year's key, its signature checked
    /// against the package's one-time key, every sheet checked (the package's own pairs, still
    /// assigned, complete and within the rubric) before anything is written. The same return twice
    /// changes nothing and says so; a newer return of the same package replaces the older one's
    /// sheets while the review lasts.
    pub fn import_score_return(&self, actor: &Actor, file: &str, bytes: &[u8]) -> Result<ReturnImport> {
        self.require(actor, Role::Secretariat, t!(msg::EXCHANGE_ACTION_IMPORT_RETURN))?;
        let OpenedReturn { manifest: m, manifest_sha256, body, package, expert } = self.open_return(file, bytes)?;
        let (campaign_id, eid, _, ids_json, last_at, last_sha, year) = package;
        let m = &m;
        if last_sha.as_deref() == Some(manifest_sha256.as_str()) {
            return Ok(ReturnImport {
                package_id: m.package_id.clone(),
                expert,
                sheets: body.sheets.len(),
                changed: false,
                superseded: false,
                message: format!(
                    "该评分回执已于{}导入，本次未作任何更改",
                    last_at.as_deref().map(|a| &a[..10.min(a.len())]).unwrap_or("此前")
                ),
            });
        }
        if let Some(at) = &last_at {
            if m.created_at.as_str() <= at.as_str() {
                return Err(bad(
                    file,
                    t!(msg::EXCHANGE_RETURN_OLDER, date = &m.created_at[..10.min(m.created_at.len())]),
                ));
            }
        }
        let allowed: Vec<i64> = serde_json::from_str(&ids_json).unwrap_or_default();
        let superseded = last_at.is_some();
        let _backup = self.backup_if_review_may_end(actor, Some(year), None)?;
        self.write(|tx| {
            let c = load(tx, Some(year))?;
            if c.id != campaign_id || c.stage != Stage::Review {
                return Err(Error::IllegalTransition { state: c.stage.text(), action: t!(msg::EXCHANGE_ACTION_IMPORT_RETURN), allowed: t!(msg::EXCHANGE_RETURN_IN_REVIEW, stage = Stage::Review.text()) });
            }
            // the acceptance made in the expert's database, before any of its scores
            if let Some(a) = &body.pledge {
                let a = PledgeAcceptance { kind: PledgeKind::Package, ..a.clone() };
                record_acceptance(tx, actor, c.year, eid, &expert, &a)?;
            }
            for s in &body.sheets {
                if !allowed.contains(&s.assignment_id) {
                    return Err(bad(file, t!(msg::EXCHANGE_SHEET_NOT_IN_PACKAGE, id = s.assignment_id)));
                }
                let (state, did, award): (SheetState, i64, Award) = tx.query_row(
                    "SELECT a.state, a.dossier_id, d.award FROM assignments a JOIN dossiers d ON d.id = a.dossier_id WHERE a.id = ?1 AND a.expert_id = ?2",
                    params![s.assignment_id, eid],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
                )?;
                let unit: String = tx.query_row("SELECT u.full_name FROM dossiers d JOIN units u ON u.code = d.unit_code WHERE d.id = ?1", [did], |r| r.get(0))?;
                if did != s.dossier_id {
                    return Err(bad(file, t!(msg::EXCHANGE_SHEET_DOSSIER_MISMATCH, id = s.assignment_id)));
                }
                let from_this: bool = tx.query_row("SELECT count(*) FROM returned_sheets WHERE assignment_id = ?1 AND package_id = ?2", params![s.assignment_id, m.package_id], |r| r.get::<_, i64>(0))? > 0;
                match state {
                    SheetState::Pending => {}
                    SheetState::Submitted if from_this => {}
                    SheetState::Submitted => return Err(bad(file, t!(msg::EXCHANGE_SHEET_LOCKED_ELSEWHERE, expert = expert.as_str(), unit = unit.as_str()))),
                    st => return Err(bad(file, t!(msg::EXCHANGE_SHEET_NOT_PENDING, expert = expert.as_str(), unit = unit.as_str(), state = st.text()))),
                }
                let rubric = c.rubric(award);
                let given: Vec<&str> = s.scores.iter().map(|x| x.criterion.as_str()).collect();
                let lacking: Vec<&str> = missing(rubric, &given).iter().map(|k| k.name.as_str()).collect();
                if !lacking.is_empty() {
                    return Err(bad(file, t!(msg::EXCHANGE_RETURN_INCOMPLETE, expert = expert.as_str(), unit = unit.as_str(), missing = lacking.join("、"))));
                }
                let inputs: Vec<ScoreInput> = s.scores.iter().map(|x| ScoreInput { criterion: x.criterion.clone(), points: x.centi, comment: x.comment.clone() }).collect();
                let checked = check_scores(rubric, &inputs).map_err(|e| bad(file, t!(msg::EXCHANGE_RETURN_SCORE, expert = expert.as_str(), unit = unit.as_str(), detail = e)))?;
                tx.execute("INSERT OR REPLACE INTO returned_sheets (assignment_id, package_id) VALUES (?1, ?2)", params![s.assignment_id, m.package_id])?;
                store(tx, actor, s.assignment_id, &checked, Outcome::Return, crate::AuditAction::ScoresReturn, serde_json::json!({"package": m.package_id, "file": file}))?;
            }
            tx.execute(
                "UPDATE review_packages SET last_return_at = ?1, last_return_sha = ?2 WHERE package_id = ?3",
                params![m.created_at, manifest_sha256, m.package_id],
            )?;
            store::audit(tx, &actor.audit_name(), crate::AuditAction::ExchangeTakeReturn, &format!("expert:{eid}"), &serde_json::json!({"package": m.package_id, "sheets": body.sheets.len(), "superseded": superseded}))?;
            end_review_if_done(tx, actor, year)?;
            Ok(())
        })?;
        Ok(ReturnImport {
            package_id: m.package_id.clone(),
            sheets: body.sheets.len(),
            changed: true,
            superseded,
            message: format!(
                "已导入{expert}的评分回执：{}份评分表{}",
                body.sheets.len(),
                if superseded { "（替换了此前导入的回执）" } else { "" }
            ),
            expert,
        })
    }

    /// A score return decrypted with one of the years' keys, its container and signature checked
    /// against the package this database issued, and its `scores.json` read: every check that
    /// needs no write (`import_score_return` makes the rest inside its transaction).
    pub(crate) fn open_return(&self, file: &str, bytes: &[u8]) -> Result<OpenedReturn> {
        let mut damaged = false;
        let mut plain = None;
        for (_, keys) in all_keys(&self.conn)? {
            match crypto::decrypt_with_identity(bytes, &keys.enc_identity) {
                Ok(p) => {
                    plain = Some(p);
                    break;
                }
                Err(OpenFailure::WrongKey) => {}
                Err(_) => damaged = true,
            }
        }
        let plain = plain.ok_or_else(|| {
            if damaged {
                bad(file, t!(msg::EXCHANGE_DAMAGED_OR_NOT, kind = ExchangeKind::ScoreReturn.text()))
            } else {
                bad(file, t!(msg::EXCHANGE_RETURN_NOT_OURS))
            }
        })?;
        let opened = container::open(&plain, None).map_err(|e| e.into_error(file))?;
        let m = &opened.manifest;
        if m.kind != ExchangeKind::ScoreReturn {
            return Err(bad(
                file,
                t!(msg::EXCHANGE_WRONG_KIND, kind = m.kind.text(), expected = ExchangeKind::ScoreReturn.text()),
            ));
        }
        if m.database_id != database_id(&self.conn)? {
            return Err(bad(file, t!(msg::EXCHANGE_RETURN_OTHER_DATABASE)));
        }
        let pkg: Option<PackageRow> = self
            .conn
            .query_row(
                "SELECT p.campaign_id, p.expert_id, p.return_public, p.assignments_json, p.last_return_at, p.last_return_sha, c.year FROM review_packages p JOIN campaigns c ON c.id = p.campaign_id WHERE p.package_id = ?1",
                [&m.package_id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?)),
            )
            .optional()?;
        let Some(package) = pkg else {
            return Err(bad(file, t!(msg::EXCHANGE_RETURN_UNKNOWN_PACKAGE)));
        };
        let (_, eid, public, _, _, _, year) = &package;
        if m.year != *year {
            return Err(bad(file, t!(msg::EXCHANGE_RETURN_OTHER_YEAR, year = m.year, package_year = year)));
        }
        if hex::encode(hex::decode(&m.signer).unwrap_or_default()) != *public {
            return Err(bad(file, t!(msg::EXCHANGE_RETURN_BAD_SIGNATURE)));
        }
        let body: ReturnBody = opened
            .parts
            .get("scores.json")
            .and_then(|b| serde_json::from_slice(b).ok())
            .ok_or_else(|| bad(file, t!(msg::EXCHANGE_PART_JSON, part = "scores.json")))?;
        let expert: String = self.conn.query_row("SELECT name FROM experts WHERE id = ?1", [*eid], |r| r.get(0))?;
        if body.package_id != m.package_id || body.expert != expert {
            return Err(bad(file, t!(msg::EXCHANGE_RETURN_BODY_MISMATCH)));
        }
        Ok(OpenedReturn {
            manifest: opened.manifest.clone(),
            manifest_sha256: opened.manifest_sha256.clone(),
            body,
            package,
            expert,
        })
    }
}
