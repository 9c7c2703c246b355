//! The workflow of SPEC as explicit states and transition functions. An illegal transition is an
//! error that says what is allowed, never a silent no-op. Pure.

use crate::error::{Error, Result};
use crate::text::Text;
use crate::{msg, t};
use serde::{Deserialize, Serialize};

macro_rules! labelled_enum {
    ($(#[$m:meta])* $name:ident { $($v:ident = $code:literal / $label:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($v),+ }
        impl $name {
            pub fn code(self) -> &'static str { match self { $($name::$v => $code),+ } }
            pub fn label(self) -> &'static str { match self { $($name::$v => $label),+ } }
            pub fn from_code(s: &str) -> Option<Self> { match s { $($code => Some($name::$v),)+ _ => None } }
        }
    };
}

labelled_enum!(
    /// The stage of a campaign (one year).
    Stage {
        Apply = "apply" / "申报推荐",
        Review = "review" / "专家评审",
        Meeting = "meeting" / "会议评审",
        Decide = "decide" / "评审结果确定",
        Publicity = "publicity" / "公示中",
        Final = "final" / "公示结束",
        Published = "published" / "已发布",
    }
);

labelled_enum!(
    /// The state of a dossier.
    DossierState {
        Draft = "draft" / "草稿",
        Submitted = "submitted" / "已提交",
        Late = "late" / "逾期待定",
        Recommended = "recommended" / "已推荐",
        Returned = "returned" / "退回修改",
        Rejected = "rejected" / "不予推荐",
        Withdrawn = "withdrawn" / "已撤回",
    }
);

labelled_enum!(
    /// The state of one expert's review of one dossier (an assignment).
    SheetState {
        Pending = "pending" / "待评分",
        Submitted = "submitted" / "已提交（已锁定）",
        Recused = "recused" / "已回避",
        // unreturned: not returned when the secretariat ended the review (kept, never counted);
        // withdrawn: the expert was replaced on this dossier, or the dossier was withdrawn
        Unreturned = "unreturned" / "未返回",
        Withdrawn = "withdrawn" / "已撤回",
    }
);

impl SheetState {
    /// Whether the sheet still stands as the expert's assignment (pending, submitted or left
    /// unreturned); recused and withdrawn sheets do not.
    pub fn stands(self) -> bool {
        matches!(self, SheetState::Pending | SheetState::Submitted | SheetState::Unreturned)
    }
}

/// Stage events.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StageEvent {
    /// The reviewers are drawn: Apply → Review.
    Draw,
    /// The last assigned score sheet is submitted: Review → Decide.
    AllScored,
    /// The secretariat ends the review with sheets outstanding (they become unreturned).
    CloseReview,
    /// A submitted sheet is reopened by the secretariat: Decide (or Meeting, before it sits) → Review.
    Reopen,
    /// The panel meeting closes with every item voted: Meeting → Decide.
    CloseMeeting,
    /// The proposed list goes public: Decide → Publicity.
    OpenPublicity,
    /// The period closes with no open objection: Publicity → Final.
    ClosePublicity,
    /// The notice and the final list are published: Final → Published.
    Publish,
}

impl StageEvent {
    pub fn label(self) -> &'static str {
        match self {
            StageEvent::Draw => "抽取评审专家",
            StageEvent::AllScored => "结束评审",
            StageEvent::CloseReview => "提前结束评审",
            StageEvent::Reopen => "退回评分表",
            StageEvent::CloseMeeting => "结束会议评审",
            StageEvent::OpenPublicity => "开始公示",
            StageEvent::ClosePublicity => "结束公示",
            StageEvent::Publish => "发布",
        }
    }
}

/// What every state machine answers to an event its state does not take: the state, the event,
/// and what the state does allow.
fn refused(state: Text, action: Text, allowed: Text) -> Error {
    Error::IllegalTransition { state, action, allowed }
}

/// The campaign stage machine of a year without a panel meeting.
pub fn stage_after(s: Stage, e: StageEvent) -> Result<Stage> {
    stage_after_in(s, e, false)
}

