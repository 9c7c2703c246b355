//! The request and response types of the commands that are the window's own (the rest are the
//! core's types). Every one has named fields; TypeScript types are generated from them.

use chrono::NaiveDate;
use pingshen_core::desk::{Campaign, ImportKind, LetterKind, Recommendation, Role, YearInfo};
use pingshen_core::model::{Award, ScoreInput};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What the page needs to know at start and after every session change.
#[derive(Debug, Clone, Serialize, TS)]
pub struct LaunchState {
    pub db_path: String,
    pub years: Vec<i32>,
    /// The years the header's switcher lists for the signed-in user, newest first, with stages.
    pub year_list: Vec<YearInfo>,
    /// The year the window works on (the session's choice, else the newest).
    pub campaign: Option<Campaign>,
    pub actor: Option<ActorInfo>,
    /// The local secretariat may enter without a password: no secretariat account exists.
    pub local_login_allowed: bool,
    /// The database is empty, so the 2014 demo year can be loaded into it.
    pub demo_available: bool,
    /// An expert's own installation: it holds a review package (its score return goes back).
    pub holds_package: bool,
    /// An applicant unit's own installation: the unit's full name (it enters as that unit).
    pub applicant_unit: Option<String>,
    /// The database could not be opened at start: the window says why and offers a retry or
    /// another file instead of closing (nothing can be done in the year meanwhile).
    pub problem: Option<StartupProblem>,
}

