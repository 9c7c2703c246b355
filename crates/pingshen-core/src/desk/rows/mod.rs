//! The row layer: the typed columns of the campaign's tables and the reads and writes of the rows
//! that several use cases share (experts, assignments, scores, funding lines; the dossiers as the
//! results read them; the year-over-year check's rows). A value read back
//! from the database that is not one the product writes is an error naming the table, the row and
//! the value — never a silent default.

pub(crate) mod assignments;
pub(crate) mod dossiers;
pub(crate) mod experts;
pub(crate) mod funding;
pub(crate) mod meeting;
pub(crate) mod pledges;
pub(crate) mod scores;
pub(crate) mod seal;
pub(crate) mod yoy;

use crate::decimal::Centi;
use crate::error::Error;
use crate::model::Award;
use crate::text::{Arg, IntoArg, Msg, Text};
use crate::workflow::{DossierState, SheetState, Stage};
use crate::{msg, t};
use chrono::NaiveDate;
use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};

/// A stored text that is none of the values the product writes.
#[derive(Debug)]
pub(crate) struct UnknownValue {
    /// What the column holds (e.g. 申报类别).
    what: &'static Msg,
    value: String,
}

impl UnknownValue {
    fn text(&self) -> Text {
        t!(msg::YEAR_UNKNOWN_VALUE, what = Text::new(self.what, Vec::new()), value = self.value.as_str())
    }
}

impl std::fmt::Display for UnknownValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text().zh())
    }
}

impl std::error::Error for UnknownValue {}

fn text_column<T>(v: ValueRef<'_>, what: &'static Msg, parse: impl FnOnce(&str) -> Option<T>) -> FromSqlResult<T> {
    let s = v.as_str()?;
    parse(s).ok_or_else(|| FromSqlError::other(Box::new(UnknownValue { what, value: s.to_string() })))
}

macro_rules! code_column {
    ($t:ty, $what:path, $parse:path) => {
        impl ToSql for $t {
            fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
                Ok(ToSqlOutput::from(self.code()))
            }
        }
        impl FromSql for $t {
            fn column_result(v: ValueRef<'_>) -> FromSqlResult<Self> {
                text_column(v, &$what, $parse)
            }
        }
    };
}

fn award_code(s: &str) -> Option<Award> {
    // stored as its code only (never the Chinese label the importers also accept)
    Award::ALL.into_iter().find(|a| a.code() == s)
}

code_column!(Award, msg::YEAR_COLUMN_AWARD, award_code);
code_column!(Stage, msg::YEAR_COLUMN_STAGE, Stage::from_code);
code_column!(DossierState, msg::YEAR_COLUMN_DOSSIER_STATE, DossierState::from_code);
code_column!(SheetState, msg::YEAR_COLUMN_SHEET_STATE, SheetState::from_code);

/// Scores are stored as integer hundredths (`centi` columns).
impl ToSql for Centi {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(self.0))
    }
}

impl FromSql for Centi {
    fn column_result(v: ValueRef<'_>) -> FromSqlResult<Self> {
        i64::column_result(v).map(Centi)
    }
}

/// A stored ISO date; a corrupt one is an error, never a silent 1970-01-01.
pub(crate) fn date(s: &str) -> rusqlite::Result<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e)))
}

/// Names the table and row of a value that could not be read (`Error::Db` otherwise). `row`: the
/// row's key (a number), or a text saying which rows (`YEAR_ROW_*`, e.g. 「（2014年度）」).
pub(crate) fn at(table: &'static str, row: impl IntoArg) -> impl FnOnce(rusqlite::Error) -> Error {
    move |e| match e {
        rusqlite::Error::FromSqlConversionFailure(_, _, inner) => {
            let detail = match inner.downcast_ref::<UnknownValue>() {
                Some(u) => u.text().into_arg(),
                // a library's own words (e.g. chrono's, for a date)
                None => Arg::Plain(inner.to_string()),
            };
            damaged(table, row, detail)
        }
        e => e.into(),
    }
}

/// A row of `table` that cannot be read, and why.
pub(crate) fn damaged(table: &'static str, row: impl IntoArg, detail: impl IntoArg) -> Error {
    Error::other(t!(msg::YEAR_TABLE_ROW_DAMAGED, table, row, detail))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rusqlite::Connection;

    #[test]
    fn typed_columns_round_trip_and_unknown_values_are_named() {
        let c = Connection::open_in_memory().unwrap();
        c.execute_batch("CREATE TABLE t (id INTEGER PRIMARY KEY, award TEXT, state TEXT, centi INTEGER)").unwrap();
        c.execute(
            "INSERT INTO t VALUES (1, ?1, ?2, ?3)",
            rusqlite::params![Award::Pilot, SheetState::Submitted, Centi(850)],
        )
        .unwrap();
        let (a, s, p): (Award, SheetState, Centi) =
            c.query_row("SELECT award, state, centi FROM t", [], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).unwrap();
        assert_eq!((a, s, p), (Award::Pilot, SheetState::Submitted, Centi(850)));
        // a label is not a stored code, and an unknown state is refused, naming table, row and value
        c.execute_batch("UPDATE t SET award = '试点示范', state = 'lost'").unwrap();
        let e = c.query_row("SELECT award FROM t", [], |r| r.get::<_, Award>(0)).map_err(at("t", 1)).unwrap_err();
        assert_eq!(e.to_string(), "数据库表 t 中的第1行已损坏：无法识别的申报类别「试点示范」");
        let e = c.query_row("SELECT state FROM t", [], |r| r.get::<_, SheetState>(0)).map_err(at("t", 1)).unwrap_err();
        assert!(e.to_string().contains("无法识别的评分表状态「lost」"), "{e}");
    }
}
