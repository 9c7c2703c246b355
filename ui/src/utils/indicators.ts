import type { Indicators } from '@/bindings/Indicators'
import type { Narratives } from '@/bindings/Narratives'

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