/// The campaign stage machine; `meeting`: the year's policy holds a panel meeting (issue 18), so
/// the end of the written review leads to 会议评审, and its close to the decide stage.
pub fn stage_after_in(s: Stage, e: StageEvent, meeting: bool) -> Result<Stage> {
    use Stage::*;
    use StageEvent::*;
    let next = match (s, e) {
        (Apply, Draw) => Review,
        (Review, AllScored) | (Review, CloseReview) if meeting => Meeting,
        (Review, AllScored) | (Review, CloseReview) => Decide,
        (Meeting, CloseMeeting) => Decide,
        (Review, Reopen) | (Meeting, Reopen) | (Decide, Reopen) => Review,
        (Decide, OpenPublicity) => Publicity,
        (Publicity, ClosePublicity) => Final,
        (Final, Publish) => Published,
        _ => {
            let allowed = match s {
                Apply => t!(msg::YEAR_ALLOWED_STAGE_APPLY),
                Review => t!(msg::YEAR_ALLOWED_STAGE_REVIEW),
                Meeting => t!(msg::YEAR_ALLOWED_STAGE_MEETING),
                Decide => t!(msg::YEAR_ALLOWED_STAGE_DECIDE),
                Publicity => t!(msg::YEAR_ALLOWED_STAGE_PUBLICITY),
                Final => t!(msg::YEAR_ALLOWED_STAGE_FINAL),
                Published => t!(msg::YEAR_ALLOWED_STAGE_PUBLISHED),
            };
            return Err(refused(s.text(), e.text(), allowed));
        }
    };
    Ok(next)
}

/// Dossier events.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DossierEvent {
    /// Handed in on or before the deadline.
    Submit,
    /// Handed in after the deadline.
    SubmitLate,
    /// Secretariat decision on a late dossier.
    AcceptLate,
    RefuseLate,
    /// Formal check outcomes.
    Recommend,
    Return,
    Reject,
    /// The applicant unit withdraws its dossier (申报单位撤回), before publicity.
    Withdraw,
    /// On the unit's own installation, its submitted dossier taken back to amend it (a newer
    /// dossier file then replaces the older one at the secretariat until the formal check).
    Amend,
}

impl DossierEvent {
    /// The action's name as a text ("you cannot …").
    pub fn text(self) -> Text {
        match self {
            DossierEvent::Submit | DossierEvent::SubmitLate => t!(msg::YEAR_DEVENT_SUBMIT),
            DossierEvent::AcceptLate => t!(msg::YEAR_DEVENT_ACCEPT_LATE),
            DossierEvent::RefuseLate => t!(msg::YEAR_DEVENT_REFUSE_LATE),
            DossierEvent::Recommend => t!(msg::YEAR_DEVENT_RECOMMEND),
            DossierEvent::Return => t!(msg::YEAR_DEVENT_RETURN),
            DossierEvent::Reject => t!(msg::YEAR_DEVENT_REJECT),
            DossierEvent::Withdraw => t!(msg::YEAR_DEVENT_WITHDRAW),
            DossierEvent::Amend => t!(msg::EXCHANGE_ACTION_AMEND),
        }
    }
}

