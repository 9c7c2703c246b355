//! Apply and recommend: dossiers, attachments, late decisions and the formal check.

use super::campaign::load;
use super::rows::yoy::{self, YoyCheck};
use super::{json, Actor, Desk, Role};
use crate::error::{Error, ImportProblem, Result};
use crate::import;
use crate::model::{indicator_text, Award, DossierInput, Indicators, Narratives, INDICATORS};
use crate::rules;
use crate::store;
use crate::text::Text;
use crate::units::{self, Unit};
use crate::workflow::{dossier_after, DossierEvent, DossierState, Stage};
use crate::AuditAction;
use crate::{msg, t};
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Row, Transaction};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::path::Path;

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct Attachment {
    pub id: i64,
    pub kind: String,
    pub file_name: String,
    pub media_type: String,
    pub sha256: String,
    pub size: i64,
}

/// A recorded secretariat decision on a dossier (recommended, returned, late_accepted …).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct Decision {
    pub kind: String,
    pub reason: String,
    pub actor: String,
    /// UTC, RFC 3339.
    pub at: String,
}

/// A stored dossier.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct Dossier {
    pub id: i64,
    pub year: i32,
    pub unit: Unit,
    pub state: DossierState,
    pub late: bool,
    #[serde(flatten)]
    pub input: DossierInput,
    pub attachments: Vec<Attachment>,
    /// Recorded decisions, oldest first.
    pub decisions: Vec<Decision>,
}

impl Dossier {
    pub fn award(&self) -> Award {
        self.input.award
    }
}

pub(crate) const DOSSIER_COLS: &str =
    "d.id, c.year, d.unit_code, d.award, d.state, d.late, d.contact_name, d.contact_phone, d.submitted_on,
    d.industrial_enterprises, d.associations_total, d.associations_new, d.building_task, d.liaison_enterprises, d.zones,
    d.zones_with_association, d.national_zones, d.national_zones_with_association, d.workstations, d.county_points,
    d.matching_funds_yuan, d.narrative_leadership, d.narrative_building, d.narrative_services, d.narrative_distinctive";

pub(crate) fn dossier_from_row(r: &Row) -> rusqlite::Result<Dossier> {
    let unit_code: String = r.get(2)?;
    let award: Award = r.get(3)?;
    let state: DossierState = r.get(4)?;
    let submitted: Option<String> = r.get(8)?;
    let mut ind = Indicators::default();
    for (i, (id, _)) in INDICATORS.iter().enumerate() {
        ind.set(id, r.get(9 + i)?);
    }
    let unit = units::by_code(&unit_code)
        .cloned()
        .ok_or_else(|| rusqlite::Error::InvalidColumnName(format!("unit {unit_code}")))?;
    Ok(Dossier {
        id: r.get(0)?,
        year: r.get(1)?,
        state,
        late: r.get(5)?,
        input: DossierInput {
            unit_code,
            award,
            contact_name: r.get(6)?,
            contact_phone: r.get(7)?,
            submitted_on: submitted.and_then(|s| NaiveDate::parse_from_str(&s, "%Y-%m-%d").ok()),
            indicators: ind,
            matching_funds_yuan: r.get(20)?,
            narratives: Narratives {
                leadership: r.get(21)?,
                building: r.get(22)?,
                services: r.get(23)?,
                distinctive: r.get(24)?,
            },
        },
        unit,
        attachments: Vec::new(),
        decisions: Vec::new(),
    })
}

