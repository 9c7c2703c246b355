// The only module of the front end that calls `invoke`. Every command takes no argument or one
// `req` struct; every type comes from `../bindings/`, generated from the Rust types by ts-rs
// (`cargo test -p pingshen-app bindings` checks them; PINGSHEN_WRITE_BINDINGS=1 rewrites them).
// The command names are `Command`, generated from src-tauri/build.rs's list; a test there checks
// that this file calls every listed command.
import { invoke } from '@tauri-apps/api/core'
import { i18n, type Locale } from '@/i18n'
import { loadMessages, say } from '@/i18n/text'
import { listen, type UnlistenFn } from '@tauri-apps/api/event'

import type { AdjustReq } from '../bindings/AdjustReq'
import type { MeetingSettings } from '../bindings/MeetingSettings'
import type { MeetingView } from '../bindings/MeetingView'
import type { MeetingVoteReq } from '../bindings/MeetingVoteReq'
import type { OpenMeetingReq } from '../bindings/OpenMeetingReq'
import type { NameReq } from '../bindings/NameReq'
import type { PaintedReq } from '../bindings/PaintedReq'
import type { Pledge } from '../bindings/Pledge'
import type { Acceptance as PledgeAcceptance } from '../bindings/Acceptance'
import type { PledgeStatus } from '../bindings/PledgeStatus'
import type { PledgeText } from '../bindings/PledgeText'
import type { HeadReached } from '../bindings/HeadReached'
import type { CalendarImport } from '../bindings/CalendarImport'
import type { DossierFileImport } from '../bindings/DossierFileImport'
import type { DossierFilePreview } from '../bindings/DossierFilePreview'
import type { DossierFileReq } from '../bindings/DossierFileReq'
import type { FileSaved } from '../bindings/FileSaved'
import type { PackageOpened } from '../bindings/PackageOpened'
import type { OpenedFile } from '../bindings/OpenedFile'
import type { PackageReq } from '../bindings/PackageReq'
import type { PassphraseReq } from '../bindings/PassphraseReq'
import type { ReturnImport } from '../bindings/ReturnImport'
import type { ReturnPreview } from '../bindings/ReturnPreview'
import type { CalendarYear } from '../bindings/CalendarYear'
import type { HolidayNotice } from '../bindings/HolidayNotice'
import type { IdReasonReq } from '../bindings/IdReasonReq'
import type { NoticeImportReq } from '../bindings/NoticeImportReq'
import type { ReasonReq } from '../bindings/ReasonReq'
import type { Replacement } from '../bindings/Replacement'
import type { ReplaceReq } from '../bindings/ReplaceReq'
import type { ReviewClosed } from '../bindings/ReviewClosed'
import type { Withdrawal } from '../bindings/Withdrawal'
import type { YearReq } from '../bindings/YearReq'
import type { ArchiveMade } from '../bindings/ArchiveMade'
import type { NextYearReq } from '../bindings/NextYearReq'
import type { CarriedOver } from '../bindings/CarriedOver'
import type { ConfirmConflictsReq } from '../bindings/ConfirmConflictsReq'
import type { VerifyYoyReq } from '../bindings/VerifyYoyReq'
import type { YoyReport } from '../bindings/YoyReport'
import type { AssignmentMatrix } from '../bindings/AssignmentMatrix'
import type { AssignmentView } from '../bindings/AssignmentView'
import type { AttachReq } from '../bindings/AttachReq'
import type { HistoryEntry } from '../bindings/HistoryEntry'
import type { UnitReq } from '../bindings/UnitReq'
import type { Attachment } from '../bindings/Attachment'
import type { AttachmentRef } from '../bindings/AttachmentRef'
import type { AuditEntry } from '../bindings/AuditEntry'
import type { AuditQuery } from '../bindings/AuditQuery'
import type { AuditCheck } from '../bindings/AuditCheck'
import type { BackupsView } from '../bindings/BackupsView'
import type { KeepReq } from '../bindings/KeepReq'
import type { BackupReq } from '../bindings/BackupReq'
import type { RestoreDone } from '../bindings/RestoreDone'
import type { BackupDone } from '../bindings/BackupDone'
import type { Campaign } from '../bindings/Campaign'
import type { ConflictReq } from '../bindings/ConflictReq'
import type { ConsensusReq } from '../bindings/ConsensusReq'
import type { Command } from '../bindings/Command'
import type { CreateUserReq } from '../bindings/CreateUserReq'
import type { DateReq } from '../bindings/DateReq'
import type { Dossier } from '../bindings/Dossier'
import type { DossierDetail } from '../bindings/DossierDetail'
import type { DossierInput } from '../bindings/DossierInput'
import type { DossierState } from '../bindings/DossierState'
import type { DrawReport } from '../bindings/DrawReport'
import type { DrawReq } from '../bindings/DrawReq'
import type { ExpertInput } from '../bindings/ExpertInput'
import type { ExpertLoginReq } from '../bindings/ExpertLoginReq'
import type { ExpertView } from '../bindings/ExpertView'
import type { Explanation } from '../bindings/Explanation'
import type { ExportDone } from '../bindings/ExportDone'
import type { ExportProgress } from '../bindings/ExportProgress'
import type { ExportKind } from '../bindings/ExportKind'
import type { ExportReq } from '../bindings/ExportReq'
import type { LettersDone } from '../bindings/LettersDone'
import type { SealInfo } from '../bindings/SealInfo'
import type { LettersExportReq } from '../bindings/LettersExportReq'
import type { FundingLine } from '../bindings/FundingLine'
import type { FundingTable } from '../bindings/FundingTable'
import type { IdReq } from '../bindings/IdReq'
import type { ImportDone } from '../bindings/ImportDone'
import type { ImportPreview } from '../bindings/ImportPreview'
import type { LateReq } from '../bindings/LateReq'
import type { LaunchState } from '../bindings/LaunchState'
import type { LoginReq } from '../bindings/LoginReq'
import type { ObjectionReq } from '../bindings/ObjectionReq'
import type { Overview } from '../bindings/Overview'
import type { Policy } from '../bindings/Policy'
import type { PreviewReq } from '../bindings/PreviewReq'
import type { PublicityInfo } from '../bindings/PublicityInfo'
import type { PublicityPreview } from '../bindings/PublicityPreview'
import type { PublishReq } from '../bindings/PublishReq'
import type { RecommendOutcome } from '../bindings/RecommendOutcome'
import type { RecommendReq } from '../bindings/RecommendReq'
import type { ReopenReq } from '../bindings/ReopenReq'
import type { ResolveReq } from '../bindings/ResolveReq'
import type { Results } from '../bindings/Results'
import type { ReviewStats } from '../bindings/ReviewStats'
import type { RobustnessReport } from '../bindings/RobustnessReport'
import type { ScoresReq } from '../bindings/ScoresReq'
import type { ScoringSheet } from '../bindings/ScoringSheet'
import type { StartYearReq } from '../bindings/StartYearReq'
import type { UiError } from '../bindings/UiError'
import type { Unit } from '../bindings/Unit'
import type { UnitReasonReq } from '../bindings/UnitReasonReq'

