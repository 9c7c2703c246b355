// The dossier form's rules, pure: the typed form ↔ DossierInput, and every check made as the user
// types (required fields, whole numbers ≥ 0, a part never above its whole, matching funds of a
// pilot dossier). Problems are i18n keys with their parameters; the form shows them in the
// window's language.
import type { Award } from '@/bindings/Award'
import type { DossierInput } from '@/bindings/DossierInput'
import type { Indicators } from '@/bindings/Indicators'
import type { Narratives } from '@/bindings/Narratives'
import { INDICATOR_LABELS, NARRATIVE_LABELS, indicatorName } from '@/utils/indicators'
import { i18n } from '@/i18n'
import { wanToYuan, yuanToWanInput } from '@/utils/format'

export type IndicatorKey = keyof Indicators

export interface DossierFormState {
  unit_code: string
  award: Award
  contact_name: string
  contact_phone: string
  /** 配套资金 as typed, in 万元. */
  matching_wan: string
  ind: Record<IndicatorKey, string>
  nar: Narratives
}

export interface Problem {
  key: string
  params?: Record<string, string | number>
}

/** The part that can never exceed its whole (the core's plausibility check, same pairs). */
export const PART_WHOLE: [IndicatorKey, IndicatorKey][] = [
  ['zones_with_association', 'zones'],
  ['national_zones_with_association', 'national_zones'],
  ['national_zones', 'zones'],
  ['national_zones_with_association', 'zones_with_association'],
  ['associations_new', 'associations_total'],
  ['associations_total', 'industrial_enterprises'],
]

/** An indicator's name as the form shows it (in the window's language). */
export const indicatorLabel = (k: IndicatorKey) => indicatorName(k)

export function fromInput(d: DossierInput): DossierFormState {
  return {
    unit_code: d.unit_code,
    award: d.award,
    contact_name: d.contact_name,
    contact_phone: d.contact_phone,
    matching_wan: d.matching_funds_yuan ? yuanToWanInput(d.matching_funds_yuan) : '',
    ind: Object.fromEntries(INDICATOR_LABELS.map(([k]) => [k, String(d.indicators[k] ?? 0)])) as Record<IndicatorKey, string>,
    nar: { ...d.narratives },
  }
}

function intProblem(v: string): Problem | null {
  const s = v.trim()
  if (s === '') return { key: 'required' }
  if (/^-\s*\d+$/.test(s)) return { key: 'negative' }
  if (!/^\d{1,12}$/.test(s)) return { key: 'integer' }
  return null
}

/** Every problem of the form, by field key: unit_code, contact_name, contact_phone, ind.<id>, matching. */
export function checkForm(f: DossierFormState): Record<string, Problem> {
  const p: Record<string, Problem> = {}
  if (!f.unit_code) p.unit_code = { key: 'unit' }
  if (!f.contact_name.trim()) p.contact_name = { key: 'contact' }
  const phone = f.contact_phone.trim()
  if (!phone) p.contact_phone = { key: 'phone' }
  else if ((phone.match(/\d/g) ?? []).length < 7 || !/^[\d\-+()（）\s转]+$/.test(phone)) p.contact_phone = { key: 'phoneBad' }
  for (const [k] of INDICATOR_LABELS) {
    const e = intProblem(f.ind[k])
    if (e) p['ind.' + k] = e
  }
  for (const [part, whole] of PART_WHOLE) {
    if (p['ind.' + part] || p['ind.' + whole]) continue
    if (Number(f.ind[part]) > Number(f.ind[whole])) p['ind.' + part] = { key: 'partWhole', params: { part: indicatorLabel(part), whole: indicatorLabel(whole) } }
  }
  if (f.award === 'pilot') {
    const y = wanToYuan(f.matching_wan)
    if (y === null || y <= 0) p.matching = { key: 'matching' }
  } else if (f.matching_wan.trim() && wanToYuan(f.matching_wan) === null) {
    p.matching = { key: 'matchingBad' }
  }
  return p
}

/** The form as the core takes it (call after `checkForm` found nothing). */
export function toInput(f: DossierFormState, submittedOn: string | null): DossierInput {
  return {
    unit_code: f.unit_code,
    award: f.award,
    contact_name: f.contact_name.trim(),
    contact_phone: f.contact_phone.trim(),
    submitted_on: submittedOn,
    indicators: Object.fromEntries(INDICATOR_LABELS.map(([k]) => [k, Number(f.ind[k])])) as unknown as Indicators,
    matching_funds_yuan: f.award === 'pilot' ? (wanToYuan(f.matching_wan) ?? 0) : 0,
    narratives: {
      leadership: f.nar.leadership.trim(),
      building: f.nar.building.trim(),
      services: f.nar.services.trim(),
      distinctive: f.nar.distinctive.trim(),
    },
  }
}

/** The form field a core error names (its Chinese label), or null for a form-level message. */
export function fieldOfLabel(label: string): string | null {
  const fixed: Record<string, string> = { 申报单位: 'unit_code', 单位: 'unit_code', 申报类别: 'award', 联系人: 'contact_name', 联系电话: 'contact_phone', 配套资金: 'matching', '配套资金（万元）': 'matching' }
  if (fixed[label]) return fixed[label]
  const ind = INDICATOR_LABELS.find(([, l]) => l === label)
  if (ind) return 'ind.' + ind[0]
  const nar = NARRATIVE_LABELS.find(([, l]) => l === label)
  if (nar) return 'nar.' + nar[0]
  return null
}

/** The derived ratios of what is typed, for the line under the indicators ("—" when /0). */
export function liveRatios(f: DossierFormState): { label: string; text: string }[] {
  const n = (k: IndicatorKey) => (/^\d+$/.test(f.ind[k].trim()) ? Number(f.ind[k]) : NaN)
  const r = (a: IndicatorKey, b: IndicatorKey) => {
    const x = n(a)
    const y = n(b)
    return Number.isNaN(x) || Number.isNaN(y) || y === 0 ? '—' : `${((100 * x) / y).toFixed(2)}%`
  }
  const label = (id: string) => i18n.global.t('indicators.ratio.' + id)
  return [
    { label: label('task_rate'), text: r('associations_new', 'building_task') },
    { label: label('enterprise_coverage'), text: r('associations_total', 'industrial_enterprises') },
    { label: label('zone_coverage'), text: r('zones_with_association', 'zones') },
    { label: label('national_zone_coverage'), text: r('national_zones_with_association', 'national_zones') },
  ]
}