pub(crate) fn load_dossier(conn: &Connection, id: i64) -> Result<Dossier> {
    let mut d = conn
        .query_row(
            &format!("SELECT {DOSSIER_COLS} FROM dossiers d JOIN campaigns c ON c.id = d.campaign_id WHERE d.id = ?1"),
            [id],
            dossier_from_row,
        )
        .optional()?
        .ok_or_else(|| Error::NotFound {
            what: t!(msg::YEAR_WHAT_DOSSIER),
            name: String::new(),
            hint: t!(msg::EXCHANGE_NUMBER, id),
        })?;
    let mut st = conn.prepare("SELECT a.id, a.kind, a.file_name, a.media_type, a.sha256, b.size FROM attachments a JOIN blobs b ON b.sha256 = a.sha256 WHERE a.dossier_id = ?1 ORDER BY a.id")?;
    d.attachments = st
        .query_map([id], |r| {
            Ok(Attachment {
                id: r.get(0)?,
                kind: r.get(1)?,
                file_name: r.get(2)?,
                media_type: r.get(3)?,
                sha256: r.get(4)?,
                size: r.get(5)?,
            })
        })?
        .collect::<std::result::Result<_, _>>()?;
    let mut st = conn.prepare("SELECT kind, reason, actor, at FROM decisions WHERE dossier_id = ?1 ORDER BY id")?;
    d.decisions = st
        .query_map([id], |r| Ok(Decision { kind: r.get(0)?, reason: r.get(1)?, actor: r.get(2)?, at: r.get(3)? }))?
        .collect::<std::result::Result<_, _>>()?;
    Ok(d)
}

/// Finds a campaign's dossier by unit name (full/short) and optionally award.
pub(crate) fn find_dossier(conn: &Connection, campaign_id: i64, unit: &str, award: Option<Award>) -> Result<i64> {
    let u = units::resolve(t!(msg::YEAR_FIELD_UNIT), unit)?;
    let mut st = conn.prepare("SELECT id, award FROM dossiers WHERE campaign_id = ?1 AND unit_code = ?2")?;
    let found: Vec<(i64, String)> = st
        .query_map(params![campaign_id, u.code], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<std::result::Result<_, _>>()?;
    let found: Vec<(i64, String)> = found.into_iter().filter(|(_, a)| award.is_none_or(|w| w.code() == a)).collect();
    match found.as_slice() {
        [(id, _)] => Ok(*id),
        [] => Err(Error::NotFound {
            what: t!(msg::YEAR_WHAT_DOSSIER),
            name: u.full_name.clone(),
            hint: award.map(|a| t!(msg::YEAR_AWARD_PAREN, award = a.text())).unwrap_or_else(|| t!(msg::EMPTY)),
        }),
        _ => Err(Error::invalid(t!(msg::INPUT_FIELD_AWARD), t!(msg::YEAR_BOTH_AWARDS, unit = u.full_name.as_str()))),
    }
}

pub(crate) fn set_state(tx: &Transaction, id: i64, state: DossierState) -> Result<()> {
    tx.execute(
        "UPDATE dossiers SET state = ?1, updated_at = ?2 WHERE id = ?3",
        params![state.code(), store::now_utc(), id],
    )?;
    Ok(())
}

pub(crate) fn record_decision(
    tx: &Transaction,
    actor: &Actor,
    dossier_id: i64,
    kind: &str,
    reason: &str,
) -> Result<()> {
    tx.execute(
        "INSERT INTO decisions (dossier_id, kind, reason, actor, at) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![dossier_id, kind, reason, actor.audit_name(), store::now_utc()],
    )?;
    Ok(())
}

pub(crate) fn insert_dossier(
    tx: &Transaction,
    campaign_id: i64,
    d: &DossierInput,
    state: DossierState,
    late: bool,
) -> Result<i64> {
    let now = store::now_utc();
    let i = &d.indicators;
    tx.prepare_cached(
        "INSERT INTO dossiers (campaign_id, unit_code, award, state, late, contact_name, contact_phone, submitted_on,
            industrial_enterprises, associations_total, associations_new, building_task, liaison_enterprises, zones,
            zones_with_association, national_zones, national_zones_with_association, workstations, county_points,
            matching_funds_yuan, narrative_leadership, narrative_building, narrative_services, narrative_distinctive, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?25)",
    )?
    .execute(params![
            campaign_id, d.unit_code, d.award.code(), state.code(), late, d.contact_name, d.contact_phone, d.submitted_on.map(|x| x.to_string()),
            i.industrial_enterprises, i.associations_total, i.associations_new, i.building_task, i.liaison_enterprises, i.zones,
            i.zones_with_association, i.national_zones, i.national_zones_with_association, i.workstations, i.county_points,
            d.matching_funds_yuan, d.narratives.leadership, d.narratives.building, d.narratives.services, d.narratives.distinctive, now
    ])?;
    Ok(tx.last_insert_rowid())
}

