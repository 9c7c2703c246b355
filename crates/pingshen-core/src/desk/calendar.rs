//! The working-day calendar of this database: the bundled years plus the years the secretariat
//! imported from the State Council's holiday notice (`calendar_years`). Every date computation of
//! the desk (publicity periods) goes through [`work_calendar`].

use super::{Actor, Desk, Role};
use crate::calendar::{NamedDay, WorkCalendar, YearDays};
use crate::error::{Error, Result};
use crate::holiday_notice::{self, HolidayNotice};
use crate::store;
use crate::AuditAction;
use crate::{msg, t};
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::path::Path;

/// One year of the calendar as the clerk sees it.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct CalendarYear {
    pub year: i32,
    /// 「内置」 for the bundled years, else the imported notice's file name.
    pub source: String,
    /// When it was imported (UTC RFC 3339); `None` for a bundled year.
    pub imported_at: Option<String>,
    pub holidays: Vec<NamedDay>,
    pub workdays: Vec<NamedDay>,
}

/// What an import found and stored.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct CalendarImport {
    pub notice: HolidayNotice,
    /// A year already imported was replaced.
    pub replaced: bool,
}

fn imported_years(conn: &Connection) -> Result<Vec<(i32, YearDays)>> {
    let mut st = conn.prepare("SELECT year, days_json FROM calendar_years ORDER BY year")?;
    let rows: Vec<(i32, String)> =
        st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<std::result::Result<_, _>>()?;
    rows.into_iter()
        .map(|(y, json)| {
            serde_json::from_str(&json)
                .map(|d| (y, d))
                .map_err(|_| Error::other(t!(msg::INPUT_CAL_STORED_DAMAGED, year = y)))
        })
        .collect()
}

/// The bundled calendar extended by the imported years.
pub(crate) fn work_calendar(conn: &Connection) -> Result<WorkCalendar> {
    let extra = imported_years(conn)?;
    if extra.is_empty() {
        return Ok(WorkCalendar::china().clone());
    }
    WorkCalendar::china().with_years(extra)
}

fn read_notice(path: &Path) -> Result<(String, HolidayNotice, String)> {
    let file = path.file_name().map(|f| f.to_string_lossy().into_owned()).unwrap_or_else(|| path.display().to_string());
    let bytes = std::fs::read(path).map_err(|e| Error::Io { path: path.display().to_string(), source: e })?;
    let text = holiday_notice::decode(&file, &bytes)?;
    let notice = holiday_notice::parse(&file, &text)?;
    Ok((file, notice, hex::encode(Sha256::digest(&bytes))))
}

impl Desk {
    /// The working-day calendar of this database (bundled years and imported ones).
    pub fn calendar(&self) -> Result<WorkCalendar> {
        work_calendar(&self.conn)
    }

    /// Reads a holiday notice and shows what it holds; nothing is stored.
    pub fn preview_holiday_notice(&self, actor: &Actor, path: &Path) -> Result<HolidayNotice> {
        self.require(actor, Role::Secretariat, t!(msg::INPUT_ACTION_IMPORT_NOTICE))?;
        Ok(read_notice(path)?.1)
    }

    /// Stores the year of a State Council holiday notice (audited). A bundled year is never
    /// replaced; an imported one only with `replace`, and never once a publicity period that
    /// touches that year has been opened (its end date was computed from the old days).
    pub fn import_holiday_notice(&self, actor: &Actor, path: &Path, replace: bool) -> Result<CalendarImport> {
        self.require(actor, Role::Secretariat, t!(msg::INPUT_ACTION_IMPORT_NOTICE))?;
        let (file, notice, sha) = read_notice(path)?;
        let y = notice.year;
        let bundled = WorkCalendar::china();
        if y <= bundled.last_year() {
            return Err(Error::rule(t!(
                msg::INPUT_NOTICE_BUILT_IN,
                year = y,
                first = bundled.first_year(),
                last = bundled.last_year()
            )));
        }
        self.write(|tx| {
            let known: Option<String> = tx.query_row("SELECT imported_at FROM calendar_years WHERE year = ?1", [y], |r| r.get(0)).optional()?;
            if let Some(at) = &known {
                if !replace {
                    return Err(Error::rule(t!(msg::INPUT_NOTICE_ALREADY_IMPORTED, year = y, date = &at[..10.min(at.len())])));
                }
                let (from, to) = (format!("{y}-01-01"), format!("{y}-12-31"));
                let opened: Option<(i32, String, String)> = tx
                    .query_row(
                        "SELECT c.year, p.start_on, p.end_on FROM publicity p JOIN campaigns c ON c.id = p.campaign_id
                          WHERE p.start_on <= ?2 AND p.end_on >= ?1 LIMIT 1",
                        params![from, to],
                        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
                    )
                    .optional()?;
                if let Some((cy, s, e)) = opened {
                    return Err(Error::rule(t!(msg::INPUT_NOTICE_PUBLICITY_USES, campaign_year = cy, start = s.as_str(), end = e.as_str(), year = y)));
                }
            }
            // the calendar with this year must hold together (contiguous years, valid days)
            let mut years = imported_years(tx)?;
            years.retain(|(x, _)| *x != y);
            years.push((y, notice.days.clone()));
            WorkCalendar::china().with_years(years)?;
            let json =
                serde_json::to_string(&notice.days).map_err(|e| Error::other(t!(msg::INPUT_DETAIL, detail = e.to_string())))?;
            tx.execute(
                "INSERT OR REPLACE INTO calendar_years (year, days_json, file_name, text_sha256, actor, imported_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![y, json, file, sha, actor.audit_name(), store::now_utc()],
            )?;
            store::audit(
                tx,
                &actor.audit_name(),
                AuditAction::CalendarImport,
                &format!("calendar:{y}"),
                &serde_json::json!({"file": file, "sha256": sha, "replaced": known.is_some(), "days": notice.days}),
            )?;
            Ok(CalendarImport { notice: notice.clone(), replaced: known.is_some() })
        })
    }

    /// A year's holidays and make-up working days, bundled or imported.
    pub fn calendar_year(&self, year: i32) -> Result<CalendarYear> {
        let imported: Option<(String, String)> = self
            .conn
            .query_row("SELECT file_name, imported_at FROM calendar_years WHERE year = ?1", [year], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()?;
        let cal = self.calendar()?;
        let days = cal.year(year).ok_or_else(|| Error::NotFound {
            what: t!(msg::INPUT_CAL_WHAT_HOLIDAYS),
            name: year.to_string(),
            hint: t!(msg::INPUT_CAL_YEAR_UNKNOWN_HINT, first = cal.first_year(), last = cal.last_year()),
        })?;
        let (source, imported_at) = match imported {
            Some((f, at)) => (f, Some(at)),
            None => ("内置".to_string(), None),
        };
        Ok(CalendarYear { year, source, imported_at, holidays: days.holidays.clone(), workdays: days.workdays.clone() })
    }
}
