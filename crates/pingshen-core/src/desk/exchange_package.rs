//! Review packages (secretariat → one expert): made in the secretariat's database, opened in the
//! expert's own installation, which then holds exactly that expert's work.

use super::campaign::load;
use super::dossiers::{insert_dossier, load_dossier};
use super::exchange_keys::{database_id, ensure_keys, parse_secret};
use super::pledge::{text_of, PledgeText};
use super::rows::assignments::{pending_of, set_state};
use super::rows::experts::find_expert;
use super::{Actor, Desk, Role};
use crate::error::{Error, Result};
use crate::exchange::container::{self, Opened};
use crate::exchange::crypto::{self, OpenFailure};
use crate::exchange::{ExchangeKind, Manifest};
use crate::model::{Award, DossierInput};
use crate::rubric::Rubric;
use crate::rules::{CampaignDates, Policy};
use crate::store;
use crate::workflow::{DossierState, SheetEvent, Stage};
use crate::AuditAction;
use crate::{msg, t};
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Shortest passphrase accepted for a review package.
pub const MIN_PASSPHRASE: usize = 8;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct PackageExpert {
    pub name: String,
    pub employer: String,
    pub province: String,
    pub field: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct PackageAttachment {
    pub kind: String,
    pub file_name: String,
    pub media_type: String,
    pub sha256: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct PackageDossier {
    pub assignment_id: i64,
    pub dossier_id: i64,
    pub late: bool,
    pub input: DossierInput,
    pub attachments: Vec<PackageAttachment>,
}

/// `package.json`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct PackageBody {
    pub package_id: String,
    pub year: i32,
    pub expert: PackageExpert,
    pub policy: Policy,
    pub rubric_pilot: Rubric,
    pub rubric_subsidy: Rubric,
    pub dossiers: Vec<PackageDossier>,
    /// The one-time key (hex secret) the expert's score return is signed with.
    pub return_secret: String,
    pub year_sign_public: String,
    pub year_recipient: String,
    /// The year's pledge the expert accepts in their database before scoring (issue 19).
    #[serde(default)]
    pub pledge: Option<PledgeText>,
}

/// What a package holds, as shown to the one who made or opened it.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct PackageInfo {
    pub package_id: String,
    pub year: i32,
    pub expert: String,
    pub dossiers: usize,
    pub attachments: usize,
}

fn check_passphrase(p: &str) -> Result<()> {
    if p.chars().count() < MIN_PASSPHRASE {
        return Err(Error::invalid(
            t!(msg::EXCHANGE_FIELD_PASSPHRASE),
            t!(msg::EXCHANGE_PASSPHRASE_SHORT, min = MIN_PASSPHRASE),
        ));
    }
    Ok(())
}

impl Desk {
    /// The id of the review package this installation holds (an expert's own), if any.
    pub fn held_package(&self) -> Result<Option<String>> {
        Ok(self.conn.query_row("SELECT package_id FROM held_packages LIMIT 1", [], |r| r.get(0)).optional()?)
    }

