//! Issue 9, backups: one automatic backup before every stage change, the last N kept; restore
//! refuses what is not a sound Pingshen database and keeps the current file before replacing it.
#![allow(clippy::unwrap_used)]

use pingshen_core::desk::BackupFile;
use pingshen_core::workflow::Stage;
use pingshen_core::Desk;
use rusqlite::Connection;
use std::path::{Path, PathBuf};

fn autos(list: &[BackupFile]) -> Vec<&BackupFile> {
    list.iter().filter(|b| b.kind == "自动备份").collect()
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> =
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().to_string()).collect();
    v.sort();
    v
}

/// The demo year goes Apply → Review → Decide → Publicity → Final → Published: five stage
/// changes, five automatic backups, each named by its event and carrying a head the live log
/// still reaches; lowering the kept number removes the oldest.
#[test]
fn every_stage_change_is_preceded_by_a_backup_and_the_last_n_are_kept() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("year.db");
    let desk = Desk::open(&db).unwrap();
    let sec = desk.local_secretariat();
    pingshen_core::demo::run_demo(&desk, &dir.path().join("inputs")).unwrap();
    let list = desk.list_backups(&sec).unwrap();
    let names: Vec<&str> = autos(&list).iter().map(|b| b.file_name.as_str()).collect();
    for event in ["抽取评审专家", "结束评审", "开始公示", "结束公示", "发布"] {
        assert!(names.iter().any(|n| n.contains(event)), "no automatic backup before 「{event}」: {names:?}");
    }
    assert_eq!(names.len(), 5, "{names:?}");
    for b in autos(&list) {
        let head = b.head.clone().unwrap();
        assert_eq!(desk.audit_reaches_backup(Path::new(&b.path)).unwrap(), head);
    }
    // the backup before publication holds the year at Final
    let before_publish = autos(&list).into_iter().find(|b| b.file_name.contains("发布")).unwrap().path.clone();
    assert_eq!(Desk::open(Path::new(&before_publish)).unwrap().campaign(None).unwrap().stage, Stage::Final);

    refused(desk.set_backups_kept(&sec, 0), "1到100");
    desk.set_backups_kept(&sec, 2).unwrap();
    let left = desk.list_backups(&sec).unwrap();
    let left: Vec<&str> = autos(&left).iter().map(|b| b.file_name.as_str()).collect();
    assert_eq!(left.len(), 2, "{left:?}");
    assert!(
        left.iter().any(|n| n.contains("发布")) && left.iter().any(|n| n.contains("结束公示")),
        "the newest two are kept: {left:?}"
    );
    assert_eq!(desk.backups_kept().unwrap(), 2);
}

fn refused<T: std::fmt::Debug>(r: pingshen_core::Result<T>, needle: &str) -> String {
    let e = r.unwrap_err().to_string();
    assert!(e.contains(needle), "expected 「{needle}」 in: {e}");
    e
}

struct Year {
    _dir: tempfile::TempDir,
    dir: PathBuf,
    db: PathBuf,
}

fn published_year() -> Year {
    let d = tempfile::tempdir().unwrap();
    let dir = d.path().to_path_buf();
    let db = dir.join("year.db");
    let desk = Desk::open(&db).unwrap();
    pingshen_core::demo::run_demo(&desk, &dir.join("inputs")).unwrap();
    Year { _dir: d, dir, db }
}

fn head_of(db: &Path) -> String {
    Desk::open(db).unwrap().audit_head().unwrap().unwrap().to_string()
}

/// Each file a user might pick by mistake is refused with its reason; the current database is
/// untouched and no 「恢复前」 copy is made for a refused restore.
#[test]
fn restore_refuses_what_is_not_a_sound_pingshen_database() {
    let y = published_year();
    let sec = Desk::open(&y.db).unwrap().local_secretariat();
    let before = head_of(&y.db);
    let files_before = files_in(&y.dir);
    let write = |name: &str, bytes: &[u8]| -> PathBuf {
        let p = y.dir.join("picked").join(name);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, bytes).unwrap();
        p
    };
    refused(Desk::restore(&sec, &y.db, &write("申报汇总表.xlsx", b"PK\x03\x04 not a database")), "不是评审台数据库");
    let other = y.dir.join("picked").join("other.db");
    Connection::open(&other).unwrap().execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);").unwrap();
    refused(Desk::restore(&sec, &y.db, &other), "缺少评审台的数据表");

    let auto = Desk::open(&y.db)
        .unwrap()
        .list_backups(&sec)
        .unwrap()
        .into_iter()
        .find(|b| b.file_name.contains("开始公示"))
        .unwrap();
    let newer = y.dir.join("picked").join("newer.db");
    std::fs::copy(&auto.path, &newer).unwrap();
    Connection::open(&newer).unwrap().execute_batch("PRAGMA user_version = 99").unwrap();
    refused(Desk::restore(&sec, &y.db, &newer), "更新版本");

    let tampered = y.dir.join("picked").join("tampered.db");
    std::fs::copy(&auto.path, &tampered).unwrap();
    let c = Connection::open(&tampered).unwrap();
    c.execute(
        "UPDATE scores SET comment = '改过的评语' WHERE assignment_id = (SELECT min(assignment_id) FROM scores)",
        [],
    )
    .unwrap();
    drop(c);
    refused(Desk::restore(&sec, &y.db, &tampered), "未通过操作日志校验");

    // a damaged copy: pages in the middle overwritten
    let damaged = y.dir.join("picked").join("damaged.db");
    let mut bytes = std::fs::read(&auto.path).unwrap();
    let mid = bytes.len() / 2;
    for b in &mut bytes[mid..mid + 8192] {
        *b = 0x5A;
    }
    std::fs::write(&damaged, &bytes).unwrap();
    let e = Desk::restore(&sec, &y.db, &damaged).unwrap_err().to_string();
    assert!(e.contains("完整性检查") || e.contains("损坏") || e.contains("操作日志校验"), "{e}");

    assert_eq!(head_of(&y.db), before, "the current database is untouched");
    let mut after = files_in(&y.dir);
    after.retain(|f| f != "picked");
    let mut was = files_before.clone();
    was.retain(|f| f != "picked");
    assert_eq!(after, was, "no 恢复前 copy and no staging file is left behind");
}

