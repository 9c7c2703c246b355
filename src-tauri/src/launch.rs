//! What the app was started with: `--portable` (the database beside the program, for a folder or
//! a USB stick) and a `.pingshen` file to open (a double-click in the file manager, or a second
//! launch handing its file to the running window). Pure, so that it is tested here.

use std::path::{Path, PathBuf};

#[derive(Debug, Default, PartialEq, Eq)]
pub struct LaunchArgs {
    /// `--portable`: keep `pingshen.db` beside the executable instead of the app data directory.
    pub portable: bool,
    /// The exchange file the app was asked to open (made absolute against `cwd`).
    pub file: Option<PathBuf>,
}

/// Reads the arguments after the program's own path. Options it does not know (the ones
/// WebView2 or a desktop launcher may add) are ignored; the first other argument is the file.
pub fn parse(args: &[String], cwd: &Path) -> LaunchArgs {
    let mut out = LaunchArgs::default();
    for a in args {
        if a == "--portable" {
            out.portable = true;
        } else if a.starts_with("--") || a.is_empty() {
            continue;
        } else if out.file.is_none() {
            let p = PathBuf::from(a);
            out.file = Some(if p.is_absolute() { p } else { cwd.join(p) });
        }
    }
    out
}

/// The file whose presence beside the executable makes every start portable (the portable zip
/// carries it, so that a double-click on `pingshen-app.exe` needs no option).
pub const PORTABLE_MARKER: &str = "portable.txt";

/// The database of a portable start: `pingshen.db` in the executable's folder.
pub fn portable_database(exe: &Path) -> Option<PathBuf> {
    exe.parent().map(|d| d.join("pingshen.db"))
}

/// Whether the copy at `exe` is a portable one: `--portable` given, or the marker beside it.
pub fn is_portable(given: &LaunchArgs, exe: &Path) -> bool {
    given.portable || exe.parent().is_some_and(|d| d.join(PORTABLE_MARKER).is_file())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(a: &[&str]) -> Vec<String> {
        a.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn a_double_clicked_file_with_chinese_name_and_spaces_is_kept_whole() {
        let cwd = Path::new("/home/专家");
        let got = parse(&args(&["/media/U 盘/2014年度 评审材料包-王教授.pingshen"]), cwd);
        assert_eq!(got.file, Some(PathBuf::from("/media/U 盘/2014年度 评审材料包-王教授.pingshen")));
        assert!(!got.portable);
    }

    #[test]
    fn a_relative_file_is_read_against_the_launching_folder() {
        let got = parse(&args(&["评分回执.pingshen"]), Path::new("/home/秘书处/下载"));
        assert_eq!(got.file, Some(PathBuf::from("/home/秘书处/下载/评分回执.pingshen")));
    }

    #[test]
    fn portable_and_file_together_and_unknown_options_ignored() {
        let got = parse(&args(&["--portable", "--something-else", "a.pingshen", "b.pingshen"]), Path::new("/x"));
        assert!(got.portable);
        assert_eq!(got.file, Some(PathBuf::from("/x/a.pingshen")));
        assert_eq!(parse(&[], Path::new("/x")), LaunchArgs::default());
    }

    #[test]
    fn the_marker_beside_the_program_makes_it_portable_without_the_option() {
        let dir = tempfile::tempdir().expect("tempdir");
        let exe = dir.path().join("pingshen-app.exe");
        assert!(!is_portable(&LaunchArgs::default(), &exe));
        assert!(is_portable(&LaunchArgs { portable: true, file: None }, &exe));
        std::fs::write(dir.path().join(PORTABLE_MARKER), "便携版").expect("marker");
        assert!(is_portable(&LaunchArgs::default(), &exe));
    }

    #[test]
    fn the_portable_database_sits_beside_the_program() {
        let exe = Path::new("/media/U盘/评审台/pingshen-app.exe");
        assert_eq!(portable_database(exe), Some(PathBuf::from("/media/U盘/评审台/pingshen.db")));
    }
}
