// Words of the shell and of the shared pieces (buttons, load states, dialogs).
export default {
  'zh-CN': {
    common: {
      app: { name: '评审台', year: '{year}年度', stage: '当前阶段', noYear: '尚未建立年度', logout: '退出登录', title: '评审台 · {year}年度' },
      nav: {
        overview: '总览', dossiers: '申报材料', recommend: '形式审查与推荐', experts: '专家与分配', results: '评审结果',
        funding: '经费安排', publicity: '公示', documents: '文件导出', audit: '操作日志', settings: '设置',
        expert: '我的评审', applicant: '本单位申报',
      },
      role: { secretariat: '秘书处', expert: '评审专家', applicant: '申报单位' },
      action: {
        save: '保存', cancel: '取消', confirm: '确定', retry: '重试', close: '关闭', submit: '提交', edit: '修改',
        delete: '删除', add: '添加', back: '返回', export: '导出', print: '打印', search: '查询', refresh: '刷新', open: '打开',
      },
      load: { failed: '加载失败', empty: '暂无数据', loading: '正在加载…' },
      reason: { label: '理由', required: '请填写理由' },
      confirmTitle: '请确认',
      saved: '已保存',
    },
  },
  en: {
    common: {
      app: { name: 'Pingshen', year: '{year}', stage: 'Stage', noYear: 'No year yet', logout: 'Log out', title: 'Pingshen · {year}' },
      nav: {
        overview: 'Overview', dossiers: 'Dossiers', recommend: 'Formal check', experts: 'Experts & draw', results: 'Results',
        funding: 'Funding', publicity: 'Publicity', documents: 'Documents', audit: 'Audit log', settings: 'Settings',
        expert: 'My reviews', applicant: 'Our dossier',
      },
      role: { secretariat: 'Secretariat', expert: 'Expert', applicant: 'Applicant unit' },
      action: {
        save: 'Save', cancel: 'Cancel', confirm: 'OK', retry: 'Retry', close: 'Close', submit: 'Submit', edit: 'Edit',
        delete: 'Delete', add: 'Add', back: 'Back', export: 'Export', print: 'Print', search: 'Search', refresh: 'Refresh', open: 'Open',
      },
      load: { failed: 'Loading failed', empty: 'Nothing here yet', loading: 'Loading…' },
      reason: { label: 'Reason', required: 'Please give a reason' },
      confirmTitle: 'Please confirm',
      saved: 'Saved',
    },
  },
}
