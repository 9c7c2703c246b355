//! Words for the user, in each language of the window (issue 15): a [`Text`] is a message of the
//! catalog ([`catalog`], one [`Msg`] per sentence with its Chinese and English) and its
//! parameters. The core's errors carry texts, the CLI prints their Chinese ([`Text::zh`]), and the
//! window translates them itself from `ui/src/bindings/Messages.ts`, which is generated from the
//! catalog. Make one with [`t!`](crate::t): `t!(msg::NO_SUCH_YEAR, year = y)`.
//!
//! A parameter is `{name}` in both languages' words; a value is a plain string (a name, a number,
//! a date — shown as it is), another text (translated in turn), or a list of texts (one per line).

pub mod catalog;

use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt;
use ts_rs::TS;

/// One sentence of the catalog: its code (stable, e.g. `year.not_found`) and its words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Msg {
    pub code: &'static str,
    pub zh: &'static str,
    pub en: &'static str,
}

/// A language the words exist in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Zh,
    En,
}

impl Msg {
    /// The words in `lang`.
    pub const fn words(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Zh => self.zh,
            Lang::En => self.en,
        }
    }
}

/// A message of the catalog with its parameters: what an error says, in no language yet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Text {
    /// The message's code in the catalog (`Messages.ts` in the window).
    #[ts(type = "string")]
    pub code: &'static str,
    /// Each `{name}` of the message and its value (boxed: an error holds several texts, and
    /// stays small enough to return by value).
    pub args: Box<BTreeMap<String, Arg>>,
    #[serde(skip)]
    #[ts(skip)]
    msg: &'static Msg,
}

/// The value of one parameter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(untagged)]
pub enum Arg {
    /// Shown as it is in every language (a unit's name, a number, a date).
    Plain(String),
    /// Translated in turn.
    Text(Text),
    /// Translated in turn, one per line.
    List(Vec<Text>),
}

impl Text {
    /// `msg` with `args`; in a debug build, the names must be exactly the message's parameters.
    pub fn new(msg: &'static Msg, args: Vec<(&'static str, Arg)>) -> Text {
        debug_assert_eq!(
            {
                let mut given: Vec<&str> = args.iter().map(|(n, _)| *n).collect();
                given.sort_unstable();
                given.dedup();
                given
            },
            params(msg.zh),
            "message {} is given the wrong parameters",
            msg.code
        );
        Text { code: msg.code, args: Box::new(args.into_iter().map(|(n, v)| (n.to_string(), v)).collect()), msg }
    }

    /// The words in Chinese, as the CLI prints them.
    pub fn zh(&self) -> String {
        self.render(Lang::Zh)
    }

    /// The words in English.
    pub fn en(&self) -> String {
        self.render(Lang::En)
    }

    /// The words in `lang`, every parameter put in.
    pub fn render(&self, lang: Lang) -> String {
        let words = self.msg.words(lang);
        let mut out = String::with_capacity(words.len() + 16);
        let mut rest = words;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            match after.find('}') {
                Some(close) if is_name(&after[..close]) => {
                    match self.args.get(&after[..close]) {
                        Some(a) => out.push_str(&a.render(lang)),
                        None => out.push_str(&rest[open..open + close + 2]),
                    }
                    rest = &after[close + 1..];
                }
                _ => {
                    out.push('{');
                    rest = after;
                }
            }
        }
        out.push_str(rest);
        out
    }

    /// The catalog's message this text says.
    pub fn msg(&self) -> &'static Msg {
        self.msg
    }
}

impl Arg {
    fn render(&self, lang: Lang) -> String {
        match self {
            Arg::Plain(s) => s.clone(),
            Arg::Text(t) => t.render(lang),
            Arg::List(ts) => ts.iter().map(|t| t.render(lang)).collect::<Vec<_>>().join("\n"),
        }
    }
}

/// The Chinese words.
impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.zh())
    }
}

fn is_name(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

/// The parameter names of `words`, sorted, each once.
pub fn params(words: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = words;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) if is_name(&after[..close]) => {
                out.push(&after[..close]);
                rest = &after[close + 1..];
            }
            _ => rest = after,
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// What may be a parameter's value.
pub trait IntoArg {
    fn into_arg(self) -> Arg;
}

impl IntoArg for Text {
    fn into_arg(self) -> Arg {
        Arg::Text(self)
    }
}

impl IntoArg for &Text {
    fn into_arg(self) -> Arg {
        Arg::Text(self.clone())
    }
}

impl IntoArg for Vec<Text> {
    fn into_arg(self) -> Arg {
        Arg::List(self)
    }
}

impl IntoArg for Arg {
    fn into_arg(self) -> Arg {
        self
    }
}

macro_rules! plain_args {
    ($($t:ty),+) => { $( impl IntoArg for $t { fn into_arg(self) -> Arg { Arg::Plain(self.to_string()) } } )+ };
}
plain_args!(
    String,
    &String,
    &str,
    &&str,
    char,
    i32,
    i64,
    u8,
    u16,
    u32,
    u64,
    usize,
    &i32,
    &i64,
    &u32,
    &usize,
    f64,
    chrono::NaiveDate,
    &chrono::NaiveDate,
    chrono::NaiveDateTime,
    std::path::Display<'_>,
    &std::path::Display<'_>,
    std::borrow::Cow<'_, str>
);

/// `t!(MSG, name = value, other)`: the catalog message `MSG` with its parameters (`other` alone
/// stands for `other = other`). The message is a constant of [`catalog`].
#[macro_export]
macro_rules! t {
    (@v $name:ident) => { $name };
    (@v $name:ident $val:expr) => { $val };
    ($msg:expr $(, $name:ident $(= $val:expr)?)* $(,)?) => {
        $crate::text::Text::new(
            &$msg,
            vec![$((stringify!($name), $crate::text::IntoArg::into_arg($crate::t!(@v $name $($val)?)))),*],
        )
    };
}

/// Defines one area's catalog messages: `list AREA;` (the name of the list of them all), then
/// `NAME = "code", "中文", "English";` each.
#[macro_export]
macro_rules! messages {
    (list $list:ident; $( $(#[$doc:meta])* $name:ident = $code:literal, $zh:literal, $en:literal; )+) => {
        $( $(#[$doc])* pub const $name: $crate::text::Msg = $crate::text::Msg { code: $code, zh: $zh, en: $en }; )+
        /// Every message of this area, in order.
        pub const $list: &[$crate::text::Msg] = &[$($name),+];
    };
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::catalog::msg;

    #[test]
    fn a_text_renders_in_each_language_with_its_parameters() {
        let inner = t!(msg::ERR_READ_ONLY_YEAR, year = 2014);
        let t = t!(msg::ERR_TAMPERED, detail = inner);
        assert!(t.zh().starts_with("操作日志校验失败：2014年度评审工作已发布"), "{}", t.zh());
        assert!(t.en().starts_with("The audit log check failed: the 2014 review year is published"), "{}", t.en());
    }

    #[test]
    fn a_list_renders_one_text_per_line() {
        let a = t!(msg::ERR_READ_ONLY_YEAR, year = 2014);
        let b = t!(msg::ERR_READ_ONLY_YEAR, year = 2015);
        let t = t!(msg::ERR_TAMPERED, detail = vec![a, b]);
        assert_eq!(t.zh().lines().count(), 2);
    }

    #[test]
    fn params_are_the_braced_names() {
        assert_eq!(params("第{row}行「{column}」列：{message}{row}"), vec!["column", "message", "row"]);
        assert_eq!(params("{ 不是 } {Upper} {}"), Vec::<&str>::new());
    }
}
