//! Rows of `pledges` (a year's pledge text) and `pledge_acceptances` (each expert's acceptance).

use crate::error::Result;
use crate::store;
use crate::{msg, t};
use rusqlite::types::{FromSql, FromSqlResult, ToSql, ToSqlOutput, ValueRef};
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};

/// The text of a pledge as stored: title, the opening paragraph, the points in order (without
/// their numbers), the closing paragraph.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct PledgeText {
    pub title: String,
    pub intro: String,
    pub points: Vec<String>,
    pub closing: String,
}

/// A year's stored text with who set it and when.
pub(crate) struct StoredPledge {
    pub text: PledgeText,
    pub updated_by: String,
    pub updated_at: String,
}

/// Where an expert accepted the pledge.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum PledgeKind {
    /// In the secretariat's database: the window's scoring screen, or `pledge accept` there.
    Window,
    /// In the expert's own database opened from a review package (the window or the CLI there);
    /// carried to the secretariat in the score return.
    Package,
    /// By the signature on a paper score sheet entered from the spreadsheet (评分录入).
    Paper,
}

impl PledgeKind {
    pub const ALL: [PledgeKind; 3] = [PledgeKind::Window, PledgeKind::Package, PledgeKind::Paper];

    pub fn code(self) -> &'static str {
        match self {
            PledgeKind::Window => "window",
            PledgeKind::Package => "package",
            PledgeKind::Paper => "paper",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            PledgeKind::Window => "在评审台确认",
            PledgeKind::Package => "在评审材料包中确认",
            PledgeKind::Paper => "纸质评分表签名",
        }
    }

    pub fn from_code(s: &str) -> Option<PledgeKind> {
        PledgeKind::ALL.into_iter().find(|k| k.code() == s)
    }
}

impl ToSql for PledgeKind {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(self.code()))
    }
}

impl FromSql for PledgeKind {
    fn column_result(v: ValueRef<'_>) -> FromSqlResult<Self> {
        super::text_column(v, &msg::YEAR_COLUMN_PLEDGE_KIND, PledgeKind::from_code)
    }
}

/// One expert's acceptance as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct Acceptance {
    /// The name the expert typed (or signed on paper).
    pub name: String,
    pub kind: PledgeKind,
    /// When (UTC, RFC 3339).
    pub accepted_at: String,
    /// SHA-256 of the text accepted (`PledgeText::plain`).
    pub text_sha256: String,
}

/// The year's stored pledge (None: the year uses the default text).
pub(crate) fn stored(conn: &Connection, campaign_id: i64) -> Result<Option<StoredPledge>> {
    let row = conn
        .query_row(
            "SELECT title, intro, points_json, closing, updated_by, updated_at FROM pledges WHERE campaign_id = ?1",
            [campaign_id],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, String>(4)?,
                    r.get::<_, String>(5)?,
                ))
            },
        )
        .optional()
        .map_err(super::at("pledges", campaign_id))?;
    let Some((title, intro, points, closing, updated_by, updated_at)) = row else { return Ok(None) };
    let points: Vec<String> = serde_json::from_str(&points)
        .map_err(|_| super::damaged("pledges", campaign_id, t!(msg::YEAR_PLEDGE_POINTS_UNREADABLE)))?;
    Ok(Some(StoredPledge { text: PledgeText { title, intro, points, closing }, updated_by, updated_at }))
}

/// Stores the year's text (replacing any earlier one).
pub(crate) fn put(tx: &Transaction, campaign_id: i64, text: &PledgeText, by: &str) -> Result<()> {
    tx.execute(
        "INSERT INTO pledges (campaign_id, title, intro, points_json, closing, updated_by, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT(campaign_id) DO UPDATE SET title = excluded.title, intro = excluded.intro, points_json = excluded.points_json,
           closing = excluded.closing, updated_by = excluded.updated_by, updated_at = excluded.updated_at",
        params![
            campaign_id,
            text.title,
            text.intro,
            serde_json::to_string(&text.points).unwrap_or_default(),
            text.closing,
            by,
            store::now_utc()
        ],
    )?;
    Ok(())
}

/// Copies year `from`'s stored text to year `to` (nothing stored: nothing copied, both use the
/// default). Whether a text was copied.
pub(crate) fn carry(tx: &Transaction, from: i64, to: i64) -> Result<bool> {
    let n = tx.execute(
        "INSERT INTO pledges (campaign_id, title, intro, points_json, closing, updated_by, updated_at)
         SELECT ?2, title, intro, points_json, closing, updated_by, updated_at FROM pledges WHERE campaign_id = ?1",
        params![from, to],
    )?;
    Ok(n > 0)
}

/// The expert's acceptance, if made.
pub(crate) fn acceptance(conn: &Connection, expert_id: i64) -> Result<Option<Acceptance>> {
    conn.query_row(
        "SELECT name, kind, accepted_at, text_sha256 FROM pledge_acceptances WHERE expert_id = ?1",
        [expert_id],
        |r| Ok(Acceptance { name: r.get(0)?, kind: r.get(1)?, accepted_at: r.get(2)?, text_sha256: r.get(3)? }),
    )
    .optional()
    .map_err(super::at("pledge_acceptances", expert_id))
}

/// Records an acceptance (an expert accepts once; a later one is not recorded again).
/// Whether it was new.
pub(crate) fn accept(tx: &Transaction, expert_id: i64, a: &Acceptance) -> Result<bool> {
    let n = tx.execute(
        "INSERT OR IGNORE INTO pledge_acceptances (expert_id, name, kind, accepted_at, text_sha256) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![expert_id, a.name, a.kind, a.accepted_at, a.text_sha256],
    )?;
    Ok(n > 0)
}
