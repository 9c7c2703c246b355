/**
 * The audit log in Chinese: what each action code means, what its subject is, and its detail as
 * a short sentence of "label：value" pairs instead of raw JSON. The codes are the core's
 * (`store::audit` calls in crates/pingshen-core/src/desk); an unknown one is shown as it is.
 */
import { stageLabel } from './format'
import type { Stage } from '@/bindings/Stage'

export const ACTION_LABELS: Record<string, string> = {
  'campaign.open': '开启年度评审', 'campaign.policy': '修改评审规则', 'campaign.rubric': '修改评分细则', 'campaign.stage': '阶段变更', 'campaign.publish': '发布',
  'dossier.import': '导入申报材料', 'dossier.save': '保存申报材料', 'dossier.submit': '提交申报材料', 'dossier.attach': '添加附件',
  'dossier.recommended': '推荐', 'dossier.returned': '退回修改', 'dossier.rejected': '不予推荐', 'dossier.late_accepted': '受理逾期材料',
  'dossier.late_refused': '不予受理逾期材料', 'dossier.consensus': '记录专家组意见', 'dossier.withdraw': '撤回申报',
  'expert.add': '添加专家', 'expert.import': '导入专家库', 'expert.conflict': '申明回避', 'expert.login': '设置专家登录',
  'review.draw': '随机抽取专家', 'review.replace': '补充抽取专家', 'review.close': '结束评审',
  'scores.save': '保存评分草稿', 'scores.submit': '提交评分', 'scores.import': '导入评分', 'scores.reopen': '退回评分表',
  'scores.unreturned': '评分表未返回', 'scores.withdraw': '撤回评审任务',
  'funding.allocate': '安排后补助经费', 'funding.adjust': '调整经费', 'funding.withdraw': '撤回经费安排', 'funding.pilot_select': '选定试点示范单位',
  'funding.pilot_unselect': '撤销试点示范单位', 'funding.remove_by_objection': '因异议成立移出名单',
  'publicity.open': '开始公示', 'publicity.close': '结束公示', 'objection.add': '登记异议', 'objection.refused': '异议不予受理',
  'objection.upheld': '异议成立', 'objection.dismissed': '异议不成立',
  'calendar.import': '导入节假日安排', 'user.create': '创建账号', 'user.password': '修改密码', backup: '备份',
  'backup.auto': '自动备份', restore: '恢复备份', 'settings.backups_kept': '设置自动备份份数', 'access.denied': '拒绝越权操作',
  'login.failed': '登录失败', 'login.locked': '账号锁定',
}

export const actionLabel = (code: string) => ACTION_LABELS[code] ?? code

const SUBJECTS: Record<string, (id: string) => string> = {
  campaign: (id) => `${id}年度`, dossier: (id) => `申报材料 #${id}`, assignment: (id) => `评分表 #${id}`, expert: (id) => `专家 #${id}`,
  objection: (id) => `异议 #${id}`, user: (id) => `账号 #${id}`, login: (id) => `账号 ${id}`, calendar: (id) => `${id}年日历`, file: (id) => id.split(/[\\/]/).pop() ?? id,
}

export function subjectLabel(subject: string): string {
  const at = subject.indexOf(':')
  if (at < 0) return subject
  const f = SUBJECTS[subject.slice(0, at)]
  return f ? f(subject.slice(at + 1)) : subject
}

const KEYS: Record<string, string> = {
  reason: '理由', from: '从', to: '到', on: '日期', doc_number: '文号', amount_yuan: '金额（元）', seed: '种子', per_dossier: '每份专家数',
  name: '姓名', contact: '联系方式', content: '内容', received_on: '收到日期', start: '开始', end: '结束', days: '工作日', rows: '名单家数',
  file: '文件', imported: '条数', late: '逾期', expert: '专家', unit: '单位', old_expert: '原专家', new_expert: '新专家', by_hand: '指定',
  unreturned: '未返回', insufficient: '评分不足', sheets_withdrawn: '撤回评审任务', funding_removed: '移出经费', login: '登录名', role: '角色',
  text: '意见', before: '备份于此操作前', message: '原因', failures: '连续失败次数', until: '锁定至', minutes: '锁定分钟数', kept: '保留份数',
  replaced: '替换', year: '年度', award: '类别', kind: '类型', why: '原因', replaced_by: '替换为', recused_assignments: '回避评分表',
}
// large or internal parts that say nothing to a reader here
const HIDDEN = new Set(['scores', 'pairs', 'days', 'sha256', 'extra', 'policy', 'rubric', 'assignment', 'dossier', 'from_state'])

function show(v: unknown): string {
  if (v === null || v === undefined) return '—'
  if (typeof v === 'boolean') return v ? '是' : '否'
  if (Array.isArray(v)) return v.map(show).join('、')
  if (typeof v === 'object') return JSON.stringify(v)
  return String(v)
}

/** The detail of an entry as 「理由：…；金额（元）：…」. */
export function detailText(action: string, detail: unknown): string {
  if (!detail || typeof detail !== 'object' || Array.isArray(detail)) return show(detail)
  const d = detail as Record<string, unknown>
  if (action === 'campaign.stage' && typeof d.from === 'string' && typeof d.to === 'string') {
    return `${stageLabel(d.from as Stage)} → ${stageLabel(d.to as Stage)}`
  }
  const parts = Object.entries(d)
    .filter(([k, v]) => !HIDDEN.has(k) && v !== null && v !== '' && !(Array.isArray(v) && !v.length))
    .map(([k, v]) => `${KEYS[k] ?? k}：${show(v)}`)
  if (Array.isArray(d.pairs)) parts.push(`分配：${d.pairs.length}项`)
  if (d.scores && typeof d.scores === 'object') parts.push(`评分项：${Object.keys(d.scores as object).length}项`)
  const extra = d.extra
  if (extra && typeof extra === 'object' && !Array.isArray(extra)) {
    const e = extra as Record<string, unknown>
    for (const [k, v] of Object.entries(e)) if (!HIDDEN.has(k) && v !== null && v !== '') parts.push(`${KEYS[k] ?? k}：${show(v)}`)
  }
  return parts.join('；')
}
