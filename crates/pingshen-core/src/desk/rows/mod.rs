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
use crate::workflow::{DossierState, SheetState, Stage};
use chrono::NaiveDate;
use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};

/// A stored text that is none of the values the product writes.
#[derive(Debug)]
pub(crate) struct UnknownValue {
    what: &'static str,
    value: String,
}

impl std::fmt::Display for UnknownValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "无法识别的{}「{}」", self.what, self.value)
    }
}

impl std::error::Error for UnknownValue {}

fn text_column<T>(v: ValueRef<'_>, what: &'static str, parse: impl FnOnce(&str) -> Option<T>) -> FromSqlResult<T> {
    let s = v.as_str()?;
    parse(s).ok_or_else(|| FromSqlError::Other(Box::new(UnknownValue { what, value: s.to_string() })))
}

macro_rules! code_column {
    ($t:ty, $what:literal, $parse:path) => {
        impl ToSql for $t {
            fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
                Ok(ToSqlOutput::from(self.code()))
            }
        }
        impl FromSql for $t {
            fn column_result(v: ValueRef<'_>) -> FromSqlResult<Self> {
                text_column(v, $what, $parse)
            }
        }
    };
}

fn award_code(s: &str) -> Option<Award> {
    // stored as its code only (never the Chinese label the importers also accept)
    Award::ALL.into_iter().find(|a| a.code() == s)
}

code_column!(Award, "申报类别", award_code);
code_column!(Stage, "年度阶段", Stage::from_code);
code_column!(DossierState, "申报材料状态", DossierState::from_code);
code_column!(SheetState, "评分表状态", SheetState::from_code);

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

/// Names the table and row of a value that could not be read (`Error::Db` otherwise).
pub(crate) fn at(table: &'static str, row: impl std::fmt::Display) -> impl FnOnce(rusqlite::Error) -> Error {
    move |e| match e {
        rusqlite::Error::FromSqlConversionFailure(_, _, inner) => {
            Error::Other(format!("数据库表 {table} 中的第{row}行已损坏：{inner}"))
        }
        e => e.into(),
    }
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
