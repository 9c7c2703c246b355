//! The TypeScript types of the page, generated from the Rust types by ts-rs into
//! `ui/src/bindings/`. `cargo test -p pingshen-app bindings` fails when they are stale;
//! `PINGSHEN_WRITE_BINDINGS=1 cargo test -p pingshen-app bindings` rewrites them.

use std::path::{Path, PathBuf};
use ts_rs::{Config, ExportError, TS};

/// Exports every type the commands take or return (with everything they contain) into `dir`.
pub fn export_all(dir: &Path) -> Result<(), ExportError> {
    use crate::ipc::*;
    use pingshen_core::desk::*;
    use pingshen_core::export::request::ExportReq;
    use pingshen_core::model::{DossierInput, ExpertInput};
    use pingshen_core::rules::Policy;
    use pingshen_core::store::AuditEntry;
    use pingshen_core::units::Unit;
    let cfg = Config::new().with_large_int("number").with_out_dir(dir);
    macro_rules! all {
        ($($t:ty),+ $(,)?) => { $( <$t>::export_all(&cfg)?; )+ };
    }
    all!(
        crate::error::UiError,
        LaunchState,
        StartYearReq,
        LoginReq,
        IdReq,
        AttachReq,
        AttachmentRef,
        PreviewReq,
        ImportDone,
        RecommendReq,
        LateReq,
        ConflictReq,
        DrawReq,
        ExpertLoginReq,
        ReopenReq,
        CreateUserReq,
        ConsensusReq,
        UnitReasonReq,
        AdjustReq,
        DateReq,
        ObjectionReq,
        ResolveReq,
        PublishReq,
        ScoresReq,
        ExportDone,
        ExportProgress,
        AuditCheck,
        BackupDone,
        Overview,
        Campaign,
        Policy,
        Unit,
        Dossier,
        DossierDetail,
        DossierInput,
        Attachment,
        ImportPreview,
        RecommendOutcome,
        ExpertView,
        ExpertInput,
        DrawReport,
        AssignmentMatrix,
        AssignmentView,
        Results,
        Explanation,
        ReviewStats,
        FundingTable,
        FundingLine,
        PublicityPreview,
        PublicityInfo,
        ExportReq,
        AuditQuery,
        AuditEntry,
        ScoringSheet,
        pingshen_core::workflow::DossierState,
        ReasonReq,
        IdReasonReq,
        ReplaceReq,
        YearReq,
        NoticeImportReq,
        ReviewClosed,
        Replacement,
        Withdrawal,
        CalendarYear,
        CalendarImport,
        pingshen_core::holiday_notice::HolidayNotice,
        PackageReq,
        PassphraseReq,
        DossierFileReq,
        FileSaved,
        PackageOpened,
        PackageInfo,
        ReturnImport,
        DossierFileImport,
        BackupsView,
        KeepReq,
        BackupReq,
        RestoreDone,
        HeadReached,
    );
    Ok(())
}

/// `ui/src/bindings` of this checkout.
pub fn bindings_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/bindings")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every `.ts` file under `dir`, by its path relative to `dir`.
    fn read_dir_files(dir: &Path) -> std::collections::BTreeMap<String, String> {
        fn walk(base: &Path, dir: &Path, out: &mut std::collections::BTreeMap<String, String>) {
            if let Ok(rd) = std::fs::read_dir(dir) {
                for e in rd.flatten() {
                    let p = e.path();
                    if p.is_dir() {
                        walk(base, &p, out);
                    } else if p.extension().is_some_and(|x| x == "ts") {
                        let rel = p.strip_prefix(base).map(|r| r.display().to_string()).unwrap_or_default();
                        out.insert(rel, std::fs::read_to_string(&p).unwrap_or_default());
                    }
                }
            }
        }
        let mut out = std::collections::BTreeMap::new();
        walk(dir, dir, &mut out);
        out
    }

    #[test]
    fn bindings_are_current() {
        let tmp = tempfile::tempdir().expect("temp dir");
        export_all(tmp.path()).expect("export bindings");
        let fresh = read_dir_files(tmp.path());
        assert!(fresh.len() > 40, "expected the whole IPC surface, got {} types", fresh.len());
        let dir = bindings_dir();
        if std::env::var_os("PINGSHEN_WRITE_BINDINGS").is_some() {
            let _ = std::fs::remove_dir_all(&dir);
            std::fs::create_dir_all(&dir).expect("create ui/src/bindings");
            for (name, text) in &fresh {
                let path = dir.join(name);
                if let Some(parent) = path.parent() {
                    std::fs::create_dir_all(parent).expect("create bindings folder");
                }
                std::fs::write(path, text).expect("write binding");
            }
            return;
        }
        let committed = read_dir_files(&dir);
        let stale: Vec<&String> = fresh
            .keys()
            .filter(|k| committed.get(*k) != fresh.get(*k))
            .chain(committed.keys().filter(|k| !fresh.contains_key(*k)))
            .collect();
        assert!(
            stale.is_empty(),
            "ui/src/bindings is stale ({stale:?}); run PINGSHEN_WRITE_BINDINGS=1 cargo test -p pingshen-app bindings"
        );
    }
}