/// The dossier state machine (SPEC "Apply", "Recommend").
pub fn dossier_after(s: DossierState, e: DossierEvent) -> Result<DossierState> {
    use DossierEvent as E;
    use DossierState as S;
    let next = match (s, e) {
        (S::Draft | S::Returned, E::Submit) => S::Submitted,
        (S::Draft | S::Returned, E::SubmitLate) => S::Late,
        (S::Late, E::AcceptLate) => S::Submitted,
        (S::Late, E::RefuseLate) => S::Rejected,
        (S::Submitted, E::Recommend) => S::Recommended,
        (S::Submitted, E::Return) => S::Returned,
        (S::Submitted, E::Reject) => S::Rejected,
        (S::Submitted | S::Late | S::Recommended | S::Returned, E::Withdraw) => S::Withdrawn,
        (S::Submitted | S::Late, E::Amend) => S::Draft,
        _ => {
            let allowed = match s {
                S::Draft => t!(msg::YEAR_ALLOWED_DOSSIER_DRAFT),
                S::Submitted => t!(msg::YEAR_ALLOWED_DOSSIER_SUBMITTED),
                S::Late => t!(msg::YEAR_ALLOWED_DOSSIER_LATE),
                S::Recommended => t!(msg::YEAR_ALLOWED_DOSSIER_RECOMMENDED),
                S::Returned => t!(msg::YEAR_ALLOWED_DOSSIER_RETURNED),
                S::Rejected => t!(msg::YEAR_ALLOWED_DOSSIER_REJECTED),
                S::Withdrawn => t!(msg::YEAR_ALLOWED_DOSSIER_WITHDRAWN),
            };
            return Err(refused(s.text(), e.text(), allowed));
        }
    };
    Ok(next)
}

/// Events of one expert's sheet (an assignment).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SheetEvent {
    /// The expert's scores are complete and locked (in the window, from a spreadsheet or a
    /// score return).
    Submit,
    /// A newer score return from the same review package replaces the sheet it submitted.
    Replace,
    /// The secretariat sends a submitted sheet back to the expert.
    Reopen,
    /// The expert declares a conflict with the unit: the sheet no longer counts.
    Recuse,
    /// The secretariat ends the review with the sheet outstanding.
    CloseUnreturned,
    /// The expert is replaced on the dossier, the dossier is withdrawn, or a newer review package
    /// no longer holds the pair.
    Withdraw,
}

impl SheetEvent {
    /// The action's name as a text ("you cannot …").
    pub fn text(self) -> Text {
        match self {
            SheetEvent::Submit => t!(msg::YEAR_SEVENT_SUBMIT),
            SheetEvent::Replace => t!(msg::YEAR_SEVENT_REPLACE),
            SheetEvent::Reopen => t!(msg::YEAR_SEVENT_REOPEN),
            SheetEvent::Recuse => t!(msg::YEAR_SEVENT_RECUSE),
            SheetEvent::CloseUnreturned => t!(msg::YEAR_SEVENT_CLOSE_UNRETURNED),
            SheetEvent::Withdraw => t!(msg::YEAR_SEVENT_WITHDRAW),
        }
    }
}

/// The sheet state machine (SPEC "Expert review"; the exceptions of real years).
pub fn sheet_after(s: SheetState, e: SheetEvent) -> Result<SheetState> {
    use SheetEvent as E;
    use SheetState as S;
    let next = match (s, e) {
        (S::Pending, E::Submit) => S::Submitted,
        (S::Submitted, E::Replace) => S::Submitted,
        (S::Submitted, E::Reopen) => S::Pending,
        (S::Pending | S::Submitted, E::Recuse) => S::Recused,
        (S::Pending, E::CloseUnreturned) => S::Unreturned,
        (S::Pending | S::Submitted | S::Unreturned, E::Withdraw) => S::Withdrawn,
        _ => {
            let allowed = match s {
                S::Pending => t!(msg::YEAR_ALLOWED_SHEET_PENDING),
                S::Submitted => t!(msg::YEAR_ALLOWED_SHEET_SUBMITTED),
                S::Recused => t!(msg::YEAR_ALLOWED_SHEET_RECUSED),
                S::Unreturned => t!(msg::YEAR_ALLOWED_SHEET_UNRETURNED),
                S::Withdrawn => t!(msg::YEAR_ALLOWED_SHEET_WITHDRAWN),
            };
            return Err(refused(s.text(), e.text(), allowed));
        }
    };
    Ok(next)
}

