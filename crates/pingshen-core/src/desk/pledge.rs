//! The experts' pledge (评审专家承诺书, issue 19): a year's text — the program's default until
//! the secretariat sets one, carried to the next year like the policy, editable until the draw —
//! and each expert's acceptance, which must be made before their first score can be saved (the
//! one path of a score sheet, `score_sheet::store`, asks [`require_accepted`]).
//!
//! Where an acceptance is made ([`PledgeKind`]): in the secretariat's database (the scoring
//! screen of the window, or `pledge accept` there), in the expert's own database opened from a
//! review package (carried back in the signed score return and stored at the secretariat when it
//! is taken), or by the signature on a paper score sheet entered from the spreadsheet.

use super::campaign::{load, read};
use super::rows::experts::expert_id_of;
use super::rows::pledges::{self as rows};
pub use super::rows::pledges::{Acceptance as PledgeAcceptance, PledgeKind, PledgeText};
use super::{Actor, Desk, Role};
use crate::error::{Error, Result};
use crate::exchange::crypto::sha256_hex;
use crate::store;
use crate::text::catalog::msg;
use crate::text::{Msg, Text};
use crate::workflow::Stage;
use crate::{t, AuditAction};
use rusqlite::{Connection, OptionalExtension, Transaction};
use serde::Serialize;

/// The most points a pledge may have, and the longest title, paragraph and point (characters).
pub const MAX_POINTS: usize = 20;
const MAX_TITLE: usize = 40;
const MAX_PARAGRAPH: usize = 600;

/// The default text (a year without its own text uses it): the points a national office asks of
/// its reviewers — independent and fair scoring; declaring a conflict and leaving; confidentiality
/// of dossiers, scores and the other experts' names; no contact with applicants about the review;
/// returning or destroying the materials afterwards.
pub fn default_text() -> PledgeText {
    PledgeText {
        title: "评审专家承诺书".into(),
        intro: "本人受中国科协计划财务部邀请，担任企业科协工作“试点示范”和“后补助”评审专家。本人已阅读并知悉评审工作的有关规定，郑重承诺如下：".into(),
        points: vec![
            "坚持独立、客观、公正的原则，严格依照评分细则和申报材料独立评分、如实填写评审意见，不受任何单位和个人的影响，不打人情分，对本人的评分和评审意见负责。".into(),
            "本人与申报单位存在任职、兼职、隶属、合作、亲属关系或其他可能影响公正评审的利害关系的，主动向秘书处申明并回避，不参加对该单位申报材料的评审。".into(),
            "严格遵守保密规定：不复制、不泄露、不向他人提供申报材料；不对外透露评分、评审意见和评审结果；不打听、不透露其他评审专家的姓名及其评分情况。".into(),
            "评审期间及评审结果公布前，不以任何形式与申报单位及其人员就评审事项进行接触，不接受申报单位的宴请、礼品、礼金和其他利益；遇有说情、打招呼等情况，及时向秘书处报告。".into(),
            "评审工作结束后，按秘书处要求交还或彻底销毁全部评审材料（包括纸质材料、电子文件、评审材料包及其口令），不留存、不转交、不作他用。".into(),
        ],
        closing: "如违反上述承诺，本人愿意接受取消评审专家资格等处理，并承担相应责任。".into(),
    }
}

/// The line under the text where the expert signs (printed; in the window the typed name).
pub const SIGNATURE_LINE: &str = "承诺人（签名）：　　　　　　　　　　年　　月　　日";

/// Chinese ordinal for a point's number: 一, 二, … 二十.
fn cn_ordinal(n: usize) -> String {
    const D: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        1..=9 => D[n].into(),
        10 => "十".into(),
        11..=19 => format!("十{}", D[n - 10]),
        _ => format!("{}十{}", D[n / 10], D[n % 10]),
    }
}