/// Restoring the backup made before the publicity opened: the year is back in Decide, the
/// database as it was is kept beside (and still verifies), and the restore is in the log.
#[test]
fn restore_keeps_the_current_file_and_is_audited() {
    let y = published_year();
    let desk = Desk::open(&y.db).unwrap();
    let sec = desk.local_secretariat();
    let was = desk.audit_head().unwrap().unwrap();
    let auto = desk.list_backups(&sec).unwrap().into_iter().find(|b| b.file_name.contains("开始公示")).unwrap();
    drop(desk);
    let r = Desk::restore(&sec, &y.db, Path::new(&auto.path)).unwrap();
    assert_eq!(Some(r.head.clone()), auto.head);
    let kept = PathBuf::from(r.previous_kept_at.unwrap());
    assert!(kept.file_name().unwrap().to_string_lossy().contains("恢复前"));
    let old = Desk::open(&kept).unwrap();
    assert_eq!(old.audit_head().unwrap().unwrap(), was, "the kept copy is the database as it was");
    assert_eq!(old.campaign(None).unwrap().stage, Stage::Published);
    old.audit_verify().unwrap();

    let now = Desk::open(&y.db).unwrap();
    assert_eq!(now.campaign(None).unwrap().stage, Stage::Decide);
    now.audit_verify().unwrap();
    now.audit_reaches(&r.head).unwrap();
    let last = now.audit_log(&sec, 1).unwrap().remove(0);
    assert_eq!(last.action, "restore");
    assert!(last.detail["previous_kept_at"].as_str().unwrap().contains("恢复前"));
    assert_eq!(last.detail["from_head"], r.head.to_string());
    // checked against files: the restored backup is reached; the copy kept from before the
    // restore is not, and the answer says a restore is the likely reason, not a cut
    assert!(now.check_against_file(&sec, Path::new(&auto.path)).unwrap().reached);
    let before = now.check_against_file(&sec, &kept).unwrap();
    assert!(
        !before.reached && before.message.contains("截去") && before.message.contains("恢复备份"),
        "{}",
        before.message
    );
}

/// A refused stage change leaves no backup and no log entry behind; the same change, made,
/// leaves one backup and its 「backup.auto」 entry in the same transaction as the change.
#[test]
fn a_refused_stage_change_leaves_neither_backup_nor_entry() {
    let y = published_year();
    let list = Desk::open(&y.db).unwrap().list_backups(&Desk::open(&y.db).unwrap().local_secretariat()).unwrap();
    let at_publicity = autos(&list).into_iter().find(|b| b.file_name.contains("结束公示")).unwrap().path.clone();
    let d2 = tempfile::tempdir().unwrap();
    let db = d2.path().join("公示中.db");
    std::fs::copy(&at_publicity, &db).unwrap();
    let desk = Desk::open(&db).unwrap();
    let sec = desk.local_secretariat();
    let p = desk.publicity(&sec, None).unwrap().unwrap();
    let (files, head) = (files_in(d2.path()), head_of(&db));
    refused(desk.close_publicity(&sec, None, p.end), "须在公示期满后");
    assert_eq!(files_in(d2.path()), files, "a refused change left a file");
    assert_eq!(head_of(&db), head, "a refused change wrote to the log");
    desk.close_publicity(&sec, None, p.end.succ_opt().unwrap()).unwrap();
    let made: Vec<String> = files_in(d2.path()).into_iter().filter(|f| !files.contains(f)).collect();
    assert_eq!(made.len(), 1, "{made:?}");
    assert!(made[0].contains("自动备份") && made[0].contains("结束公示"), "{made:?}");
    let c = Connection::open(&db).unwrap();
    let entries: Vec<String> = c
        .prepare("SELECT action FROM audit WHERE seq > ?1 AND action NOT LIKE 'record.%' ORDER BY seq")
        .unwrap()
        .query_map([head.split(':').next().unwrap().parse::<i64>().unwrap()], |r| r.get(0))
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    assert_eq!(entries.first().map(String::as_str), Some("backup.auto"), "{entries:?}");
    assert!(entries.iter().any(|e| e == "publicity.close"), "{entries:?}");
}