export type { UiError }

/** Calls one command; a rejection is always a `UiError` (a plain string from Tauri is wrapped). */
async function call<T>(cmd: Command, req?: unknown): Promise<T> {
  try {
    return await invoke<T>(cmd, req === undefined ? {} : { req })
  } catch (e) {
    // The core sends its words in Chinese; the catalog is needed only to say them in another language.
    if (i18n.global.locale.value !== 'zh-CN') await loadMessages().catch(() => undefined)
    throw toUiError(e)
  }
}

export function isUiError(e: unknown): e is UiError {
  return typeof e === 'object' && e !== null && 'code' in e && 'message' in e
}

/** The error with its words (and its problems') in the window's language. */
export function toUiError(e: unknown): UiError {
  if (isUiError(e)) return inWindowLanguage(e)
  const message = e instanceof Error ? e.message : String(e)
  return { code: 'other', field: null, message, text: { code: 'window.unknown', args: {} }, problems: [] }
}

function inWindowLanguage(e: UiError): UiError {
  if (!e.text) return e
  const locale = i18n.global.locale.value as Locale
  return {
    ...e,
    message: say(e.text, locale, e.message),
    problems: e.problems.map((p) => ({ ...p, message: p.text ? say(p.text, locale, p.message) : p.message })),
  }
}