pub(crate) fn update_dossier(tx: &Transaction, id: i64, d: &DossierInput) -> Result<()> {
    let i = &d.indicators;
    tx.execute(
        "UPDATE dossiers SET contact_name = ?2, contact_phone = ?3, industrial_enterprises = ?4, associations_total = ?5, associations_new = ?6,
            building_task = ?7, liaison_enterprises = ?8, zones = ?9, zones_with_association = ?10, national_zones = ?11,
            national_zones_with_association = ?12, workstations = ?13, county_points = ?14, matching_funds_yuan = ?15,
            narrative_leadership = ?16, narrative_building = ?17, narrative_services = ?18, narrative_distinctive = ?19, updated_at = ?20
         WHERE id = ?1",
        params![
            id, d.contact_name, d.contact_phone, i.industrial_enterprises, i.associations_total, i.associations_new, i.building_task,
            i.liaison_enterprises, i.zones, i.zones_with_association, i.national_zones, i.national_zones_with_association, i.workstations,
            i.county_points, d.matching_funds_yuan, d.narratives.leadership, d.narratives.building, d.narratives.services, d.narratives.distinctive,
            store::now_utc()
        ],
    )?;
    Ok(())
}

/// Stores one received (imported) dossier as submitted, or late after the deadline, with its
/// audit entry. Returns whether it was late.
pub(crate) fn insert_received(
    tx: &Transaction,
    actor: &Actor,
    c: &super::Campaign,
    d: &DossierInput,
    file: &str,
) -> Result<bool> {
    let on = d.submitted_on.unwrap_or(c.dates.deadline);
    let is_late = rules::is_late(c.dates.deadline, on);
    let state = if is_late { DossierState::Late } else { DossierState::Submitted };
    let id = insert_dossier(tx, c.id, d, state, is_late)?;
    store::audit(
        tx,
        &actor.audit_name(),
        AuditAction::DossierImport,
        &format!("dossier:{id}"),
        &serde_json::json!({"file": file, "unit": d.unit_code, "award": d.award, "on": on, "state": state.code()}),
    )?;
    Ok(is_late)
}

fn require_apply(stage: Stage, action: Text) -> Result<()> {
    if stage != Stage::Apply {
        return Err(Error::illegal(stage.text(), action, t!(msg::EXCHANGE_DOSSIER_BEFORE_DRAW)));
    }
    Ok(())
}

/// The formal check of a dossier (SPEC "Recommend"): completeness and plausibility. Each problem
/// names the field and the fix. Eligibility is guaranteed on entry (only the 47 units exist).
pub fn formal_check(d: &DossierInput, attachment_kinds: &[String], required_attachments: &[String]) -> Vec<Text> {
    let mut p = Vec::new();
    if d.contact_name.trim().is_empty() {
        p.push(t!(msg::YEAR_CHECK_CONTACT));
    }
    if d.contact_phone.chars().filter(|c| c.is_ascii_digit()).count() < 7 {
        p.push(t!(msg::YEAR_CHECK_PHONE));
    }
    for (i, (_, text)) in d.narratives.sections().into_iter().enumerate() {
        if text.trim().chars().count() < 10 {
            p.push(t!(msg::YEAR_CHECK_NARRATIVE, section = narrative_text(i)));
        }
    }
    for (id, message) in d.indicators.plausibility_texts() {
        p.push(t!(msg::YEAR_CHECK_FIELD, field = indicator_text(id), message));
    }
    if d.award == Award::Pilot && d.matching_funds_yuan <= 0 {
        p.push(t!(msg::YEAR_CHECK_MATCHING));
    }
    for k in required_attachments {
        if !attachment_kinds.iter().any(|a| a == k) {
            p.push(t!(msg::YEAR_CHECK_ATTACHMENT, kind = k));
        }
    }
    p
}