impl Stage {
    /// The stage's name as a text.
    pub fn text(self) -> crate::Text {
        match self {
            Stage::Apply => crate::t!(crate::msg::STAGE_APPLY),
            Stage::Review => crate::t!(crate::msg::STAGE_REVIEW),
            Stage::Meeting => crate::t!(crate::msg::STAGE_MEETING),
            Stage::Decide => crate::t!(crate::msg::STAGE_DECIDE),
            Stage::Publicity => crate::t!(crate::msg::STAGE_PUBLICITY),
            Stage::Final => crate::t!(crate::msg::STAGE_FINAL),
            Stage::Published => crate::t!(crate::msg::STAGE_PUBLISHED),
        }
    }
}

impl DossierState {
    /// The state's name as a text.
    pub fn text(self) -> crate::Text {
        match self {
            DossierState::Draft => crate::t!(crate::msg::DOSSIER_DRAFT),
            DossierState::Submitted => crate::t!(crate::msg::DOSSIER_SUBMITTED),
            DossierState::Late => crate::t!(crate::msg::DOSSIER_LATE),
            DossierState::Recommended => crate::t!(crate::msg::DOSSIER_RECOMMENDED),
            DossierState::Returned => crate::t!(crate::msg::DOSSIER_RETURNED),
            DossierState::Rejected => crate::t!(crate::msg::DOSSIER_REJECTED),
            DossierState::Withdrawn => crate::t!(crate::msg::DOSSIER_WITHDRAWN),
        }
    }
}

impl SheetState {
    /// The state's name as a text.
    pub fn text(self) -> crate::Text {
        match self {
            SheetState::Pending => crate::t!(crate::msg::SHEET_PENDING),
            SheetState::Submitted => crate::t!(crate::msg::SHEET_SUBMITTED),
            SheetState::Recused => crate::t!(crate::msg::SHEET_RECUSED),
            SheetState::Unreturned => crate::t!(crate::msg::SHEET_UNRETURNED),
            SheetState::Withdrawn => crate::t!(crate::msg::SHEET_WITHDRAWN),
        }
    }
}

impl StageEvent {
    /// The action's name as a text ("you cannot …").
    pub fn text(self) -> crate::Text {
        match self {
            StageEvent::Draw => crate::t!(crate::msg::EVENT_DRAW),
            StageEvent::AllScored => crate::t!(crate::msg::EVENT_ALL_SCORED),
            StageEvent::CloseReview => crate::t!(crate::msg::EVENT_CLOSE_REVIEW),
            StageEvent::Reopen => crate::t!(crate::msg::EVENT_REOPEN),
            StageEvent::CloseMeeting => crate::t!(crate::msg::EVENT_CLOSE_MEETING),
            StageEvent::OpenPublicity => crate::t!(crate::msg::EVENT_OPEN_PUBLICITY),
            StageEvent::ClosePublicity => crate::t!(crate::msg::EVENT_CLOSE_PUBLICITY),
            StageEvent::Publish => crate::t!(crate::msg::EVENT_PUBLISH),
        }
    }
}