/// A point's number in the words of an error: 一 … 二十 (1 … 20 in English). A pledge has at
/// most [`MAX_POINTS`] points.
static ORDINALS: [Msg; MAX_POINTS] = [
    msg::DECIDE_ORDINAL_1,
    msg::DECIDE_ORDINAL_2,
    msg::DECIDE_ORDINAL_3,
    msg::DECIDE_ORDINAL_4,
    msg::DECIDE_ORDINAL_5,
    msg::DECIDE_ORDINAL_6,
    msg::DECIDE_ORDINAL_7,
    msg::DECIDE_ORDINAL_8,
    msg::DECIDE_ORDINAL_9,
    msg::DECIDE_ORDINAL_10,
    msg::DECIDE_ORDINAL_11,
    msg::DECIDE_ORDINAL_12,
    msg::DECIDE_ORDINAL_13,
    msg::DECIDE_ORDINAL_14,
    msg::DECIDE_ORDINAL_15,
    msg::DECIDE_ORDINAL_16,
    msg::DECIDE_ORDINAL_17,
    msg::DECIDE_ORDINAL_18,
    msg::DECIDE_ORDINAL_19,
    msg::DECIDE_ORDINAL_20,
];

/// The field of the `n`th point (1-based, at most [`MAX_POINTS`]): 「第三条承诺事项」.
fn point_field(n: usize) -> Text {
    t!(msg::DECIDE_FIELD_PLEDGE_POINT, ordinal = Text::new(&ORDINALS[n - 1], Vec::new()))
}

impl PledgeText {
    /// The points with their numbers, as printed: 「一、坚持……」.
    pub fn numbered_points(&self) -> Vec<String> {
        self.points.iter().enumerate().map(|(i, p)| format!("{}、{p}", cn_ordinal(i + 1))).collect()
    }

    /// The body's paragraphs in order (the title and the signature line apart): the opening
    /// paragraph, each numbered point, the closing paragraph; empty ones left out.
    pub fn paragraphs(&self) -> Vec<String> {
        let mut v = Vec::new();
        v.extend(self.intro.lines().map(str::trim).filter(|l| !l.is_empty()).map(String::from));
        v.extend(self.numbered_points());
        v.extend(self.closing.lines().map(str::trim).filter(|l| !l.is_empty()).map(String::from));
        v
    }

    /// The whole text as plain lines: title, paragraphs, signature line. `pledge show` prints it,
    /// `pledge set --file` reads it back ([`PledgeText::parse`]), and its SHA-256 names the text
    /// an expert accepted.
    pub fn plain(&self) -> String {
        let mut s = format!("{}\n\n", self.title);
        for p in self.paragraphs() {
            s += &p;
            s.push('\n');
        }
        s += "\n";
        s += SIGNATURE_LINE;
        s.push('\n');
        s
    }

    /// SHA-256 (hex) of [`PledgeText::plain`].
    pub fn sha256(&self) -> String {
        sha256_hex(self.plain().as_bytes())
    }

    /// Reads a pledge from plain text: the first line is the title; lines that begin with a
    /// point's number (「一、」「1.」「1、」「（一）」「(1)」) start a point, a line that does not
    /// continues the opening paragraph before the first point, or the closing paragraph after
    /// them; blank lines and the signature line (「承诺人…」, printed by the program) are skipped.
    pub fn parse(text: &str) -> Result<PledgeText> {
        let text = text.trim_start_matches('\u{feff}');
        let mut lines = text.lines().map(|l| l.trim().trim_matches('\u{3000}').trim()).filter(|l| !l.is_empty());
        let title = lines.next().unwrap_or("").to_string();
        let (mut intro, mut points, mut closing) = (Vec::<String>::new(), Vec::<String>::new(), Vec::<String>::new());
        for line in lines {
            if line.starts_with("承诺人") {
                continue;
            }
            match strip_number(line) {
                Some(rest) => {
                    if !closing.is_empty() {
                        return Err(Error::invalid(
                            t!(msg::DECIDE_FIELD_PLEDGE_POINTS),
                            t!(msg::DECIDE_PLEDGE_POINT_AFTER_CLOSING, excerpt = excerpt(line)),
                        ));
                    }
                    points.push(rest.to_string());
                }
                None if points.is_empty() => intro.push(line.to_string()),
                None => closing.push(line.to_string()),
            }
        }
        let t = PledgeText { title, intro: intro.join("\n"), points, closing: closing.join("\n") };
        t.validate()?;
        Ok(t)
    }

