//! A finished year's archive (年度归档): one zip holding every final document of a published
//! year, made by the exporters the window's 文件导出 and `pingshen export` use —
//!
//! * the award notice, the publicity list, the funding table (PDF and XLSX), the results (PDF
//!   and XLSX);
//! * in a year with a panel meeting (issue 18), its minutes 会议纪要 and ballots 表决票 (PDF);
//! * each expert's score sheet (PDF) for every expert with a submitted sheet;
//! * every dossier received (PDF, read by 秘书处) with its attachments as they were stored;
//! * `卷内目录.pdf`, the contents list (序号, 文件题名, 责任者, 日期, 页数, 保管期限 — the periods
//!   from [`crate::retention`]);
//! * `manifest.json`: every other file with its size and SHA-256, and the audit log's head the
//!   documents were made at (`audit verify --against ARCHIVE.zip` reads it).
//!
//! Refused before any work when the year is not published or the folder does not exist. The
//! zip is written to a temporary file beside the destination and renamed into place inside the
//! transaction that logs it ([`Desk::record_archive`]): an archive is never there without its
//! log entry, nor the entry without the archive.

use crate::desk::{Actor, ArchiveMade, ArchiveManifest, Desk, ManifestFile, ARCHIVE_FORMAT, MANIFEST_NAME};
use crate::error::{Error, Result};
use crate::exchange::crypto::sha256_hex;
use crate::export::pdf::{page_count, ContentsEntry, PdfExporter};
use crate::export::request::check_folder;
use crate::export::xlsx;
use crate::retention::{retention, ArchivedDoc};
use crate::t;
use crate::text::catalog::msg;
use crate::workflow::SheetState;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The name to suggest: 「2014年度评审档案.zip」.
pub fn suggested_name(year: i32) -> String {
    format!("{year}年度评审档案.zip")
}

/// The contents list's name in the zip.
pub const CONTENTS_NAME: &str = "卷内目录.pdf";

/// One file of the archive, listed in the contents and the manifest.
struct Part {
    entry: ContentsEntry,
    bytes: Vec<u8>,
}

/// A file or folder name made safe for a zip path: no separators or control characters.
fn safe(name: &str) -> String {
    let s: String = name
        .trim()
        .chars()
        .map(|c| if c == '/' || c == '\\' || c.is_control() || c == ':' { '_' } else { c })
        .collect();
    if s.is_empty() || s == "." || s == ".." {
        "未命名".to_string()
    } else {
        s
    }
}

