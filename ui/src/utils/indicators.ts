import type { Indicators } from '@/bindings/Indicators'
import type { Narratives } from '@/bindings/Narratives'
import { i18n } from '@/i18n'

// The Chinese names below are the core's: the 申报汇总表's headers and the field a refusal names
// (`fieldOfLabel` matches them), so they stay Chinese whatever the window's language. What a
// screen shows is `indicatorName` / `narrativeName` (the i18n messages `indicators.ind.*`,
// `indicators.nar.*`, whose zh-CN texts are these same names; the i18n coverage test checks it).

/** The indicator fields as the 申报汇总表 names them. */
export const INDICATOR_LABELS: [keyof Indicators, string][] = [
  ['industrial_enterprises', '规上工业企业数'],
  ['associations_total', '企业科协总数'],
  ['associations_new', '本年新建企业科协数'],
  ['building_task', '本年组建任务数'],
  ['liaison_enterprises', '建立科协联系人制度企业数'],
  ['zones', '园区总数'],
  ['zones_with_association', '已建科协园区数'],
  ['national_zones', '国家级园区数'],
  ['national_zones_with_association', '已建科协国家级园区数'],
  ['workstations', '院士专家工作站数'],
  ['county_points', '县级联系点建会建站数'],
]

export const NARRATIVE_LABELS: [keyof Narratives, string][] = [
  ['leadership', '组织领导情况'],
  ['building', '组织建设成效'],
  ['services', '服务企业创新情况'],
  ['distinctive', '特色做法'],
]

/** An indicator's name in the window's language (an unknown key as it is). */
export function indicatorName(k: string): string {
  if (!/^[a-z_]+$/.test(k)) return k
  const key = 'indicators.ind.' + k
  const s = i18n.global.t(key)
  return s === key ? k : s
}

/** A narrative's heading in the window's language. */
export const narrativeName = (k: keyof Narratives) => i18n.global.t('indicators.nar.' + k)