    /// Refuses an empty title or no points, and text too long for one printed page, naming the
    /// field and the fix.
    pub fn validate(&self) -> Result<()> {
        let n = |s: &str| s.chars().count();
        if self.title.trim().is_empty() {
            return Err(Error::invalid(t!(msg::DECIDE_FIELD_PLEDGE_TITLE), t!(msg::DECIDE_PLEDGE_TITLE_EMPTY)));
        }
        if n(&self.title) > MAX_TITLE {
            return Err(Error::invalid(
                t!(msg::DECIDE_FIELD_PLEDGE_TITLE),
                t!(msg::DECIDE_TOO_LONG, max = MAX_TITLE, n = n(&self.title)),
            ));
        }
        if self.points.is_empty() {
            return Err(Error::invalid(t!(msg::DECIDE_FIELD_PLEDGE_POINTS), t!(msg::DECIDE_PLEDGE_NO_POINTS)));
        }
        if self.points.len() > MAX_POINTS {
            return Err(Error::invalid(
                t!(msg::DECIDE_FIELD_PLEDGE_POINTS),
                t!(msg::DECIDE_PLEDGE_TOO_MANY_POINTS, max = MAX_POINTS, n = self.points.len()),
            ));
        }
        for (i, p) in self.points.iter().enumerate() {
            if p.trim().is_empty() {
                return Err(Error::invalid(point_field(i + 1), t!(msg::INPUT_REQUIRED)));
            }
            if n(p) > MAX_PARAGRAPH {
                return Err(Error::invalid(
                    point_field(i + 1),
                    t!(msg::DECIDE_PLEDGE_POINT_TOO_LONG, max = MAX_PARAGRAPH, n = n(p)),
                ));
            }
        }
        for (field, s) in
            [(&msg::DECIDE_FIELD_PLEDGE_INTRO, &self.intro), (&msg::DECIDE_FIELD_PLEDGE_CLOSING, &self.closing)]
        {
            if n(s) > MAX_PARAGRAPH {
                return Err(Error::invalid(
                    Text::new(field, Vec::new()),
                    t!(msg::DECIDE_TOO_LONG, max = MAX_PARAGRAPH, n = n(s)),
                ));
            }
        }
        Ok(())
    }
}

/// The text after a point's number, when the line starts with one.
fn strip_number(line: &str) -> Option<&str> {
    const CN: &str = "一二三四五六七八九十";
    let cn_digits = |s: &str| !s.is_empty() && s.chars().all(|c| CN.contains(c));
    let ar_digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    for (open, close) in [("（", "）"), ("(", ")")] {
        if let Some(rest) = line.strip_prefix(open) {
            if let Some((num, after)) = rest.split_once(close) {
                if cn_digits(num) || ar_digits(num) {
                    return Some(after.trim());
                }
            }
        }
    }
    for sep in ["、", ".", "．"] {
        if let Some((num, after)) = line.split_once(sep) {
            if (cn_digits(num) && sep != ".") || ar_digits(num) {
                return Some(after.trim());
            }
        }
    }
    None
}

fn excerpt(s: &str) -> String {
    let v: String = s.chars().take(12).collect();
    if s.chars().count() > 12 {
        format!("{v}…")
    } else {
        v
    }
}

/// A year's pledge as the secretariat, the letters and the expert see it.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct Pledge {
    pub year: i32,
    pub text: PledgeText,
    /// The points with their numbers (「一、……」), as printed.
    pub numbered_points: Vec<String>,
    /// The line the expert signs on paper.
    pub signature_line: String,
    /// The program's default text (the year has none of its own).
    pub is_default: bool,
    /// Whether the secretariat may still change it (until the draw).
    pub editable: bool,
    pub updated_by: Option<String>,
    pub updated_at: Option<String>,
    /// SHA-256 of the plain text (what an acceptance names).
    pub sha256: String,
}

impl Pledge {
    /// The whole text as plain lines (title, paragraphs, signature line).
    pub fn plain(&self) -> String {
        self.text.plain()
    }
}

