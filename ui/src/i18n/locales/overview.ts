// The secretariat's overview: the year's steps, its counts and what is to do.
// (The steps' names, dates and details and the to-do texts come from the core, in Chinese.)
export default {
  'zh-CN': {
    overview: {
      title: '{year}年度评审工作总览',
      titleNoYear: '年度总览',
      stage: '当前阶段：{stage}',
      dossiers: '申报材料',
      dossiersDetail: '已推荐 {recommended} · 退回 {returned} · 不予推荐 {rejected}',
      experts: '评审专家',
      expertsDetail: '逾期待定 {n}',
      sheets: '评分表',
      funding: '经费合计（万元）',
      fundingDetail: '试点示范 {pilot} 家 · 后补助 {subsidy} 家 · 待处理异议 {objections}',
      todos: '当前待办',
      noTodos: '暂无待办事项',
      warning: '待处理',
      info: '提示',
    },
  },
  en: {
    overview: {
      title: 'Review overview {year}',
      titleNoYear: 'Year overview',
      stage: 'Current stage: {stage}',
      dossiers: 'Dossiers',
      dossiersDetail: 'recommended {recommended} · returned {returned} · not recommended {rejected}',
      experts: 'Experts',
      expertsDetail: 'late, pending {n}',
      sheets: 'Score sheets',
      funding: 'Funding total (10k CNY)',
      fundingDetail: 'pilot {pilot} · post-subsidy {subsidy} · open objections {objections}',
      todos: 'To do',
      noTodos: 'Nothing to do',
      warning: 'To handle',
      info: 'Note',
    },
  },
}