/// A reason is required to `what` (the action's name, as "give the reason to …" says it).
pub fn reason_required(reason: &str, what: crate::Text) -> Result<()> {
    if reason.trim().is_empty() {
        return Err(Error::invalid(t!(msg::EXCHANGE_FIELD_REASON), t!(msg::YEAR_REASON_NEEDED, what)));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn campaign_runs_forward_only_by_its_events() {
        let mut s = Stage::Apply;
        for e in [
            StageEvent::Draw,
            StageEvent::AllScored,
            StageEvent::OpenPublicity,
            StageEvent::ClosePublicity,
            StageEvent::Publish,
        ] {
            s = stage_after(s, e).unwrap();
        }
        assert_eq!(s, Stage::Published);
        let err = stage_after(Stage::Apply, StageEvent::OpenPublicity).unwrap_err().to_string();
        assert!(err.contains("申报推荐") && err.contains("开始公示"), "{err}");
        assert!(stage_after(Stage::Published, StageEvent::Reopen).is_err());
        assert_eq!(stage_after(Stage::Decide, StageEvent::Reopen).unwrap(), Stage::Review);
    }

    /// Issue 18: with the policy's meeting on, the written review's end leads to 会议评审 and the
    /// meeting's close to the decide stage; without it nothing changes.
    #[test]
    fn a_meeting_sits_between_the_written_review_and_the_decision() {
        for e in [StageEvent::AllScored, StageEvent::CloseReview] {
            assert_eq!(stage_after_in(Stage::Review, e, true).unwrap(), Stage::Meeting);
            assert_eq!(stage_after_in(Stage::Review, e, false).unwrap(), Stage::Decide);
        }
        assert_eq!(stage_after_in(Stage::Meeting, StageEvent::CloseMeeting, true).unwrap(), Stage::Decide);
        assert_eq!(stage_after_in(Stage::Meeting, StageEvent::Reopen, true).unwrap(), Stage::Review);
        let err = stage_after_in(Stage::Meeting, StageEvent::OpenPublicity, true).unwrap_err().to_string();
        assert!(err.contains("会议评审") && err.contains("开始公示"), "{err}");
        assert!(stage_after(Stage::Decide, StageEvent::CloseMeeting).is_err());
        assert_eq!(Stage::from_code("meeting"), Some(Stage::Meeting));
    }

    #[test]
    fn sheet_states() {
        use SheetEvent as E;
        use SheetState as S;
        assert_eq!(sheet_after(S::Pending, E::Submit).unwrap(), S::Submitted);
        assert_eq!(sheet_after(S::Submitted, E::Reopen).unwrap(), S::Pending);
        assert_eq!(sheet_after(S::Submitted, E::Recuse).unwrap(), S::Recused);
        assert_eq!(sheet_after(S::Pending, E::CloseUnreturned).unwrap(), S::Unreturned);
        assert_eq!(sheet_after(S::Unreturned, E::Withdraw).unwrap(), S::Withdrawn);
        // a locked sheet is not submitted twice, and what no longer counts stays out
        let err = sheet_after(S::Submitted, E::Submit).unwrap_err().to_string();
        assert!(err.contains("已提交") && err.contains("退回重评"), "{err}");
        assert!(sheet_after(S::Withdrawn, E::Reopen).is_err());
        assert!(sheet_after(S::Recused, E::Submit).is_err());
        assert!(sheet_after(S::Unreturned, E::Submit).is_err());
    }

    #[test]
    fn dossier_states() {
        use DossierEvent as E;
        use DossierState as S;
        assert_eq!(dossier_after(S::Draft, E::SubmitLate).unwrap(), S::Late);
        assert_eq!(dossier_after(S::Late, E::AcceptLate).unwrap(), S::Submitted);
        assert_eq!(dossier_after(S::Late, E::RefuseLate).unwrap(), S::Rejected);
        assert!(dossier_after(S::Late, E::Recommend).unwrap_err().to_string().contains("逾期材料须由秘书处决定"));
        assert_eq!(dossier_after(S::Returned, E::Submit).unwrap(), S::Submitted);
        assert!(dossier_after(S::Recommended, E::Reject).is_err());
        for s in [S::Submitted, S::Late, S::Recommended, S::Returned] {
            assert_eq!(dossier_after(s, E::Withdraw).unwrap(), S::Withdrawn);
        }
        assert!(dossier_after(S::Draft, E::Withdraw).unwrap_err().to_string().contains("无需撤回"));
        assert!(dossier_after(S::Withdrawn, E::Recommend).unwrap_err().to_string().contains("已撤回"));
        // a unit amends what it submitted on its own installation; once recommended, no more
        assert_eq!(dossier_after(S::Submitted, E::Amend).unwrap(), S::Draft);
        assert_eq!(dossier_after(S::Late, E::Amend).unwrap(), S::Draft);
        assert!(dossier_after(S::Recommended, E::Amend).unwrap_err().to_string().contains("撤回修改"));
        for s in [S::Draft, S::Submitted, S::Late, S::Recommended, S::Returned, S::Rejected, S::Withdrawn] {
            assert_eq!(DossierState::from_code(s.code()), Some(s));
        }
    }
}