/// An expert's pledge as their scoring screen needs it: the text, their name on the panel and
/// their acceptance once made.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct PledgeStatus {
    pub pledge: Pledge,
    pub expert: String,
    pub accepted: Option<PledgeAcceptance>,
}

/// The year's text: its own, or the default.
pub(crate) fn text_of(conn: &Connection, campaign_id: i64) -> Result<PledgeText> {
    Ok(rows::stored(conn, campaign_id)?.map(|s| s.text).unwrap_or_else(default_text))
}

fn pledge_of(conn: &Connection, campaign_id: i64, year: i32, stage: Stage) -> Result<Pledge> {
    let stored = rows::stored(conn, campaign_id)?;
    let is_default = stored.is_none();
    let (text, by, at) = match stored {
        Some(s) => (s.text, Some(s.updated_by), Some(s.updated_at)),
        None => (default_text(), None, None),
    };
    Ok(Pledge {
        year,
        numbered_points: text.numbered_points(),
        signature_line: SIGNATURE_LINE.into(),
        sha256: text.sha256(),
        text,
        is_default,
        editable: stage == Stage::Apply,
        updated_by: by,
        updated_at: at,
    })
}

/// Refuses a score of an expert who has not accepted the year's pledge (the one path of a score
/// sheet asks this before it writes anything).
pub(crate) fn require_accepted(conn: &Connection, expert_id: i64) -> Result<()> {
    if rows::acceptance(conn, expert_id)?.is_some() {
        return Ok(());
    }
    let name: String = conn
        .query_row("SELECT name FROM experts WHERE id = ?1", [expert_id], |r| r.get(0))
        .optional()?
        .unwrap_or_default();
    Err(Error::rule(t!(msg::DECIDE_PLEDGE_NOT_SIGNED, name)))
}

/// Records an acceptance of `kind` for the expert (audited); one already made stays as it was.
/// Whether it was new.
pub(crate) fn record_acceptance(
    tx: &Transaction,
    actor: &Actor,
    year: i32,
    expert_id: i64,
    expert: &str,
    a: &PledgeAcceptance,
) -> Result<bool> {
    if !rows::accept(tx, expert_id, a)? {
        return Ok(false);
    }
    store::audit(
        tx,
        &actor.audit_name(),
        AuditAction::ExpertPledge,
        &format!("expert:{expert_id}"),
        &serde_json::json!({"year": year, "expert": expert, "name": a.name, "kind": a.kind, "accepted_at": a.accepted_at, "text_sha256": a.text_sha256}),
    )?;
    Ok(true)
}

/// A paper score sheet entered from the spreadsheet counts as the pledge accepted by the expert's
/// signature on it: recorded (kind paper, the expert's name) unless an acceptance exists.
pub(crate) fn accept_by_signature(
    tx: &Transaction,
    actor: &Actor,
    campaign_id: i64,
    year: i32,
    expert_id: i64,
    expert: &str,
) -> Result<bool> {
    let a = PledgeAcceptance {
        name: expert.to_string(),
        kind: PledgeKind::Paper,
        accepted_at: store::now_utc(),
        text_sha256: text_of(tx, campaign_id)?.sha256(),
    };
    record_acceptance(tx, actor, year, expert_id, expert, &a)
}

/// The acceptance of `expert_id` (for the score return and the secretariat's lists).
pub(crate) fn acceptance_of(conn: &Connection, expert_id: i64) -> Result<Option<PledgeAcceptance>> {
    rows::acceptance(conn, expert_id)
}

/// A name as typed, compared without spaces (half- or full-width) or the middle dot's variants.
fn same_name(typed: &str, name: &str) -> bool {
    let norm = |s: &str| -> String {
        s.chars()
            .filter(|c| !c.is_whitespace() && *c != '\u{3000}')
            .map(|c| if c == '•' || c == '．' { '·' } else { c })
            .collect()
    };
    !norm(typed).is_empty() && norm(typed) == norm(name)
}

