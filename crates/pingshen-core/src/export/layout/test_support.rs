//! Helpers of the layout tests: the bundled fonts, loaded once, and the poppler tools.

use std::path::Path;
use std::process::Command;
use std::sync::OnceLock;

use super::Fonts;

pub(super) fn fonts() -> &'static Fonts {
    static FONTS: OnceLock<Fonts> = OnceLock::new();
    FONTS.get_or_init(|| Fonts::load(Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../assets"))).expect("fonts"))
}

/// Runs an external tool; `None` (with a note) when it is not installed.
pub(super) fn tool(name: &str, args: &[&str]) -> Option<std::process::Output> {
    match Command::new(name).args(args).output() {
        Ok(out) => Some(out),
        Err(_) => {
            eprintln!("note: {name} not installed, check skipped");
            None
        }
    }
}

pub(super) fn pdftotext(path: &Path, page: Option<usize>, extra: &[&str]) -> Option<String> {
    let p = page.map(|p| p.to_string());
    let mut args: Vec<&str> = extra.to_vec();
    if let Some(p) = &p {
        args.extend(["-f", p, "-l", p]);
    }
    let path = path.to_str().expect("utf-8 path");
    args.extend([path, "-"]);
    let out = tool("pdftotext", &args)?;
    assert!(out.status.success(), "pdftotext failed: {}", String::from_utf8_lossy(&out.stderr));
    Some(String::from_utf8(out.stdout).expect("utf-8"))
}

pub(super) fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}
