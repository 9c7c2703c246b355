//! Results, funding, publicity and publication.

use crate::error::Res;
use crate::ipc::{AdjustReq, ConsensusReq, DateReq, IdReq, ObjectionReq, PublishReq, ResolveReq, UnitReasonReq};
use crate::state::AppState;
use pingshen_core::desk::{
    Campaign, Explanation, FundingLine, FundingTable, PublicityInfo, PublicityPreview, Results, ReviewStats,
};
use tauri::State;

#[tauri::command]
pub async fn results(st: State<'_, AppState>) -> Res<Results> {
    st.act(|d, a| d.results(a, None))
}

#[tauri::command]
pub async fn explain_result(st: State<'_, AppState>, req: IdReq) -> Res<Explanation> {
    st.act(|d, a| d.explain_result(a, req.id))
}

#[tauri::command]
pub async fn review_statistics(st: State<'_, AppState>) -> Res<ReviewStats> {
    st.act(|d, a| d.review_statistics(a, None))
}

#[tauri::command]
pub async fn record_consensus(st: State<'_, AppState>, req: ConsensusReq) -> Res<()> {
    st.act(|d, a| d.record_consensus(a, None, &req.unit, req.award, &req.text))
}

#[tauri::command]
pub async fn funding(st: State<'_, AppState>) -> Res<FundingTable> {
    st.act(|d, a| d.funding(a, None))
}

#[tauri::command]
pub async fn select_pilot(st: State<'_, AppState>, req: UnitReasonReq) -> Res<FundingLine> {
    st.act(|d, a| d.select_pilot(a, None, &req.unit, &req.reason))
}

#[tauri::command]
pub async fn unselect_pilot(st: State<'_, AppState>, req: UnitReasonReq) -> Res<()> {
    st.act(|d, a| d.unselect_pilot(a, None, &req.unit, &req.reason))
}

#[tauri::command]
pub async fn adjust_funding(st: State<'_, AppState>, req: AdjustReq) -> Res<FundingTable> {
    st.act(|d, a| d.adjust_funding(a, None, &req.unit, req.award, req.amount_yuan, &req.reason))
}

#[tauri::command]
pub async fn publicity_preview(st: State<'_, AppState>, req: DateReq) -> Res<PublicityPreview> {
    st.act(|d, a| d.publicity_preview(a, None, req.date))
}

#[tauri::command]
pub async fn open_publicity(st: State<'_, AppState>, req: DateReq) -> Res<PublicityInfo> {
    st.act(|d, a| d.open_publicity(a, None, req.date, None))
}

#[tauri::command]
pub async fn publicity(st: State<'_, AppState>) -> Res<Option<PublicityInfo>> {
    st.act(|d, a| d.publicity(a, None))
}

#[tauri::command]
pub async fn add_objection(st: State<'_, AppState>, req: ObjectionReq) -> Res<i64> {
    st.act(|d, a| {
        d.add_objection(a, None, req.unit.as_deref(), req.award, &req.name, &req.contact, req.received_on, &req.content)
    })
}

#[tauri::command]
pub async fn resolve_objection(st: State<'_, AppState>, req: ResolveReq) -> Res<()> {
    st.act(|d, a| d.resolve_objection(a, req.id, req.upheld, &req.reason))
}

#[tauri::command]
pub async fn close_publicity(st: State<'_, AppState>, req: DateReq) -> Res<PublicityInfo> {
    st.act(|d, a| d.close_publicity(a, None, req.date))
}

#[tauri::command]
pub async fn publish(st: State<'_, AppState>, req: PublishReq) -> Res<Campaign> {
    st.act(|d, a| d.publish(a, None, req.on, req.doc_number.as_deref()))
}
