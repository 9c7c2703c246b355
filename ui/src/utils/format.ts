// How numbers, money, dates and codes are shown: 万元 with two decimals (integer arithmetic),
// points with two decimals, dates as 2014年12月1日 (in English 1 Dec 2014), times in Beijing time.
// The labels of the core's codes are the i18n messages `common.award.*`, `common.stage.*` ….
import { i18n } from '@/i18n'
import type { Award } from '@/bindings/Award'
import type { DossierState } from '@/bindings/DossierState'
import type { Grade } from '@/bindings/Grade'
import type { Role } from '@/bindings/Role'
import type { SheetState } from '@/bindings/SheetState'
import type { Stage } from '@/bindings/Stage'

/** Yuan → 万元 with two decimals, rounded half away from zero, exactly. */
export function wan(yuan: number): string {
  const neg = yuan < 0
  const cents = Math.floor((Math.abs(yuan) + 50) / 100) // hundredths of 万元
  const s = `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`
  return neg && cents > 0 ? `-${s}` : s
}

/** Hundredths of a point → "85.50"; null → "—". */
export function centi(c: number | null | undefined): string {
  if (c === null || c === undefined) return '—'
  const neg = c < 0
  const a = Math.abs(Math.round(c))
  return `${neg ? '-' : ''}${Math.floor(a / 100)}.${String(a % 100).padStart(2, '0')}`
}

/** A value already rounded to 0.01 → "85.50"; null → "—". */
export function points(p: number | null | undefined): string {
  return p === null || p === undefined ? '—' : p.toFixed(2)
}

export function pct(v: number | null | undefined): string {
  return v === null || v === undefined ? '—' : `${(v * 100).toFixed(2)}%`
}

const t = (key: string, named: Record<string, unknown> = {}) => i18n.global.t(key, named)
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
function dateParts(iso: string) {
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number)
  return { y, m, d, mon: MONTHS[m - 1] ?? m }
}

/** "2014-12-01" → 「2014年12月1日」 (English: "1 Dec 2014"); nothing → "—". */
export function cnDate(iso: string | null | undefined): string {
  if (!iso) return '—'
  return t('common.date.full', dateParts(iso))
}

/** "2014-12-01" → 「12月1日」 (English: "1 Dec"). */
export function monthDay(iso: string): string {
  return t('common.date.monthDay', dateParts(iso))
}

export function today(): string {
  const d = new Date()
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`
}

/** "YYYY-MM-DD" plus `n` calendar days. */
export function addDays(iso: string, n: number): string {
  const [y, m, d] = iso.split('-').map(Number)
  const t = new Date(Date.UTC(y, m - 1, d + n))
  return t.toISOString().slice(0, 10)
}

/** `iso` moved into [lo, hi] (ISO dates compare as strings). */
export function clampDate(iso: string, lo: string, hi: string): string {
  return iso < lo ? lo : iso > hi ? hi : iso
}

/** A UTC RFC 3339 time → "2014-12-01 09:30" in Beijing time (+08:00). */
export function beijingTime(utc: string): string {
  const t = new Date(utc)
  if (isNaN(t.getTime())) return utc
  const b = new Date(t.getTime() + 8 * 3600 * 1000)
  const p = (n: number) => String(n).padStart(2, '0')
  return `${b.getUTCFullYear()}-${p(b.getUTCMonth() + 1)}-${p(b.getUTCDate())} ${p(b.getUTCHours())}:${p(b.getUTCMinutes())}`
}

/** The label of a code in `common.<group>`, or the code itself when there is none. */
function label(group: string, code: string): string {
  const key = `common.${group}.${code}`
  const s = t(key)
  return s === key ? code : s
}

export const awardLabel = (a: Award | null | undefined) => (a ? label('award', a) : '—')
export const stageLabel = (s: Stage | null | undefined) => (s ? label('stage', s) : '—')
export const dossierStateLabel = (s: DossierState) => label('dossierState', s)
export const sheetStateLabel = (s: SheetState) => label('sheetState', s)
export const gradeLabel = (g: Grade | null | undefined) => (g ? label('grade', g) : '—')

export function flagLabel(f: string): string {
  if (f.startsWith('deviating_expert:')) return t('common.flag.deviating', { expert: f.slice('deviating_expert:'.length) })
  return label('flag', f)
}

export const roleLabel = (r: Role | null | undefined) => (r ? label('role', r) : '')

/** The separator of a list in running text: 「、」, in English ", ". */
export const listSep = () => t('common.sep')

export function bytes(n: number): string {
  return n >= 1 << 20 ? `${(n / (1 << 20)).toFixed(1)} MB` : `${Math.ceil(n / 1024)} KB`
}

/** A typed amount in 万元 ("300", "12.5", "0.0001") → integer yuan, exactly (1 yuan = 0.0001万元);
 *  null when it is not a non-negative amount with at most four decimals. */
export function wanToYuan(s: string | number): number | null {
  const m = /^\s*(\d{1,9})(?:\.(\d{0,4}))?\s*$/.exec(String(s))
  if (!m) return null
  return Number(m[1]) * 10000 + Number((m[2] ?? '').padEnd(4, '0'))
}

/** Integer yuan → the 万元 text an input starts with ("300", "12.5", "0.0001"), exactly. */
export function yuanToWanInput(yuan: number): string {
  const a = Math.abs(Math.round(yuan))
  const frac = String(a % 10000).padStart(4, '0').replace(/0+$/, '')
  return `${yuan < 0 ? '-' : ''}${Math.floor(a / 10000)}${frac ? '.' + frac : ''}`
}