impl Desk {
    /// The year's pledge (the latest year when `year` is None): the secretariat, or an expert of
    /// that year's panel. Its own text or the default, and whether it may still be edited.
    pub fn pledge(&self, actor: &Actor, year: Option<i32>) -> Result<Pledge> {
        let c = read(&self.conn, year)?;
        match actor.role() {
            Role::Secretariat => {}
            Role::Expert if expert_id_of(&self.conn, actor, c.id)?.is_some() => {}
            _ => return Err(self.deny(actor, t!(msg::DECIDE_PLEDGE_WHO_MAY_VIEW, year = c.year))),
        }
        pledge_of(&self.conn, c.id, c.year, c.stage)
    }

    /// Sets the year's pledge (secretariat, until the draw; one transaction, audited with the
    /// whole text and its SHA-256). The text is checked first ([`PledgeText::validate`]).
    pub fn set_pledge(&self, actor: &Actor, year: Option<i32>, text: &PledgeText) -> Result<Pledge> {
        self.require(actor, Role::Secretariat, t!(msg::DECIDE_ACTION_EDIT_PLEDGE))?;
        let text = PledgeText {
            title: text.title.trim().to_string(),
            intro: text.intro.trim().to_string(),
            points: text.points.iter().map(|p| p.trim().to_string()).collect(),
            closing: text.closing.trim().to_string(),
        };
        text.validate()?;
        self.write(|tx| {
            let c = load(tx, year)?;
            if c.stage != Stage::Apply {
                return Err(Error::illegal(
                    c.stage.text(),
                    t!(msg::DECIDE_ACTION_EDIT_PLEDGE),
                    t!(msg::DECIDE_PLEDGE_FROZEN, year = c.year),
                ));
            }
            rows::put(tx, c.id, &text, &actor.audit_name())?;
            store::audit(
                tx,
                &actor.audit_name(),
                AuditAction::CampaignPledge,
                &format!("campaign:{}", c.year),
                &serde_json::json!({"text": text, "sha256": text.sha256()}),
            )?;
            pledge_of(tx, c.id, c.year, c.stage)
        })
    }

    /// The signed-in expert's pledge for their scoring screen: the text, their name, their
    /// acceptance if made.
    pub fn pledge_status(&self, actor: &Actor, year: Option<i32>) -> Result<PledgeStatus> {
        self.require(actor, Role::Expert, t!(msg::DECIDE_ACTION_SIGN_PLEDGE))?;
        let c = read(&self.conn, year)?;
        let Some(eid) = expert_id_of(&self.conn, actor, c.id)? else {
            return Err(self.deny(actor, t!(msg::DECIDE_PLEDGE_NOT_PANEL_EXPERT, year = c.year)));
        };
        let expert: String = self.conn.query_row("SELECT name FROM experts WHERE id = ?1", [eid], |r| r.get(0))?;
        Ok(PledgeStatus {
            pledge: pledge_of(&self.conn, c.id, c.year, c.stage)?,
            expert,
            accepted: rows::acceptance(&self.conn, eid)?,
        })
    }