/// The formal check's problems in Chinese, as the decisions and the outcomes record them.
fn in_chinese(p: &[Text]) -> Vec<String> {
    p.iter().map(Text::zh).collect()
}

/// The name of the narrative section `i` of `Narratives::sections`.
fn narrative_text(i: usize) -> Text {
    match i {
        0 => t!(msg::YEAR_NAR_LEADERSHIP),
        1 => t!(msg::YEAR_NAR_BUILDING),
        2 => t!(msg::YEAR_NAR_SERVICES),
        _ => t!(msg::YEAR_NAR_DISTINCTIVE),
    }
}

/// How the secretariat decides on a checked dossier.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(tag = "outcome", content = "reasons", rename_all = "snake_case")]
pub enum Recommendation {
    Recommend,
    Return(Vec<String>),
    Reject(String),
}

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct RecommendOutcome {
    pub dossier_id: i64,
    pub unit: String,
    pub award: Award,
    /// recommended / returned / rejected / awaiting_late_decision / awaiting_yoy_check (the
    /// formal check passed but findings against last year wait for the clerk's 已核实)
    pub outcome: String,
    pub reasons: Vec<String>,
    /// The year compared with (None: the unit did not apply the year before).
    pub last_year: Option<i32>,
    /// The year-over-year findings with both years' values, verified or not.
    pub yoy: Vec<YoyCheck>,
}

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct ImportReport {
    pub file: String,
    pub imported: usize,
    pub late: usize,
    pub notes: Vec<String>,
}

fn attachment_kinds(conn: &Connection, id: i64) -> Result<Vec<String>> {
    let mut st = conn.prepare("SELECT kind FROM attachments WHERE dossier_id = ?1")?;
    let v = st.query_map([id], |r| r.get(0))?.collect::<std::result::Result<Vec<String>, _>>()?;
    Ok(v)
}