/// Why the database of this start could not be opened, and which file it was.
#[derive(Debug, Clone, Serialize, TS)]
pub struct StartupProblem {
    pub db_path: String,
    pub message: String,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct ActorInfo {
    pub login: String,
    pub name: String,
    pub role: Role,
    pub unit_code: Option<String>,
    pub unit_name: Option<String>,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct StartYearReq {
    pub year: i32,
    pub subsidy_budget_yuan: Option<i64>,
    /// An applicant unit's own installation: the unit (code or name) it belongs to.
    pub applicant_unit: Option<String>,
}

/// 「开启新年度」: the next year from a published one.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct NextYearReq {
    pub from: i32,
    pub to: i32,
    pub subsidy_budget_yuan: Option<i64>,
}

/// Confirming carried conflicts (待确认): of one expert, with one unit, or all.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct ConfirmConflictsReq {
    pub expert: Option<String>,
    pub unit: Option<String>,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct LoginReq {
    pub login: String,
    pub password: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct IdReq {
    pub id: i64,
}

/// A unit by its full name (or short name).
#[derive(Debug, Clone, Deserialize, TS)]
pub struct UnitReq {
    pub unit: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct AttachReq {
    pub dossier_id: i64,
    /// 申报书 / 证明材料 / 其他 …
    pub kind: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct AttachmentRef {
    pub dossier_id: i64,
    pub sha256: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct PreviewReq {
    pub kind: ImportKind,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct ImportDone {
    pub kind: ImportKind,
    pub file: String,
    pub imported: usize,
    pub late: usize,
    pub notes: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct RecommendReq {
    pub id: i64,
    pub decision: Recommendation,
}

/// 已核实 on one year-over-year finding of a dossier.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct VerifyYoyReq {
    pub id: i64,
    pub code: String,
    pub note: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct LateReq {
    pub id: i64,
    pub accept: bool,
    pub reason: String,
}

/// A screen the page has painted for the first time (`ui/src/utils/paint.ts`).
#[derive(Debug, Clone, Deserialize, TS)]
pub struct PaintedReq {
    pub screen: String,
}

/// The name an expert types under the pledge (「我已阅读并承诺」).
#[derive(Debug, Clone, Deserialize, TS)]
pub struct NameReq {
    pub name: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct ConflictReq {
    pub expert: String,
    pub unit: String,
    pub reason: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct DrawReq {
    pub per_dossier: Option<u32>,
    pub seed: u64,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct ExpertLoginReq {
    pub expert: String,
    pub password: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct ReopenReq {
    pub assignment_id: i64,
    pub reason: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct CreateUserReq {
    pub login: String,
    pub display_name: String,
    pub role: Role,
    pub password: String,
    pub unit: Option<String>,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct ConsensusReq {
    pub unit: String,
    pub award: Option<Award>,
    pub text: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct UnitReasonReq {
    pub unit: String,
    pub reason: String,
}

/// The panel meeting as it opens: the day, the place, the chair and the members present.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct OpenMeetingReq {
    pub date: NaiveDate,
    pub place: String,
    pub chair: String,
    pub present: Vec<String>,
}

/// An agenda item's votes from the paper ballots; `reason` when entered again.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct MeetingVoteReq {
    pub unit: String,
    pub award: Option<Award>,
    pub votes_for: u32,
    pub votes_against: u32,
    pub votes_abstain: u32,
    pub note: String,
    pub reason: Option<String>,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct AdjustReq {
    pub unit: String,
    pub award: Award,
    pub amount_yuan: i64,
    pub reason: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct DateReq {
    pub date: NaiveDate,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct ObjectionReq {
    pub unit: Option<String>,
    pub award: Option<Award>,
    pub name: String,
    pub contact: String,
    pub received_on: NaiveDate,
    pub content: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct ResolveReq {
    pub id: i64,
    pub upheld: bool,
    pub reason: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct PublishReq {
    pub on: NaiveDate,
    pub doc_number: Option<String>,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct ScoresReq {
    pub assignment_id: i64,
    pub scores: Vec<ScoreInput>,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct ExportDone {
    pub file: String,
    pub bytes: usize,
    pub pages: Option<usize>,
}

/// 文件导出 › 反馈函 / 邀请函 / 补正通知: which letters, with the seal or not (the folder is asked for).
#[derive(Debug, Clone, Deserialize, TS)]
pub struct LettersExportReq {
    pub kind: LetterKind,
    #[serde(default)]
    pub seal: bool,
    /// Only this unit's letters (a correction notice right after 退回; the feedback letter of the
    /// unit chosen on 文件导出).
    #[serde(default)]
    pub unit: Option<String>,
    /// Only this expert's invitation (the expert chosen on 文件导出).
    #[serde(default)]
    pub expert: Option<String>,
}

/// What a letters export wrote.
#[derive(Debug, Clone, Serialize, TS)]
pub struct LettersDone {
    pub folder: String,
    pub letters: usize,
    pub files: usize,
    pub sealed: bool,
}

/// Emitted as the `export-progress` event while an expert's package is laid out.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ExportProgress {
    pub done: usize,
    pub total: usize,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct BackupDone {
    pub file: String,
}

/// The backups in the database's folder and how many automatic ones are kept.
#[derive(Debug, Clone, Serialize, TS)]
pub struct BackupsView {
    pub kept: u32,
    pub files: Vec<pingshen_core::desk::BackupFile>,
}

/// How many automatic backups to keep (1–100).
#[derive(Debug, Clone, Deserialize, TS)]
pub struct KeepReq {
    pub kept: u32,
}

/// A backup of the list (to restore, or to check against the log), by its file name (resolved
/// in the database's folder).
#[derive(Debug, Clone, Deserialize, TS)]
pub struct BackupReq {
    pub file_name: String,
}

/// What a restore did, and whether the user must sign in again.
#[derive(Debug, Clone, Serialize, TS)]
pub struct RestoreDone {
    pub restored: pingshen_core::desk::Restored,
    pub signed_out: bool,
}

/// A reason for an action on the whole year (e.g. ending the review).
#[derive(Debug, Clone, Deserialize, TS)]
pub struct ReasonReq {
    pub reason: String,
}

/// An action on one record (a dossier) with its reason.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct IdReasonReq {
    pub id: i64,
    pub reason: String,
}

/// 补充抽取: replace `expert` on dossier `dossier_id`; `to` names the replacement by hand.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct ReplaceReq {
    pub dossier_id: i64,
    pub expert: String,
    pub reason: String,
    pub to: Option<String>,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct YearReq {
    pub year: i32,
}

/// Import the holiday notice last previewed; `replace` a year already imported.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct NoticeImportReq {
    pub replace: bool,
}

/// The review package of one expert, encrypted to `passphrase` (given to the expert apart).
#[derive(Debug, Clone, Deserialize, TS)]
pub struct PackageReq {
    pub expert: String,
    pub passphrase: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct PassphraseReq {
    pub passphrase: String,
}

/// A dossier file previewed as received on `received_on`.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct DossierFileReq {
    pub received_on: chrono::NaiveDate,
    /// Preview again the file last previewed (another received day), without asking for one.
    #[serde(default)]
    pub same_file: bool,
}

/// An exchange file written where the user chose.
#[derive(Debug, Clone, Serialize, TS)]
pub struct FileSaved {
    pub file: String,
    pub bytes: usize,
    pub detail: String,
}

/// A `.pingshen` file the app was asked to open, and what kind of exchange file it is.
#[derive(Debug, Clone, Serialize, TS)]
pub struct OpenedFile {
    pub name: String,
    pub kind: pingshen_core::exchange::ExchangeKind,
}

/// A review package opened in this installation, and the window's state afterwards.
#[derive(Debug, Clone, Serialize, TS)]
pub struct PackageOpened {
    pub info: pingshen_core::desk::PackageInfo,
    pub state: LaunchState,
}
