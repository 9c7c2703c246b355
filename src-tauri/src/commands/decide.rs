//! Results, funding, publicity and publication.

use crate::error::Res;
use crate::ipc::{AdjustReq, ConsensusReq, DateReq, IdReq, ObjectionReq, PublishReq, ResolveReq, UnitReasonReq};
use crate::state::AppState;
use pingshen_core::desk::{
    Campaign, Explanation, FundingLine, FundingTable, PublicityInfo, PublicityPreview, Results, ReviewStats,
    RobustnessReport,
};
use tauri::State;

#[tauri::command]
pub async fn results(st: State<'_, AppState>) -> Res<Results> {
    st.act_in(|d, a, y| d.results(a, y))
}

#[tauri::command]
pub async fn explain_result(st: State<'_, AppState>, req: IdReq) -> Res<Explanation> {
    st.act(|d, a| d.explain_result(a, req.id))
}

#[tauri::command]
pub async fn review_statistics(st: State<'_, AppState>) -> Res<ReviewStats> {
    st.act_in(|d, a, y| d.review_statistics(a, y))
}

/// Does the ranking hold? (issue 18: 评审结果 › 稳健性)
#[tauri::command]
pub async fn robustness(st: State<'_, AppState>) -> Res<RobustnessReport> {
    st.act_in(|d, a, y| d.robustness(a, y))
}

#[tauri::command]
pub async fn record_consensus(st: State<'_, AppState>, req: ConsensusReq) -> Res<()> {
    st.act_in(|d, a, y| d.record_consensus(a, y, &req.unit, req.award, &req.text))
}

#[tauri::command]
pub async fn funding(st: State<'_, AppState>) -> Res<FundingTable> {
    st.act_in(|d, a, y| d.funding(a, y))
}

#[tauri::command]
pub async fn select_pilot(st: State<'_, AppState>, req: UnitReasonReq) -> Res<FundingLine> {
    st.act_in(|d, a, y| d.select_pilot(a, y, &req.unit, &req.reason))
}

#[tauri::command]
pub async fn unselect_pilot(st: State<'_, AppState>, req: UnitReasonReq) -> Res<()> {
    st.act_in(|d, a, y| d.unselect_pilot(a, y, &req.unit, &req.reason))
}

#[tauri::command]
pub async fn adjust_funding(st: State<'_, AppState>, req: AdjustReq) -> Res<FundingTable> {
    st.act_in(|d, a, y| d.adjust_funding(a, y, &req.unit, req.award, req.amount_yuan, &req.reason))
}

#[tauri::command]
pub async fn publicity_preview(st: State<'_, AppState>, req: DateReq) -> Res<PublicityPreview> {
    st.act_in(|d, a, y| d.publicity_preview(a, y, req.date))
}

#[tauri::command]
pub async fn open_publicity(st: State<'_, AppState>, req: DateReq) -> Res<PublicityInfo> {
    st.act_in(|d, a, y| d.open_publicity(a, y, req.date, None))
}

#[tauri::command]
pub async fn publicity(st: State<'_, AppState>) -> Res<Option<PublicityInfo>> {
    st.act_in(|d, a, y| d.publicity(a, y))
}

#[tauri::command]
pub async fn add_objection(st: State<'_, AppState>, req: ObjectionReq) -> Res<i64> {
    st.act_in(|d, a, y| {
        d.add_objection(a, y, req.unit.as_deref(), req.award, &req.name, &req.contact, req.received_on, &req.content)
    })
}

#[tauri::command]
pub async fn resolve_objection(st: State<'_, AppState>, req: ResolveReq) -> Res<()> {
    st.act(|d, a| d.resolve_objection(a, req.id, req.upheld, &req.reason))
}

#[tauri::command]
pub async fn close_publicity(st: State<'_, AppState>, req: DateReq) -> Res<PublicityInfo> {
    st.act_in(|d, a, y| d.close_publicity(a, y, req.date))
}

#[tauri::command]
pub async fn publish(st: State<'_, AppState>, req: PublishReq) -> Res<Campaign> {
    st.act_in(|d, a, y| d.publish(a, y, req.on, req.doc_number.as_deref()))
}