export const api = {
  // session
  launchState: () => call<LaunchState>('launch_state'),
  openDemo: () => call<LaunchState>('open_demo'),
  startYear: (req: StartYearReq) => call<LaunchState>('start_year', req),
  openDatabase: () => call<LaunchState>('open_database'),
  retryOpen: () => call<LaunchState>('retry_open'),
  login: (req: LoginReq) => call<LaunchState>('login', req),
  loginLocal: () => call<LaunchState>('login_local'),
  logout: () => call<LaunchState>('logout'),
  painted: (req: PaintedReq) => call<null>('painted', req),

  // the year
  overview: () => call<Overview>('overview'),
  campaign: () => call<Campaign>('campaign'),
  updatePolicy: (req: Policy) => call<Campaign>('update_policy', req),
  units: () => call<Unit[]>('units'),

  // year after year
  selectYear: (req: YearReq) => call<LaunchState>('select_year', req),
  openNextYear: (req: NextYearReq) => call<CarriedOver>('open_next_year', req),
  confirmConflicts: (req: ConfirmConflictsReq) => call<number>('confirm_conflicts', req),

  // dossiers and recommendation
  dossiers: () => call<Dossier[]>('dossiers'),
  dossierDetail: (req: IdReq) => call<DossierDetail>('dossier_detail', req),
  unitHistory: (req: UnitReq) => call<HistoryEntry[]>('unit_history', req),
  saveDossier: (req: DossierInput) => call<number>('save_dossier', req),
  submitDossier: (req: IdReq) => call<DossierState>('submit_dossier', req),
  addAttachment: (req: AttachReq) => call<Attachment>('add_attachment', req),
  openAttachment: (req: AttachmentRef) => call<null>('open_attachment', req),
  previewImport: (req: PreviewReq) => call<ImportPreview>('preview_import', req),
  importPreviewed: () => call<ImportDone>('import_previewed'),
  recommendAuto: () => call<RecommendOutcome[]>('recommend_auto'),
  recommend: (req: RecommendReq) => call<DossierState>('recommend', req),
  decideLate: (req: LateReq) => call<DossierState>('decide_late', req),
  yoyCheck: (req: IdReq) => call<YoyReport>('yoy_check', req),
  verifyYoy: (req: VerifyYoyReq) => call<YoyReport>('verify_yoy', req),

  // experts and assignment
  experts: () => call<ExpertView[]>('experts'),
  addExpert: (req: ExpertInput) => call<number>('add_expert', req),
  declareConflict: (req: ConflictReq) => call<null>('declare_conflict', req),
  draw: (req: DrawReq) => call<DrawReport>('draw', req),
  assignmentMatrix: () => call<AssignmentMatrix>('assignment_matrix'),
  setExpertLogin: (req: ExpertLoginReq) => call<null>('set_expert_login', req),
  reopenSheet: (req: ReopenReq) => call<null>('reopen_sheet', req),
  createUser: (req: CreateUserReq) => call<number>('create_user', req),

  // results
  results: () => call<Results>('results'),
  explainResult: (req: IdReq) => call<Explanation>('explain_result', req),
  reviewStatistics: () => call<ReviewStats>('review_statistics'),
  robustness: () => call<RobustnessReport>('robustness'),
  recordConsensus: (req: ConsensusReq) => call<null>('record_consensus', req),

  // funding
  funding: () => call<FundingTable>('funding'),
  selectPilot: (req: UnitReasonReq) => call<FundingLine>('select_pilot', req),
  unselectPilot: (req: UnitReasonReq) => call<null>('unselect_pilot', req),
  adjustFunding: (req: AdjustReq) => call<FundingTable>('adjust_funding', req),

  // the panel meeting (会议评审)
  meeting: () => call<MeetingView>('meeting'),
  setMeetingSettings: (req: MeetingSettings) => call<Campaign>('set_meeting_settings', req),
  openMeeting: (req: OpenMeetingReq) => call<MeetingView>('open_meeting', req),
  voteMeeting: (req: MeetingVoteReq) => call<MeetingView>('vote_meeting', req),
  closeMeeting: () => call<MeetingView>('close_meeting'),

  // publicity and publication
  publicityPreview: (req: DateReq) => call<PublicityPreview>('publicity_preview', req),
  openPublicity: (req: DateReq) => call<PublicityInfo>('open_publicity', req),
  publicity: () => call<PublicityInfo | null>('publicity'),
  addObjection: (req: ObjectionReq) => call<number>('add_objection', req),
  resolveObjection: (req: ResolveReq) => call<null>('resolve_objection', req),
  closePublicity: (req: DateReq) => call<PublicityInfo>('close_publicity', req),
  publish: (req: PublishReq) => call<Campaign>('publish', req),

  // documents, audit, backup
  exportDocument: (req: ExportReq) => call<ExportDone>('export_document', req),
  exportArchive: () => call<ArchiveMade>('export_archive'),
  exportLetters: (req: LettersExportReq) => call<LettersDone>('export_letters', req),
  exportSealed: (kind: ExportKind) => call<ExportDone>('export_sealed', { kind }),
  sealInfo: () => call<SealInfo | null>('seal_info'),
  setSeal: () => call<SealInfo>('set_seal'),
  clearSeal: () => call<null>('clear_seal'),
  openExportFolder: () => call<null>('open_export_folder'),
  auditLog: (req: AuditQuery) => call<AuditEntry[]>('audit_log', req),
  auditVerify: () => call<AuditCheck>('audit_verify'),
  backupNow: () => call<BackupDone>('backup_now'),
  backups: () => call<BackupsView>('backups'),
  setBackupsKept: (req: KeepReq) => call<BackupsView>('set_backups_kept', req),
  restoreBackup: (req: BackupReq) => call<RestoreDone>('restore_backup', req),
  restoreFromFile: () => call<RestoreDone>('restore_from_file'),
  checkBackup: (req: BackupReq) => call<HeadReached>('check_backup', req),
  checkFile: () => call<HeadReached>('check_file'),

  // expert
  assignments: () => call<AssignmentView[]>('assignments'),
  scoringSheet: (req: IdReq) => call<ScoringSheet>('scoring_sheet', req),
  saveDraft: (req: ScoresReq) => call<null>('save_draft', req),
  submitSheet: (req: ScoresReq) => call<null>('submit_sheet', req),

  // the experts' pledge
  pledge: () => call<Pledge>('pledge'),
  setPledge: (req: PledgeText) => call<Pledge>('set_pledge', req),
  pledgeStatus: () => call<PledgeStatus>('pledge_status'),
  acceptPledge: (req: NameReq) => call<PledgeAcceptance>('accept_pledge', req),

  // years that don't go to plan
  closeReview: (req: ReasonReq) => call<ReviewClosed>('close_review', req),
  replaceExpert: (req: ReplaceReq) => call<Replacement>('replace_expert', req),
  withdrawDossier: (req: IdReasonReq) => call<Withdrawal>('withdraw_dossier', req),
  calendarYear: (req: YearReq) => call<CalendarYear>('calendar_year', req),
  previewHolidayNotice: () => call<HolidayNotice>('preview_holiday_notice'),
  importHolidayNotice: (req: NoticeImportReq) => call<CalendarImport>('import_holiday_notice', req),

  // exchange files (the file is chosen in a native dialog)
  exportReviewPackage: (req: PackageReq) => call<FileSaved>('export_review_package', req),
  exportScoreReturn: () => call<FileSaved>('export_score_return'),
  exportDossierFile: (req: IdReq) => call<FileSaved>('export_dossier_file', req),
  amendOwnDossier: (req: IdReq) => call<DossierState>('amend_own_dossier', req),
  // a score return or a dossier file: previewed first (nothing written), then the previewed file taken
  previewScoreReturn: () => call<ReturnPreview>('preview_score_return'),
  importPreviewedReturn: () => call<ReturnImport>('import_previewed_return'),
  previewDossierFile: (req: DossierFileReq) => call<DossierFilePreview>('preview_dossier_file', req),
  importPreviewedDossierFile: () => call<DossierFileImport>('import_previewed_dossier_file'),
  openReviewPackage: (req: PassphraseReq) => call<PackageOpened>('open_review_package', req),
  // a .pingshen file opened by a double-click or handed over by a second launch
  openedFile: () => call<OpenedFile | null>('opened_file'),
  forgetOpenedFile: () => call<null>('forget_opened_file'),
}

export type Api = typeof api

/** A second launch handed a .pingshen file to this window (ask `openedFile` for it). */
export function onOpenedFile(cb: () => void): Promise<UnlistenFn> {
  return listen('opened-file', () => cb())
}

/** Progress of a long export (an expert's package), as the Rust side emits it. */
export function onExportProgress(cb: (p: ExportProgress) => void): Promise<UnlistenFn> {
  return listen<ExportProgress>('export-progress', (ev) => cb(ev.payload))
}
