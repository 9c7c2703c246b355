// The scoring form's rules, pure and unit-tested: what the expert types is a number within
// 0..max on the rubric's step, held in hundredths of a point (Centi, 850 = 8.5). The messages are
// the ones the expert sees next to the field (i18n `expert.sheet.err.*`).
import { i18n } from '@/i18n'

/** What one field holds: nothing yet, a valid score in hundredths, or the error to show. */
export type Parsed = { ok: true; centi: number | null } | { ok: false; error: string }

/** Full-width digits and points (「８．５」) as typed by a Chinese input method → ASCII. */
function halfWidth(s: string): string {
  return s.replace(/[０-９．。]/g, (c) => (c === '．' || c === '。' ? '.' : String.fromCharCode(c.charCodeAt(0) - 0xfee0)))
}

/** 50 → "0.5", 100 → "1", 25 → "0.25". */
export function centiText(c: number): string {
  const neg = c < 0
  const a = Math.abs(c)
  const frac = String(a % 100).padStart(2, '0').replace(/0+$/, '')
  return `${neg ? '-' : ''}${Math.floor(a / 100)}${frac ? '.' + frac : ''}`
}

/** Parses what the expert typed ("8", "8.5", ".5", "８．５") into hundredths, or says what is
 *  wrong: 「请输入数字」, 「超出范围：应在0至10分之间」, 「须为0.5的整数倍」. Empty = not yet scored. */
export function parseScore(text: string, maxPoints: number, stepCenti: number): Parsed {
  const s = halfWidth(text).trim()
  if (s === '') return { ok: true, centi: null }
  const m = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(s)
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return { ok: false, error: i18n.global.t('expert.sheet.err.number') }
  const range = i18n.global.t('expert.sheet.err.range', { max: maxPoints })
  const whole = Number(m[2] || '0')
  const frac = m[3] ?? ''
  const centi = whole * 100 + Number(frac.slice(0, 2).padEnd(2, '0'))
  const beyond = /[1-9]/.test(frac.slice(2)) // digits past hundredths: never on any step
  if (m[1] === '-' && (centi > 0 || beyond)) return { ok: false, error: range }
  if (centi > maxPoints * 100 || (centi === maxPoints * 100 && beyond)) return { ok: false, error: range }
  if (beyond || centi % stepCenti !== 0) return { ok: false, error: i18n.global.t('expert.sheet.err.step', { step: centiText(stepCenti) }) }
  return { ok: true, centi }
}

/** A stored score as the field shows it again: 850 → "8.5", 1000 → "10", null → "". */
export function centiToInput(c: number | null | undefined): string {
  return c === null || c === undefined ? '' : centiText(c)
}

/** One row of the sheet as the form holds it. */
export interface ItemState {
  criterion: string
  name: string
  /** Maximum in whole points. */
  max: number
  auto: boolean
  /** What is typed (expert criteria). */
  text: string
  comment: string
  /** The computed value (auto criteria). */
  autoCenti: number | null
}

/** The field's message, or '' when it is empty or valid (auto criteria never have one). */
export function itemError(it: ItemState, step: number): string {
  if (it.auto) return ''
  const p = parseScore(it.text, it.max, step)
  return p.ok ? '' : p.error
}

/** The row's value in hundredths: the computed auto value, or the valid typed score, else null. */
export function itemCenti(it: ItemState, step: number): number | null {
  if (it.auto) return it.autoCenti
  const p = parseScore(it.text, it.max, step)
  return p.ok ? p.centi : null
}

/** The live total: the auto criteria plus every valid typed score so far, in hundredths. */
export function total(items: ItemState[], step: number): number {
  return items.reduce((s, it) => s + (itemCenti(it, step) ?? 0), 0)
}

/** Every expert criterion typed and valid: the sheet can be submitted. */
export function complete(items: ItemState[], step: number): boolean {
  return items.every((it) => it.auto || itemCenti(it, step) !== null)
}

/** How many expert criteria hold a valid score, of how many. */
export function progress(items: ItemState[], step: number): { done: number; of: number } {
  const typed = items.filter((it) => !it.auto)
  return { done: typed.filter((it) => itemCenti(it, step) !== null).length, of: typed.length }
}

export function firstError(items: ItemState[], step: number): string | null {
  for (const it of items) {
    const e = itemError(it, step)
    if (e) return e
  }
  return null
}

/** The scores to send: every expert criterion with a valid score (a draft may be partial); an
 *  invalid or empty field is never sent, auto criteria never are. */
export function payload(items: ItemState[], step: number): { criterion: string; points: number; comment: string }[] {
  return items
    .filter((it) => !it.auto)
    .flatMap((it) => {
      const c = itemCenti(it, step)
      return c === null ? [] : [{ criterion: it.criterion, points: c, comment: it.comment.trim() }]
    })
}
