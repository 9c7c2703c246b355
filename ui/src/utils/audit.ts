/**
 * The audit log in words: what each action code means, what its subject is, and its detail as
 * a short sentence of "label：value" pairs instead of raw JSON. The actions and their names are
 * the core's (`pingshen_core::AuditAction`, generated into `@/bindings/AuditAction`); an unknown
 * code is shown as it is. The other words are the i18n messages `audit.subjects.*`, `audit.fields.*`.
 */
import { i18n, type Locale } from '@/i18n'
import { AUDIT_ACTION_LABELS } from '@/bindings/AuditAction'
import { listSep, stageLabel } from './format'
import type { Stage } from '@/bindings/Stage'
import type { HeadReached } from '@/bindings/HeadReached'

const t = (key: string, named: Record<string, unknown> = {}) => i18n.global.t(key, named)
/** The message at `key`, or null when there is none. */
function word(key: string): string | null {
  const s = t(key)
  return s === key ? null : s
}

const ACTION_LABELS: Record<string, Record<Locale, string> | undefined> = AUDIT_ACTION_LABELS
/** An action code's name in the window's language (「异议不成立」 for `objection.dismissed`), or
 *  the code itself. */
export function actionLabel(code: string): string {
  const names = Object.hasOwn(ACTION_LABELS, code) ? ACTION_LABELS[code] : undefined
  return names ? names[i18n.global.locale.value === 'en' ? 'en' : 'zh-CN'] : code
}

export function subjectLabel(subject: string): string {
  const at = subject.indexOf(':')
  if (at < 0) return subject
  const kind = subject.slice(0, at)
  const id = subject.slice(at + 1)
  if (kind === 'file') return id.split(/[\\/]/).pop() ?? id
  if (!/^[a-z_]+$/.test(kind)) return subject
  const key = 'audit.subjects.' + kind
  return word(key) === null ? subject : t(key, { id })
}

const field = (k: string) => (/^[a-z_]+$/.test(k) ? word('audit.fields.' + k) : null) ?? k
const pair = (k: string, v: unknown) => t('audit.pair', { k: field(k), v: show(v) })
// large or internal parts that say nothing to a reader here
const HIDDEN = new Set(['scores', 'pairs', 'days', 'sha256', 'extra', 'policy', 'rubric', 'assignment', 'dossier', 'from_state'])

function show(v: unknown): string {
  if (v === null || v === undefined) return '—'
  if (typeof v === 'boolean') return v ? t('common.yes') : t('common.no')
  if (Array.isArray(v)) return v.map(show).join(listSep())
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
    .map(([k, v]) => pair(k, v))
  if (Array.isArray(d.pairs)) parts.push(t('audit.pairs', { n: d.pairs.length }))
  if (d.scores && typeof d.scores === 'object') parts.push(t('audit.scores', { n: Object.keys(d.scores as object).length }))
  const extra = d.extra
  if (extra && typeof extra === 'object' && !Array.isArray(extra)) {
    const e = extra as Record<string, unknown>
    for (const [k, v] of Object.entries(e)) if (!HIDDEN.has(k) && v !== null && v !== '') parts.push(pair(k, v))
  }
  return parts.join(t('audit.partSep'))
}

/** What checking a file against the log found: reached (in the window's language), or the
 *  core's account of the cut or rewrite. */
export const reachedText = (r: HeadReached) => (r.reached ? t('audit.reached', { file: r.file, seq: r.head.seq }) : r.message)
