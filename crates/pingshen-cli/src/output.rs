//! What every command shares: JSON or text on stdout, and a missing argument named.

use crate::Cli;

/// Prints `value` as JSON with `--json`, else the text.
pub(crate) fn out(cli: &Cli, value: serde_json::Value, text: impl FnOnce() -> String) {
    if cli.json {
        line(&serde_json::to_string_pretty(&value).unwrap_or_default());
    } else {
        line(&text());
    }
}

/// Writes one line to stdout. A reader that stops early (`pingshen results | head`) closes the
/// pipe: the program then ends quietly with success, as other command-line tools do, instead of
/// panicking the way `println!` does.
pub(crate) fn line(text: &str) {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    if let Err(e) = writeln!(stdout, "{text}").and_then(|()| stdout.flush()) {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        eprintln!("错误：无法写出结果（{e}）");
        std::process::exit(2);
    }
}

/// The value of an option the command needs, or an error naming it.
pub(crate) fn need<T>(v: Option<T>, flag: &str) -> anyhow::Result<T> {
    v.ok_or_else(|| anyhow::anyhow!("缺少参数 {flag}"))
}
