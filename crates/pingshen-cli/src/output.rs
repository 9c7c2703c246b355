//! What every command shares: JSON or text on stdout, and a missing argument named.

use crate::Cli;

/// Prints `value` as JSON with `--json`, else the text.
pub(crate) fn out(cli: &Cli, value: serde_json::Value, text: impl FnOnce() -> String) {
    if cli.json {
        println!("{}", serde_json::to_string_pretty(&value).unwrap_or_default());
    } else {
        println!("{}", text());
    }
}

/// The value of an option the command needs, or an error naming it.
pub(crate) fn need<T>(v: Option<T>, flag: &str) -> anyhow::Result<T> {
    v.ok_or_else(|| anyhow::anyhow!("缺少参数 {flag}"))
}