    /// The signed-in expert accepts the year's pledge by typing their name (「我已阅读并承诺」):
    /// refused when the name is not theirs, or before the draw. In an expert's own installation
    /// its keeper (the CLI there) is that expert; the secretariat never signs for an expert. In an expert's own database opened
    /// from a review package it is recorded as made there (kind package) and travels in the score
    /// return; otherwise as made at the secretariat's database (kind window). Audited; accepting
    /// again changes nothing and answers the first acceptance.
    pub fn accept_pledge(&self, actor: &Actor, year: Option<i32>, name: &str) -> Result<PledgeAcceptance> {
        if actor.role() == Role::Applicant {
            return Err(self.deny(actor, t!(msg::DECIDE_PLEDGE_BY_EXPERT)));
        }
        self.write(|tx| {
            let c = load(tx, year)?;
            let held: Option<i64> = tx
                .query_row("SELECT expert_id FROM held_packages WHERE campaign_id = ?1", [c.id], |r| r.get(0))
                .optional()?;
            let eid = match (actor.role(), held) {
                (Role::Expert, _) => expert_id_of(tx, actor, c.id)?,
                // the keeper of an expert's own installation is that expert (the CLI there)
                (Role::Secretariat, Some(eid)) => Some(eid),
                _ => None,
            };
            let Some(eid) = eid else {
                return Err(self.deny(
                    actor,
                    match actor.role() {
                        Role::Expert => t!(msg::DECIDE_PLEDGE_NOT_PANEL_EXPERT_NO_NEED, year = c.year),
                        _ => t!(msg::DECIDE_PLEDGE_NO_PROXY),
                    },
                ));
            };
            if c.stage == Stage::Apply {
                return Err(Error::illegal(
                    c.stage.text(),
                    t!(msg::DECIDE_ACTION_SIGN_PLEDGE),
                    t!(msg::DECIDE_PLEDGE_AFTER_DRAW),
                ));
            }
            let expert: String = tx.query_row("SELECT name FROM experts WHERE id = ?1", [eid], |r| r.get(0))?;
            if let Some(a) = rows::acceptance(tx, eid)? {
                return Ok(a);
            }
            if name.trim().is_empty() {
                return Err(Error::invalid(t!(msg::DECIDE_FIELD_NAME), t!(msg::DECIDE_PLEDGE_NAME_EMPTY)));
            }
            if !same_name(name, &expert) {
                return Err(Error::invalid(
                    t!(msg::DECIDE_FIELD_NAME),
                    t!(msg::DECIDE_PLEDGE_WRONG_NAME, name = name.trim()),
                ));
            }
            let a = PledgeAcceptance {
                name: name.trim().to_string(),
                kind: if held.is_some() { PledgeKind::Package } else { PledgeKind::Window },
                accepted_at: store::now_utc(),
                text_sha256: text_of(tx, c.id)?.sha256(),
            };
            record_acceptance(tx, actor, c.year, eid, &expert, &a)?;
            Ok(a)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 19: the default pledge holds the five points the issue names.
    #[test]
    fn issue_19_default_pledge_holds_the_usual_points() {
        let t = default_text();
        t.validate().unwrap();
        let all = t.plain();
        for needle in ["独立", "公正", "回避", "保密", "其他评审专家的姓名", "不以任何形式与申报单位", "销毁"]
        {
            assert!(all.contains(needle), "default pledge lacks 「{needle}」:\n{all}");
        }
        assert_eq!(t.numbered_points()[4].chars().take(2).collect::<String>(), "五、");
    }

    #[test]
    fn plain_text_reads_back_as_the_same_pledge() {
        let t = default_text();
        assert_eq!(PledgeText::parse(&t.plain()).unwrap(), t);
        let other =
            PledgeText::parse("\u{feff}专家承诺\n开头。\n1. 甲\n2、乙\n（三）丙\n(4) 丁\n结尾。\n承诺人：\n").unwrap();
        assert_eq!(other.title, "专家承诺");
        assert_eq!(other.points, vec!["甲", "乙", "丙", "丁"]);
        assert_eq!((other.intro.as_str(), other.closing.as_str()), ("开头。", "结尾。"));
    }

    #[test]
    fn a_bad_text_is_refused_naming_the_field() {
        let e = PledgeText::parse("").unwrap_err().to_string();
        assert!(e.contains("承诺书标题"), "{e}");
        let e = PledgeText::parse("标题\n只有一段，没有编号。").unwrap_err().to_string();
        assert!(e.contains("承诺事项") && e.contains("至少一条"), "{e}");
        let e = PledgeText::parse("标题\n一、甲\n结尾\n二、乙").unwrap_err().to_string();
        assert!(e.contains("结尾段之后"), "{e}");
    }

    #[test]
    fn ordinals_and_names() {
        assert_eq!([1, 9, 10, 11, 20].map(cn_ordinal), ["一", "九", "十", "十一", "二十"].map(String::from));
        for n in 1..=MAX_POINTS {
            assert_eq!(point_field(n).zh(), format!("第{}条承诺事项", cn_ordinal(n)));
            assert_eq!(point_field(n).en(), format!("Pledge point {n}"));
        }
        assert!(same_name(" 王 明 ", "王明"));
        assert!(same_name("阿依古丽•买买提", "阿依古丽·买买提"));
        assert!(!same_name("王", "王明"));
        assert!(!same_name("  ", ""));
    }
}
