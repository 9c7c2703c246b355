//! The panel meeting (会议评审, issue 18): the agenda, its settings, open, vote, close.

use crate::error::Res;
use crate::ipc::{MeetingVoteReq, OpenMeetingReq};
use crate::state::AppState;
use pingshen_core::desk::{Campaign, MeetingSettings, MeetingView, VoteCounts};
use tauri::State;

#[tauri::command]
pub async fn meeting(st: State<'_, AppState>) -> Res<MeetingView> {
    st.act_in(|d, a, y| d.meeting(a, y))
}

#[tauri::command]
pub async fn set_meeting_settings(st: State<'_, AppState>, req: MeetingSettings) -> Res<Campaign> {
    st.act_in(|d, a, y| d.set_meeting_settings(a, y, req))
}

#[tauri::command]
pub async fn open_meeting(st: State<'_, AppState>, req: OpenMeetingReq) -> Res<MeetingView> {
    st.act_in(|d, a, y| d.open_meeting(a, y, req.date, &req.place, &req.chair, &req.present))
}

#[tauri::command]
pub async fn vote_meeting(st: State<'_, AppState>, req: MeetingVoteReq) -> Res<MeetingView> {
    let counts =
        VoteCounts { votes_for: req.votes_for, votes_against: req.votes_against, votes_abstain: req.votes_abstain };
    st.act_in(|d, a, y| d.vote(a, y, &req.unit, req.award, counts, &req.note, req.reason.as_deref()))
}

#[tauri::command]
pub async fn close_meeting(st: State<'_, AppState>) -> Res<MeetingView> {
    st.act_in(|d, a, y| d.close_meeting(a, y))
}