/// Makes the archive of `year` (the latest when none) at `out`; see the module. `pdf`: the
/// loaded exporter, or the default fonts loaded after the checks. `progress(done, total)` after
/// each document.
pub fn make_archive(
    desk: &Desk,
    actor: &Actor,
    year: Option<i32>,
    out: &Path,
    pdf: Option<&PdfExporter>,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<ArchiveMade> {
    let c = desk.archivable(actor, year)?;
    check_folder(out)?;
    let loaded;
    let pdf = match pdf {
        Some(p) => p,
        None => {
            loaded = PdfExporter::load_default()?;
            &loaded
        }
    };
    let y = Some(c.year);
    let head = desk.audit_head()?.ok_or_else(|| Error::rule(t!(msg::FILES_ARCHIVE_EMPTY_LOG)))?;
    let issuer = pdf.issuer()?;
    let publicity =
        desk.publicity(actor, y)?.ok_or_else(|| Error::rule(t!(msg::FILES_ARCHIVE_NO_PUBLICITY, year = c.year)))?;
    let published = publicity.published_on.unwrap_or(publicity.start);
    let dossiers: Vec<_> = desk.dossiers(actor, y)?.into_iter().filter(|d| d.input.submitted_on.is_some()).collect();
    let assignments = desk.assignments(actor, y)?;
    let experts: Vec<String> = desk
        .experts(actor, y)?
        .into_iter()
        .map(|e| e.name)
        .filter(|n| assignments.iter().any(|a| &a.expert == n && a.state == SheetState::Submitted))
        .collect();
    let meeting = desk.meeting(actor, y)?;
    let held_on = meeting.held_on.filter(|_| meeting.enabled && meeting.closed);
    let total = 6 + if held_on.is_some() { 2 } else { 0 } + experts.len() + dossiers.len() + 1;
    let mut done = 0;
    let mut step = |progress: &mut dyn FnMut(usize, usize)| {
        done += 1;
        progress(done, total);
    };

    let mut parts: Vec<Part> = Vec::new();
    let mut add = |file: String,
                   title: String,
                   author: &str,
                   date: chrono::NaiveDate,
                   doc: ArchivedDoc,
                   bytes: Vec<u8>| {
        let pages = if file.to_ascii_lowercase().ends_with(".pdf") { page_count(&bytes) } else { None };
        parts.push(Part {
            entry: ContentsEntry { title, author: author.to_string(), date, pages, retention: retention(doc), file },
            bytes,
        });
    };
    let yr = c.year;
    let body = issuer.name.as_str();
    let number = c.doc_number.clone().unwrap_or_default();
    add(
        format!("01 {yr}年度通报.pdf"),
        format!("关于{yr}年度企业科协组织建设“试点示范”和“后补助”单位的通报（{number}）"),
        body,
        published,
        ArchivedDoc::Notice,
        pdf.notice(desk, y)?,
    );
    step(&mut *progress);
    add(
        format!("02 {yr}年度公示名单.pdf"),
        format!("{yr}年度“试点示范”和“后补助”拟支持单位公示名单"),
        body,
        publicity.start,
        ArchivedDoc::PublicityList,
        pdf.publicity_list(desk, y)?,
    );
    step(&mut *progress);
    let results_title = format!("{yr}年度“试点示范”和“后补助”评审结果");
    add(
        format!("03 {yr}年度评审结果.pdf"),
        results_title.clone(),
        body,
        publicity.start,
        ArchivedDoc::Results,
        pdf.results(desk, y)?,
    );
    step(&mut *progress);
    add(
        format!("04 {yr}年度评审结果.xlsx"),
        format!("{results_title}（电子表格）"),
        body,
        publicity.start,
        ArchivedDoc::Results,
        xlsx::results_xlsx(desk, y)?,
    );
    step(&mut *progress);
    let funding_title = format!("{yr}年度“试点示范”和“后补助”经费安排表");
    add(
        format!("05 {yr}年度经费表.pdf"),
        funding_title.clone(),
        body,
        published,
        ArchivedDoc::FundingTable,
        pdf.funding_table(desk, y)?,
    );
    step(&mut *progress);
    add(
        format!("06 {yr}年度经费表.xlsx"),
        format!("{funding_title}（电子表格）"),
        body,
        published,
        ArchivedDoc::FundingTable,
        xlsx::funding_table_xlsx(desk, y)?,
    );
    step(&mut *progress);
    if let Some(held_on) = held_on {
        add(
            format!("07 {yr}年度会议纪要.pdf"),
            format!("{yr}年度“试点示范”和“后补助”评审专家组会议纪要"),
            body,
            held_on,
            ArchivedDoc::Minutes,
            pdf.minutes(desk, y)?,
        );
        step(&mut *progress);
        add(
            format!("08 {yr}年度表决票.pdf"),
            format!("{yr}年度“试点示范”和“后补助”评审专家组会议表决票"),
            body,
            held_on,
            ArchivedDoc::Ballots,
            pdf.ballots(desk, y)?,
        );
        step(&mut *progress);
    }
    for (i, e) in experts.iter().enumerate() {
        add(
            format!("专家评分表/{:02} {}评分表.pdf", i + 1, safe(e)),
            format!("{yr}年度评审专家评分表（{e}）"),
            e,
            publicity.start,
            ArchivedDoc::ScoreSheet,
            pdf.score_sheet(desk, y, e)?,
        );
        step(&mut *progress);
    }
    for (i, d) in dossiers.iter().enumerate() {
        let received = d.input.submitted_on.unwrap_or(publicity.start);
        let unit = &d.unit.full_name;
        let award = d.award().label();
        let folder = format!("申报材料/{:03} {}（{award}）", i + 1, safe(unit));
        add(
            format!("{folder}/申报材料.pdf"),
            format!("{unit}{yr}年度“{award}”申报材料"),
            unit,
            received,
            ArchivedDoc::Dossier,
            pdf.dossier(desk, y, d.id, "秘书处")?,
        );
        let mut used = std::collections::HashSet::new();
        for a in &d.attachments {
            let mut name = safe(&a.file_name);
            let mut n = 2;
            while !used.insert(name.clone()) {
                name = format!("{n} {}", safe(&a.file_name));
                n += 1;
            }
            add(
                format!("{folder}/附件/{name}"),
                format!("{unit}申报材料附件：{}（{}）", a.kind, a.file_name),
                unit,
                received,
                ArchivedDoc::Attachment,
                desk.attachment(actor, d.id, &a.sha256)?,
            );
        }
        step(&mut *progress);
    }

    let made_at = chrono::Utc::now();
    let entries: Vec<ContentsEntry> = parts.iter().map(|p| p.entry.clone()).collect();
    let contents = pdf.archive_contents(desk, yr, &issuer.name, made_at.date_naive(), &head, &entries)?;
    let mut files: Vec<(String, String, Vec<u8>)> =
        vec![(CONTENTS_NAME.to_string(), format!("{yr}年度评审档案卷内目录"), contents)];
    files.extend(parts.into_iter().map(|p| (p.entry.file, p.entry.title, p.bytes)));
    let manifest = ArchiveManifest {
        format: ARCHIVE_FORMAT.to_string(),
        version: 1,
        year: yr,
        made_at: made_at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        audit_head: head.clone(),
        files: files
            .iter()
            .map(|(name, title, bytes)| ManifestFile {
                name: name.clone(),
                title: title.clone(),
                size: bytes.len() as u64,
                sha256: sha256_hex(bytes),
            })
            .collect(),
    };
    let manifest_bytes = serde_json::to_vec_pretty(&manifest)
        .map_err(|e| Error::other(t!(msg::FILES_ARCHIVE_MANIFEST, detail = e.to_string())))?;
    let zip = zip_files(&files, &manifest_bytes)?;
    let made = ArchiveMade {
        year: yr,
        file: out.display().to_string(),
        files: files.len() + 1,
        bytes: zip.len() as u64,
        audit_head: head,
        manifest_sha256: sha256_hex(&manifest_bytes),
    };
    let tmp = write_temp(out, &zip)?;
    let logged = desk.record_archive(actor, &made, || {
        std::fs::rename(&tmp, out).map_err(|e| {
            Error::other(t!(
                msg::FILES_CANNOT_SAVE,
                path = out.display(),
                step = t!(msg::FILES_STEP_REPLACE),
                reason = e.to_string()
            ))
        })
    });
    if let Err(e) = logged {
        // nothing stays behind: neither the temporary file nor an archive the log lacks
        if tmp.exists() {
            let _ = std::fs::remove_file(&tmp);
        } else {
            let _ = std::fs::remove_file(out);
        }
        return Err(e);
    }
    step(&mut *progress);
    Ok(made)
}

/// The zip: the files in order, then the manifest. PDFs, spreadsheets and other compressed
/// formats are stored as they are; text is deflated.
fn zip_files(files: &[(String, String, Vec<u8>)], manifest: &[u8]) -> Result<Vec<u8>> {
    use zip::write::SimpleFileOptions;
    use zip::CompressionMethod;
    let fail = |e: &dyn std::fmt::Display| Error::other(t!(msg::FILES_ARCHIVE_ZIP, detail = e.to_string()));
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored = SimpleFileOptions::default().compression_method(CompressionMethod::Stored);
    let deflated = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    let compressed = |name: &str| {
        let lower = name.to_ascii_lowercase();
        [".pdf", ".xlsx", ".xls", ".docx", ".zip", ".png", ".jpg", ".jpeg", ".gz", ".7z", ".rar"]
            .iter()
            .any(|x| lower.ends_with(x))
    };
    for (name, _, bytes) in files {
        zip.start_file(name.as_str(), if compressed(name) { stored } else { deflated }).map_err(|e| fail(&e))?;
        zip.write_all(bytes).map_err(|e| fail(&e))?;
    }
    zip.start_file(MANIFEST_NAME, deflated).map_err(|e| fail(&e))?;
    zip.write_all(manifest).map_err(|e| fail(&e))?;
    Ok(zip.finish().map_err(|e| fail(&e))?.into_inner())
}

/// The bytes in a new temporary file beside `out`, flushed to disk; its path.
fn write_temp(out: &Path, bytes: &[u8]) -> Result<PathBuf> {
    let name = out.file_name().ok_or_else(|| {
        Error::invalid(t!(msg::FILES_FIELD_SAVE_TO), t!(msg::FILES_NOT_A_FILE_NAME, path = out.display()))
    })?;
    if out.is_dir() {
        return Err(Error::invalid(t!(msg::FILES_FIELD_SAVE_TO), t!(msg::FILES_IS_A_FOLDER, path = out.display())));
    }
    let dir = match out.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let stamp = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0);
    let tmp = dir.join(format!(".{}.{}-{stamp}.tmp", name.to_string_lossy(), std::process::id()));
    let result = (|| {
        let mut f = std::fs::OpenOptions::new().write(true).create_new(true).open(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(Error::other(t!(
            msg::FILES_CANNOT_SAVE,
            path = out.display(),
            step = t!(msg::FILES_STEP_WRITE),
            reason = e.to_string()
        )));
    }
    Ok(tmp)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_in_the_zip_have_no_separators() {
        assert_eq!(safe("a/b\\c:d.pdf"), "a_b_c_d.pdf");
        assert_eq!(safe("  "), "未命名");
        assert_eq!(safe(".."), "未命名");
        assert_eq!(safe("湖北省科协2014年工作总结.pdf"), "湖北省科协2014年工作总结.pdf");
        assert_eq!(suggested_name(2014), "2014年度评审档案.zip");
    }
}
