//! File dialogs, opened from Rust: the page never names a path. Under test
//! (`PINGSHEN_DIALOG_ANSWERS=FILE`) each dialog takes the first line of FILE instead of asking
//! (`CANCEL` = the user cancelled), so an end-to-end test can drive the real commands.

use crate::error::{Res, UiError};
use pingshen_core::{msg, t};
use std::path::{Path, PathBuf};
use tauri::AppHandle;
use tauri_plugin_dialog::DialogExt;

/// What a file dialog filters on: a label and extensions without the dot.
pub struct Filter<'a> {
    pub label: &'a str,
    pub extensions: &'a [&'a str],
}

/// The scripted answer of a test run, if this run is scripted.
fn scripted() -> Option<Res<Option<PathBuf>>> {
    let file = std::env::var_os("PINGSHEN_DIALOG_ANSWERS")?;
    let text = match std::fs::read_to_string(&file) {
        Ok(t) => t,
        Err(e) => return Some(Err(UiError::new("io", t!(msg::UI_ANSWERS_UNREADABLE, detail = e.to_string())))),
    };
    let mut lines = text.lines();
    let first = lines.next().map(str::trim).unwrap_or("").to_string();
    let rest: Vec<&str> = lines.collect();
    let rest = if rest.is_empty() { String::new() } else { rest.join("\n") + "\n" };
    if let Err(e) = std::fs::write(&file, rest) {
        return Some(Err(UiError::new("io", t!(msg::UI_ANSWERS_UNWRITABLE, detail = e.to_string()))));
    }
    Some(Ok(match first.as_str() {
        "" | "CANCEL" => None,
        p => Some(PathBuf::from(p)),
    }))
}

/// Asks for a file to open; `Err(cancelled)` when the user cancels.
pub fn pick_file(app: &AppHandle, title: &str, filter: Filter) -> Res<PathBuf> {
    let chosen = match scripted() {
        Some(answer) => answer?,
        None => app
            .dialog()
            .file()
            .set_title(title)
            .add_filter(filter.label, filter.extensions)
            .blocking_pick_file()
            .map(|p| p.into_path().map_err(|e| UiError::new("io", t!(msg::UI_CHOSEN_FILE, detail = e.to_string()))))
            .transpose()?,
    };
    chosen.ok_or_else(UiError::cancelled)
}

/// Asks for a folder to write into (letters: one file per unit); `Err(cancelled)` when the user cancels.
pub fn pick_folder(app: &AppHandle, title: &str) -> Res<PathBuf> {
    let chosen = match scripted() {
        Some(answer) => answer?,
        None => {
            let mut d = app.dialog().file().set_title(title);
            if let Some(docs) = dirs_documents() {
                d = d.set_directory(docs);
            }
            d.blocking_pick_folder()
                .map(|p| {
                    p.into_path().map_err(|e| UiError::new("io", t!(msg::UI_CHOSEN_FOLDER, detail = e.to_string())))
                })
                .transpose()?
        }
    };
    chosen.ok_or_else(UiError::cancelled)
}

/// Asks where to save; `Err(cancelled)` when the user cancels.
pub fn save_file(app: &AppHandle, title: &str, suggested: &str, filter: Filter) -> Res<PathBuf> {
    let chosen = match scripted() {
        Some(answer) => answer?,
        None => {
            let mut d = app
                .dialog()
                .file()
                .set_title(title)
                .set_file_name(suggested)
                .add_filter(filter.label, filter.extensions);
            if let Some(docs) = dirs_documents() {
                d = d.set_directory(docs);
            }
            d.blocking_save_file()
                .map(|p| {
                    p.into_path().map_err(|e| UiError::new("io", t!(msg::UI_CHOSEN_PLACE, detail = e.to_string())))
                })
                .transpose()?
        }
    };
    let mut path = chosen.ok_or_else(UiError::cancelled)?;
    // A name typed without the extension gets it.
    if let Some(ext) = filter.extensions.first() {
        if path.extension().is_none() {
            path.set_extension(ext);
        }
    }
    Ok(path)
}

fn dirs_documents() -> Option<PathBuf> {
    let home = std::env::var_os("HOME").map(PathBuf::from)?;
    ["文档", "Documents"].iter().map(|d| home.join(d)).find(|p| Path::new(p).is_dir()).or(Some(home))
}