impl Desk {
    /// Creates or updates a draft (or a returned dossier). Secretariat, or an applicant for its
    /// own unit. Negative numbers are refused; plausibility is checked at the formal check.
    pub fn save_dossier(&self, actor: &Actor, year: Option<i32>, input: DossierInput) -> Result<i64> {
        let unit = units::by_code(&input.unit_code).ok_or_else(|| {
            Error::invalid(
                t!(msg::YEAR_FIELD_APPLICANT),
                t!(msg::EXCHANGE_UNIT_CODE_UNKNOWN, code = input.unit_code.as_str()),
            )
        })?;
        self.require_own_unit(actor, &unit.code, || t!(msg::YEAR_OWN_DOSSIER_FILL, unit = unit.full_name.as_str()))?;
        for (id, _) in INDICATORS {
            if input.indicators.get(id).unwrap_or(0) < 0 {
                return Err(Error::invalid(indicator_text(id), t!(msg::YEAR_NEGATIVE_COUNT)));
            }
        }
        if input.matching_funds_yuan < 0 {
            return Err(Error::invalid(t!(msg::INPUT_FIELD_MATCHING_FUNDS), t!(msg::YEAR_NEGATIVE)));
        }
        self.write(|tx| {
            let c = load(tx, year)?;
            require_apply(c.stage, t!(msg::YEAR_ACTION_FILL_DOSSIER))?;
            let existing: Option<(i64, DossierState)> = tx
                .query_row(
                    "SELECT id, state FROM dossiers WHERE campaign_id = ?1 AND unit_code = ?2 AND award = ?3",
                    params![c.id, unit.code, input.award.code()],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?;
            let id = match existing {
                Some((id, st)) => {
                    if !matches!(st, DossierState::Draft | DossierState::Returned) {
                        return Err(Error::illegal(
                            st.text(),
                            t!(msg::YEAR_ACTION_EDIT_DOSSIER),
                            t!(msg::YEAR_EDIT_DRAFT_ONLY),
                        ));
                    }
                    update_dossier(tx, id, &input)?;
                    id
                }
                None => insert_dossier(
                    tx,
                    c.id,
                    &DossierInput { submitted_on: None, ..input.clone() },
                    DossierState::Draft,
                    false,
                )?,
            };
            store::audit(tx, &actor.audit_name(), AuditAction::DossierSave, &format!("dossier:{id}"), &json(&input))?;
            Ok(id)
        })
    }

    /// Hands in a draft or returned dossier: the secretariat records the date it received it
    /// (`on`); an applicant's submission is dated today, whatever `on` says. After the deadline
    /// the dossier becomes late and waits for a secretariat decision.
    pub fn submit_dossier(&self, actor: &Actor, id: i64, on: NaiveDate) -> Result<DossierState> {
        let d = load_dossier(&self.conn, id)?;
        self.require_own_unit(actor, &d.unit.code, || t!(msg::YEAR_OWN_DOSSIER_SUBMIT))?;
        // the secretariat records the date it received a dossier; an applicant submits today
        let on = if actor.role == Role::Applicant { chrono::Local::now().date_naive() } else { on };
        self.write(|tx| {
            let c = load(tx, Some(d.year))?;
            require_apply(c.stage, t!(msg::YEAR_ACTION_SUBMIT_DOSSIER))?;
            let late = rules::is_late(c.dates.deadline, on);
            let next = dossier_after(d.state, if late { DossierEvent::SubmitLate } else { DossierEvent::Submit })?;
            tx.execute(
                "UPDATE dossiers SET state = ?1, late = ?2, submitted_on = ?3, updated_at = ?4 WHERE id = ?5",
                params![next.code(), late, on.to_string(), store::now_utc(), id],
            )?;
            store::audit(
                tx,
                &actor.audit_name(),
                AuditAction::DossierSubmit,
                &format!("dossier:{id}"),
                &serde_json::json!({"on": on, "late": late, "state": next.code()}),
            )?;
            Ok(next)
        })
    }

    /// Imports 申报汇总表 (XLSX or CSV): every row becomes a submitted (or late) dossier, or —
    /// on any problem — nothing is written and every problem is named with row and column.
    pub fn import_dossiers(&self, actor: &Actor, year: Option<i32>, path: &Path) -> Result<ImportReport> {
        self.require(actor, Role::Secretariat, t!(msg::YEAR_ACTION_IMPORT_DOSSIERS))?;
        let table = import::read_table(path)?;
        let rows = import::parse_dossiers(&table)?;
        self.write(|tx| {
            let c = load(tx, year)?;
            require_apply(c.stage, t!(msg::YEAR_ACTION_IMPORT_DOSSIERS))?;
            let mut problems = Vec::new();
            for (n, d) in &rows {
                let dup: Option<DossierState> = tx
                    .query_row(
                        "SELECT state FROM dossiers WHERE campaign_id = ?1 AND unit_code = ?2 AND award = ?3",
                        params![c.id, d.unit_code, d.award.code()],
                        |r| r.get(0),
                    )
                    .optional()?;
                if let Some(st) = dup {
                    let name = units::by_code(&d.unit_code).map(|u| u.full_name.as_str()).unwrap_or("");
                    problems.push(ImportProblem::new(
                        *n,
                        "单位名称",
                        t!(msg::YEAR_IMPORT_DUPLICATE, unit = name, award = d.award.text(), state = st.text()),
                    ));
                }
            }
            if !problems.is_empty() {
                return Err(Error::Import { file: table.file.clone(), problems });
            }
            let mut late = 0;
            for (_, d) in &rows {
                late += insert_received(tx, actor, &c, d, &table.file)? as usize;
            }
            Ok(ImportReport { file: table.file.clone(), imported: rows.len(), late, notes: table.notes.clone() })
        })
    }

    /// Inserts parsed dossier rows in one transaction exactly as `import_dossiers` does, without
    /// the database duplicate check. For the benchmark only.
    #[doc(hidden)]
    pub fn bench_insert_dossiers(&self, year: Option<i32>, rows: &[(usize, DossierInput)]) -> Result<usize> {
        let actor = self.local_secretariat();
        self.write(|tx| {
            let c = load(tx, year)?;
            for (_, d) in rows {
                insert_received(tx, &actor, &c, d, "bench")?;
            }
            Ok(rows.len())
        })
    }

    /// Records the secretariat's decision on a late dossier (reason required).
    pub fn decide_late(&self, actor: &Actor, id: i64, accept: bool, reason: &str) -> Result<DossierState> {
        self.require(actor, Role::Secretariat, t!(msg::YEAR_ACTION_DECIDE_LATE))?;
        crate::workflow::reason_required(reason, t!(msg::YEAR_ACTION_DECIDE_LATE))?;
        self.write(|tx| {
            let d = load_dossier(tx, id)?;
            let c = load(tx, Some(d.year))?;
            require_apply(c.stage, t!(msg::YEAR_ACTION_DECIDE_LATE))?;
            let next =
                dossier_after(d.state, if accept { DossierEvent::AcceptLate } else { DossierEvent::RefuseLate })?;
            set_state(tx, id, next)?;
            let (kind, action) = if accept {
                ("late_accepted", AuditAction::DossierLateAccepted)
            } else {
                ("late_refused", AuditAction::DossierLateRefused)
            };
            record_decision(tx, actor, id, kind, reason)?;
            store::audit(
                tx,
                &actor.audit_name(),
                action,
                &format!("dossier:{id}"),
                &serde_json::json!({"reason": reason}),
            )?;
            Ok(next)
        })
    }

    /// The problems the formal check finds in a dossier (empty = it may be recommended).
    pub fn check_dossier(&self, id: i64) -> Result<Vec<String>> {
        let d = load_dossier(&self.conn, id)?;
        let c = load(&self.conn, Some(d.year))?;
        Ok(in_chinese(&formal_check(&d.input, &attachment_kinds(&self.conn, id)?, &c.policy.required_attachments)))
    }

    /// Recommends, returns (with reasons) or rejects (with reason) one submitted dossier.
    /// Recommending a dossier the formal check finds fault with is refused with the problems.
    pub fn recommend(&self, actor: &Actor, id: i64, decision: Recommendation) -> Result<DossierState> {
        self.require(actor, Role::Secretariat, DossierEvent::Recommend.text())?;
        self.write(|tx| self.recommend_in(tx, actor, id, decision))
    }

    fn recommend_in(&self, tx: &Transaction, actor: &Actor, id: i64, decision: Recommendation) -> Result<DossierState> {
        let d = load_dossier(tx, id)?;
        let c = load(tx, Some(d.year))?;
        require_apply(c.stage, DossierEvent::Recommend.text())?;
        let (event, kind, action, reason) = match &decision {
            Recommendation::Recommend => {
                let p = formal_check(&d.input, &attachment_kinds(tx, id)?, &c.policy.required_attachments);
                let unit = d.unit.full_name.as_str();
                if let Some(problems) = super::joined(p, &msg::YEAR_JOIN_SEMI) {
                    return Err(Error::rule(t!(msg::YEAR_FORMAL_CHECK_FAILED, unit, problems)));
                }
                let y = yoy::report(tx, d.year, id, &d.input, &c.policy)?;
                // the findings' words are the year-over-year check's own (its report, in Chinese)
                let open: Vec<&str> = y.unverified().map(|f| f.message.as_str()).collect();
                if !open.is_empty() {
                    let (n, findings) = (open.len(), open.join("；"));
                    return Err(Error::rule(t!(msg::YEAR_YOY_OPEN, unit, n, findings)));
                }
                (DossierEvent::Recommend, "recommended", AuditAction::DossierRecommended, "形式审查通过".to_string())
            }
            Recommendation::Return(reasons) => {
                if reasons.iter().all(|r| r.trim().is_empty()) {
                    return Err(Error::invalid(
                        t!(msg::YEAR_FIELD_RETURN_REASON),
                        t!(msg::YEAR_REASON_NEEDED, what = DossierEvent::Return.text()),
                    ));
                }
                (DossierEvent::Return, "returned", AuditAction::DossierReturned, reasons.join("；"))
            }
            Recommendation::Reject(reason) => {
                if reason.trim().is_empty() {
                    return Err(Error::invalid(
                        t!(msg::YEAR_FIELD_REJECT_REASON),
                        t!(msg::YEAR_REASON_NEEDED, what = DossierEvent::Reject.text()),
                    ));
                }
                (DossierEvent::Reject, "rejected", AuditAction::DossierRejected, reason.clone())
            }
        };
        let next = dossier_after(d.state, event)?;
        set_state(tx, id, next)?;
        record_decision(tx, actor, id, kind, &reason)?;
        store::audit(
            tx,
            &actor.audit_name(),
            action,
            &format!("dossier:{id}"),
            &serde_json::json!({"reason": reason}),
        )?;
        Ok(next)
    }

    /// Formal check of every submitted dossier: passes are recommended, the rest returned with
    /// the problems as reasons. Late dossiers without a decision are listed, not touched. A unit
    /// that applied the year before is compared with it (`plausibility`): a pass with a finding not
    /// yet verified is listed as awaiting_yoy_check and left submitted, never returned for it.
    pub fn recommend_auto(&self, actor: &Actor, year: Option<i32>) -> Result<Vec<RecommendOutcome>> {
        self.require(actor, Role::Secretariat, DossierEvent::Recommend.text())?;
        self.write(|tx| {
            let c = load(tx, year)?;
            require_apply(c.stage, DossierEvent::Recommend.text())?;
            let ids: Vec<(i64, String)> = {
                let mut st = tx.prepare("SELECT d.id, d.state FROM dossiers d JOIN units u ON u.code = d.unit_code WHERE d.campaign_id = ?1 AND d.state IN ('submitted', 'late') ORDER BY d.award, u.ord")?;
                let v = st.query_map([c.id], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<std::result::Result<_, _>>()?;
                v
            };
            let mut out = Vec::new();
            for (id, state) in ids {
                let d = load_dossier(tx, id)?;
                if state == "late" {
                    out.push(RecommendOutcome { dossier_id: id, unit: d.unit.full_name.clone(), award: d.award(), outcome: "awaiting_late_decision".into(), reasons: vec!["逾期提交，待秘书处决定是否受理".into()], last_year: None, yoy: Vec::new() });
                    continue;
                }
                let p = in_chinese(&formal_check(&d.input, &attachment_kinds(tx, id)?, &c.policy.required_attachments));
                let y = yoy::report(tx, d.year, id, &d.input, &c.policy)?;
                // findings against last year are never a refusal, and never passed over: a dossier
                // with one not yet verified waits (submitted) for the clerk's 已核实 or return
                let open: Vec<String> = y.unverified().map(|f| f.message.clone()).collect();
                let (outcome, reasons) = if !p.is_empty() {
                    self.recommend_in(tx, actor, id, Recommendation::Return(p.clone()))?;
                    ("returned", p)
                } else if !open.is_empty() {
                    ("awaiting_yoy_check", open)
                } else {
                    self.recommend_in(tx, actor, id, Recommendation::Recommend)?;
                    ("recommended", p)
                };
                out.push(RecommendOutcome { dossier_id: id, unit: d.unit.full_name.clone(), award: d.award(), outcome: outcome.into(), reasons, last_year: y.last_year, yoy: y.findings });
            }
            Ok(out)
        })
    }

    /// Stores an attachment (content-addressed by SHA-256) on a draft/submitted dossier.
    pub fn add_attachment(&self, actor: &Actor, id: i64, kind: &str, file_name: &str, bytes: &[u8]) -> Result<String> {
        let d = load_dossier(&self.conn, id)?;
        self.require_own_unit(actor, &d.unit.code, || t!(msg::YEAR_OWN_DOSSIER_ATTACH))?;
        let ext = Path::new(file_name).extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default();
        let media_type = match ext.as_str() {
            "pdf" => "application/pdf",
            "png" => "image/png",
            "jpg" | "jpeg" => "image/jpeg",
            "doc" => "application/msword",
            "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "xls" => "application/vnd.ms-excel",
            "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "ofd" => "application/ofd",
            _ => {
                return Err(Error::invalid(
                    t!(msg::YEAR_WHAT_ATTACHMENT),
                    t!(msg::YEAR_ATTACHMENT_TYPE, file = file_name),
                ))
            }
        };
        if bytes.is_empty() {
            return Err(Error::invalid(
                t!(msg::YEAR_WHAT_ATTACHMENT),
                t!(msg::YEAR_ATTACHMENT_EMPTY, file = file_name),
            ));
        }
        let sha = hex::encode(Sha256::digest(bytes));
        self.write(|tx| {
            let c = load(tx, Some(d.year))?;
            require_apply(c.stage, t!(msg::YEAR_ACTION_ADD_ATTACHMENT))?;
            if !matches!(d.state, DossierState::Draft | DossierState::Submitted | DossierState::Late | DossierState::Returned) {
                return Err(Error::illegal(d.state.text(), t!(msg::YEAR_ACTION_ADD_ATTACHMENT), t!(msg::YEAR_ATTACH_BEFORE_CHECK)));
            }
            tx.execute("INSERT OR IGNORE INTO blobs (sha256, size, data) VALUES (?1, ?2, ?3)", params![sha, bytes.len() as i64, bytes])?;
            tx.execute(
                "INSERT INTO attachments (dossier_id, kind, file_name, media_type, sha256, added_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![id, kind, file_name, media_type, sha, store::now_utc()],
            )?;
            store::audit(tx, &actor.audit_name(), AuditAction::DossierAttach, &format!("dossier:{id}"), &serde_json::json!({"file": file_name, "kind": kind, "sha256": sha, "size": bytes.len()}))?;
            Ok(sha.clone())
        })
    }

    /// One dossier, if the actor may see it: the secretariat all; an applicant its own unit's;
    /// an expert only dossiers assigned to them.
    pub fn dossier(&self, actor: &Actor, id: i64) -> Result<Dossier> {
        self.visible_dossier(actor, id)?.ok_or_else(|| self.deny(actor, t!(msg::YEAR_NO_RIGHT_TO_DOSSIER)))
    }

    /// The dossier if the actor may see it (None: not theirs; no refusal logged — a list).
    fn visible_dossier(&self, actor: &Actor, id: i64) -> Result<Option<Dossier>> {
        let d = load_dossier(&self.conn, id)?;
        Ok(match actor.role {
            Role::Secretariat => Some(d),
            Role::Applicant if actor.unit_code.as_deref() == Some(d.unit.code.as_str()) => Some(d),
            Role::Expert if super::rows::assignments::expert_assigned(&self.conn, actor, id)? => Some(d),
            _ => None,
        })
    }

    /// The dossiers the actor may see, in award then unit order.
    pub fn dossiers(&self, actor: &Actor, year: Option<i32>) -> Result<Vec<Dossier>> {
        let c = load(&self.conn, year)?;
        let ids: Vec<i64> = {
            let mut st = self.conn.prepare("SELECT d.id FROM dossiers d JOIN units u ON u.code = d.unit_code WHERE d.campaign_id = ?1 ORDER BY d.award, u.ord")?;
            let v = st.query_map([c.id], |r| r.get(0))?.collect::<std::result::Result<_, _>>()?;
            v
        };
        let mut out = Vec::new();
        for id in ids {
            out.extend(self.visible_dossier(actor, id)?);
        }
        Ok(out)
    }

    /// Finds a dossier id by unit name and award (award may be omitted when unambiguous).
    pub fn find_dossier(&self, year: Option<i32>, unit: &str, award: Option<Award>) -> Result<i64> {
        let c = load(&self.conn, year)?;
        find_dossier(&self.conn, c.id, unit, award)
    }

    /// The bytes of an attachment the actor may see.
    pub fn attachment(&self, actor: &Actor, dossier_id: i64, sha256: &str) -> Result<Vec<u8>> {
        let d = self.dossier(actor, dossier_id)?;
        if !d.attachments.iter().any(|a| a.sha256 == sha256) {
            return Err(Error::not_found(t!(msg::YEAR_WHAT_ATTACHMENT), sha256));
        }
        Ok(self.conn.query_row("SELECT data FROM blobs WHERE sha256 = ?1", [sha256], |r| r.get(0))?)
    }
}