    /// Makes the review package of one expert (secretariat, during the review): their assigned
    /// dossiers with attachments, the frozen rubrics and policy, their identity and a one-time
    /// signing key; nothing about other experts or any score. Signed with the year's key and
    /// encrypted to `passphrase`. Recorded (without the passphrase) and audited.
    pub fn export_review_package(
        &self,
        actor: &Actor,
        year: Option<i32>,
        expert: &str,
        passphrase: &str,
    ) -> Result<(Vec<u8>, PackageInfo)> {
        self.require(actor, Role::Secretariat, t!(msg::EXCHANGE_ACTION_EXPORT_PACKAGE))?;
        check_passphrase(passphrase)?;
        self.write(|tx| {
            let c = load(tx, year)?;
            if c.stage != Stage::Review {
                return Err(Error::IllegalTransition { state: c.stage.text(), action: t!(msg::EXCHANGE_ACTION_EXPORT_PACKAGE), allowed: t!(msg::EXCHANGE_PACKAGE_IN_REVIEW, stage = Stage::Review.text()) });
            }
            let eid = find_expert(tx, c.id, expert)?.id;
            let (name, employer, province, field): (String, String, String, String) =
                tx.query_row("SELECT name, employer, province, field FROM experts WHERE id = ?1", [eid], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
            let pairs: Vec<(i64, i64)> = {
                let mut st = tx.prepare("SELECT id, dossier_id FROM assignments WHERE expert_id = ?1 AND state = 'pending' ORDER BY id")?;
                let v = st.query_map([eid], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<std::result::Result<_, _>>()?;
                v
            };
            if pairs.is_empty() {
                return Err(Error::rule(t!(msg::EXCHANGE_NOTHING_TO_SCORE, name = name.as_str())));
            }
            let keys = ensure_keys(tx, actor, c.id, c.year)?;
            let return_secret = crypto::new_signing_key()?;
            let package_id = hex::encode(&crypto::random32()?[..16]);
            let mut parts: BTreeMap<String, Vec<u8>> = BTreeMap::new();
            let mut dossiers = Vec::new();
            for (aid, did) in &pairs {
                let d = load_dossier(tx, *did)?;
                let mut atts = Vec::new();
                for a in &d.attachments {
                    let data: Vec<u8> = tx.query_row("SELECT data FROM blobs WHERE sha256 = ?1", [&a.sha256], |r| r.get(0))?;
                    parts.insert(format!("attachments/{}", a.sha256), data);
                    atts.push(PackageAttachment { kind: a.kind.clone(), file_name: a.file_name.clone(), media_type: a.media_type.clone(), sha256: a.sha256.clone() });
                }
                dossiers.push(PackageDossier { assignment_id: *aid, dossier_id: *did, late: d.late, input: d.input.clone(), attachments: atts });
            }
            let body = PackageBody {
                package_id: package_id.clone(),
                year: c.year,
                expert: PackageExpert { name: name.clone(), employer, province, field },
                policy: c.policy.clone(),
                rubric_pilot: c.rubric(Award::Pilot).clone(),
                rubric_subsidy: c.rubric(Award::Subsidy).clone(),
                dossiers,
                return_secret: hex::encode(return_secret),
                year_sign_public: keys.sign_public_hex(),
                year_recipient: keys.recipient()?,
                pledge: Some(text_of(tx, c.id)?),
            };
            let info = PackageInfo { package_id: package_id.clone(), year: c.year, expert: name.clone(), dossiers: body.dossiers.len(), attachments: parts.len() };
            parts.insert("package.json".into(), serde_json::to_vec(&body).map_err(|e| Error::other(t!(msg::INPUT_DETAIL, detail = e.to_string())))?);
            let manifest = Manifest::new(ExchangeKind::ReviewPackage, c.year, &database_id(tx)?, &package_id);
            let sealed = container::seal(manifest, &parts, &keys.sign_secret).map_err(|e| e.into_error(ExchangeKind::ReviewPackage.text()))?;
            let bytes = crypto::encrypt_to_passphrase(&sealed, passphrase)?;
            let ids: Vec<i64> = pairs.iter().map(|p| p.0).collect();
            tx.execute(
                "INSERT INTO review_packages (package_id, campaign_id, expert_id, return_public, assignments_json, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![package_id, c.id, eid, hex::encode(crypto::public_of(&return_secret)), serde_json::to_string(&ids).unwrap_or_default(), store::now_utc()],
            )?;
            store::audit(tx, &actor.audit_name(), AuditAction::ExchangePackage, &format!("expert:{eid}"), &serde_json::json!({"package": package_id, "expert": name, "assignments": ids, "sha256": crypto::sha256_hex(&bytes)}))?;
            Ok((bytes, info))
        })
    }

    /// Opens a review package in the expert's own installation: a new, empty database (or one
    /// holding an earlier package of the same expert and year, which the newer one replaces).
    /// Afterwards the database holds exactly that expert's work, ready to score; the expert signs
    /// in with their name and the package's passphrase.
    pub fn open_review_package(
        &self,
        actor: &Actor,
        file: &str,
        bytes: &[u8],
        passphrase: &str,
    ) -> Result<PackageInfo> {
        self.require(actor, Role::Secretariat, t!(msg::EXCHANGE_ACTION_OPEN_PACKAGE))?;
        let plain = crypto::decrypt_with_passphrase(bytes, passphrase).map_err(|f| match f {
            OpenFailure::WrongKey => {
                Error::invalid(t!(msg::EXCHANGE_FIELD_PASSPHRASE), t!(msg::EXCHANGE_PASSPHRASE_WRONG, file))
            }
            OpenFailure::Damaged => Error::invalid(
                t!(msg::EXCHANGE_FIELD_FILE, file),
                t!(msg::EXCHANGE_DAMAGED_OR_NOT, kind = ExchangeKind::ReviewPackage.text()),
            ),
            OpenFailure::TooLarge => Error::invalid(t!(msg::EXCHANGE_FIELD_FILE, file), t!(msg::EXCHANGE_TOO_LARGE)),
        })?;
        let opened: Opened = container::open(&plain, None).map_err(|e| e.into_error(file))?;
        let m = &opened.manifest;
        if m.kind != ExchangeKind::ReviewPackage {
            return Err(Error::invalid(
                t!(msg::EXCHANGE_FIELD_FILE, file),
                t!(msg::EXCHANGE_WRONG_KIND, kind = m.kind.text(), expected = ExchangeKind::ReviewPackage.text()),
            ));
        }
        let body: PackageBody =
            opened.parts.get("package.json").and_then(|b| serde_json::from_slice(b).ok()).ok_or_else(|| {
                Error::invalid(t!(msg::EXCHANGE_FIELD_FILE, file), t!(msg::EXCHANGE_PART_JSON, part = "package.json"))
            })?;
        // the package's own claims must agree with its signed manifest
        if body.year_sign_public != m.signer || body.package_id != m.package_id || body.year != m.year {
            return Err(Error::invalid(t!(msg::EXCHANGE_FIELD_FILE, file), t!(msg::EXCHANGE_PACKAGE_CLAIMS_MISMATCH)));
        }
        let return_secret = parse_secret(&body.return_secret)?;
        // the expert signs in to this installation with their name and the package's passphrase
        let hash = Desk::hash_password(passphrase)?;
        self.write(|tx| {
            let held: Option<(String, i64, String, i32)> = tx
                .query_row("SELECT h.package_id, h.expert_id, h.origin_database_id, c.year FROM held_packages h JOIN campaigns c ON c.id = h.campaign_id", [], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
                .optional()?;
            let campaigns: i64 = tx.query_row("SELECT count(*) FROM campaigns", [], |r| r.get(0))?;
            let campaign_id = match &held {
                Some((pid, _, _, _)) if *pid == body.package_id => {
                    return Err(Error::rule(t!(msg::EXCHANGE_PACKAGE_ALREADY_OPEN, id = &pid[..8])));
                }
                Some((_, eid, origin, y)) => {
                    let name: String = tx.query_row("SELECT name FROM experts WHERE id = ?1", [eid], |r| r.get(0))?;
                    if *origin != m.database_id || *y != m.year || name != body.expert.name {
                        return Err(Error::rule(t!(msg::EXCHANGE_PACKAGE_OTHER_WORK, name = name.as_str(), year = y)));
                    }
                    load(tx, Some(*y))?.id
                }
                None if campaigns > 0 => {
                    return Err(Error::rule(t!(msg::EXCHANGE_PACKAGE_NEEDS_EMPTY)));
                }
                None => {
                    let dates = CampaignDates::for_year(body.year);
                    tx.execute(
                        "INSERT INTO campaigns (year, stage, policy_json, rubric_pilot, rubric_subsidy, notice_date, deadline, pilot_pay_by, subsidy_pay_by, created_at)
                         VALUES (?1, 'review', ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                        params![
                            body.year,
                            serde_json::to_string(&body.policy).unwrap_or_default(),
                            serde_json::to_string(&body.rubric_pilot).unwrap_or_default(),
                            serde_json::to_string(&body.rubric_subsidy).unwrap_or_default(),
                            dates.notice.to_string(),
                            dates.deadline.to_string(),
                            dates.pilot_pay_by.to_string(),
                            dates.subsidy_pay_by.to_string(),
                            store::now_utc()
                        ],
                    )?;
                    let cid = tx.last_insert_rowid();
                    tx.execute(
                        "INSERT INTO experts (campaign_id, name, employer, province, field, phone) VALUES (?1, ?2, ?3, ?4, ?5, '')",
                        params![cid, body.expert.name, body.expert.employer, body.expert.province, body.expert.field],
                    )?;
                    cid
                }
            };
            let eid: i64 = tx.query_row("SELECT id FROM experts WHERE campaign_id = ?1", [campaign_id], |r| r.get(0))?;
            if let Some(text) = &body.pledge {
                super::rows::pledges::put(tx, campaign_id, text, "秘书处（评审材料包）")?;
            }
            let login = body.expert.name.trim();
            let uid = match tx.query_row("SELECT id FROM users WHERE login = ?1", [login], |r| r.get::<_, i64>(0)).optional()? {
                Some(uid) => {
                    super::update_password(tx, actor, login, &hash)?;
                    uid
                }
                None => super::insert_user(tx, actor, login, login, Role::Expert, &hash, None)?,
            };
            tx.execute("UPDATE experts SET user_id = ?1 WHERE id = ?2", params![uid, eid])?;
            let mut attachments = 0usize;
            let in_package: Vec<i64> = body.dossiers.iter().map(|d| d.assignment_id).collect();
            for pd in &body.dossiers {
                let exists: bool = tx.query_row("SELECT count(*) FROM dossiers WHERE id = ?1", [pd.dossier_id], |r| r.get::<_, i64>(0))? > 0;
                if !exists {
                    let tmp = insert_dossier(tx, campaign_id, &pd.input, DossierState::Recommended, pd.late)?;
                    tx.execute("UPDATE dossiers SET id = ?1 WHERE id = ?2", params![pd.dossier_id, tmp])?;
                }
                for a in &pd.attachments {
                    let data = opened.parts.get(&format!("attachments/{}", a.sha256)).ok_or_else(|| Error::invalid(t!(msg::EXCHANGE_FIELD_FILE, file), t!(msg::EXCHANGE_ATTACHMENT_MISSING, name = a.file_name.as_str())))?;
                    tx.execute("INSERT OR IGNORE INTO blobs (sha256, size, data) VALUES (?1, ?2, ?3)", params![a.sha256, data.len() as i64, data])?;
                    let have: i64 = tx.query_row("SELECT count(*) FROM attachments WHERE dossier_id = ?1 AND sha256 = ?2", params![pd.dossier_id, a.sha256], |r| r.get(0))?;
                    if have == 0 {
                        tx.execute(
                            "INSERT INTO attachments (dossier_id, kind, file_name, media_type, sha256, added_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                            params![pd.dossier_id, a.kind, a.file_name, a.media_type, a.sha256, store::now_utc()],
                        )?;
                    }
                    attachments += 1;
                }
                tx.execute("INSERT OR IGNORE INTO assignments (id, campaign_id, dossier_id, expert_id, state) VALUES (?1, ?2, ?3, ?4, 'pending')", params![pd.assignment_id, campaign_id, pd.dossier_id, eid])?;
            }
            // a newer package replaces the older one's set: a pair no longer in it is withdrawn
            for aid in pending_of(tx, campaign_id)? {
                if !in_package.contains(&aid) {
                    set_state(tx, aid, SheetEvent::Withdraw)?;
                }
            }
            tx.execute(
                "INSERT INTO held_packages (campaign_id, package_id, expert_id, origin_database_id, return_secret, year_sign_public, year_recipient, opened_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
                 ON CONFLICT(campaign_id) DO UPDATE SET package_id = excluded.package_id, return_secret = excluded.return_secret, year_sign_public = excluded.year_sign_public,
                   year_recipient = excluded.year_recipient, opened_at = excluded.opened_at",
                params![campaign_id, body.package_id, eid, m.database_id, hex::encode(return_secret), body.year_sign_public, body.year_recipient, store::now_utc()],
            )?;
            store::audit(tx, &actor.audit_name(), AuditAction::ExchangeOpenPackage, &format!("campaign:{}", body.year), &serde_json::json!({"package": body.package_id, "expert": body.expert.name, "dossiers": body.dossiers.len(), "replaced": held.is_some()}))?;
            Ok(PackageInfo { package_id: body.package_id.clone(), year: body.year, expert: body.expert.name.clone(), dossiers: body.dossiers.len(), attachments })
        })
    }
}
