import { describe, expect, it } from 'vitest'
import { checkForm, fieldOfLabel, fromInput, liveRatios, toInput } from './dossierForm'
import type { DossierInput } from '@/bindings/DossierInput'

const input = (over: Partial<DossierInput> = {}): DossierInput => ({
  unit_code: '420000', award: 'subsidy', contact_name: '张三', contact_phone: '027-87654321', submitted_on: null,
  indicators: { industrial_enterprises: 15000, associations_total: 900, associations_new: 120, building_task: 150, liaison_enterprises: 800, zones: 90, zones_with_association: 30, national_zones: 12, national_zones_with_association: 6, workstations: 40, county_points: 25 },
  matching_funds_yuan: 0,
  narratives: { leadership: '省委常委会专题研究', building: '新建企业科协120家', services: '金桥工程', distinctive: '三带工作法' },
  ...over,
})

describe('dossier form', () => {
  it('round-trips a dossier', () => {
    const d = input({ award: 'pilot', matching_funds_yuan: 505_000 })
    const f = fromInput(d)
    expect(f.matching_wan).toBe('50.5')
    expect(f.ind.zones).toBe('90')
    expect(checkForm(f)).toEqual({})
    expect(toInput(f, null)).toEqual(d)
  })

  it('names required fields, non-integers and negatives', () => {
    const f = fromInput(input({ unit_code: '', contact_name: ' ', contact_phone: '' }))
    f.ind.zones = 'abc'
    f.ind.workstations = '-3'
    f.ind.county_points = ''
    f.ind.building_task = '2.5'
    const p = checkForm(f)
    expect(p.unit_code).toEqual({ key: 'unit' })
    expect(p.contact_name).toEqual({ key: 'contact' })
    expect(p.contact_phone).toEqual({ key: 'phone' })
    expect(p['ind.zones']).toEqual({ key: 'integer' })
    expect(p['ind.workstations']).toEqual({ key: 'negative' })
    expect(p['ind.county_points']).toEqual({ key: 'required' })
    expect(p['ind.building_task']).toEqual({ key: 'integer' })
  })

  it('refuses a part above its whole', () => {
    const f = fromInput(input())
    f.ind.zones_with_association = '91'
    const p = checkForm(f)
    expect(p['ind.zones_with_association']).toEqual({ key: 'partWhole', params: { part: '已建科协园区数', whole: '园区总数' } })
    f.ind.zones_with_association = '90'
    expect(checkForm(f)['ind.zones_with_association']).toBeUndefined()
  })

  it('checks the phone and the matching funds of a pilot dossier', () => {
    const f = fromInput(input({ contact_phone: '12345' }))
    expect(checkForm(f).contact_phone).toEqual({ key: 'phoneBad' })
    f.contact_phone = '(027) 8765-4321'
    expect(checkForm(f).contact_phone).toBeUndefined()
    f.award = 'pilot'
    f.matching_wan = ''
    expect(checkForm(f).matching).toEqual({ key: 'matching' })
    f.matching_wan = '0'
    expect(checkForm(f).matching).toEqual({ key: 'matching' })
    f.matching_wan = '12.34567'
    expect(checkForm(f).matching).toEqual({ key: 'matching' })
    f.matching_wan = '12.3456'
    expect(checkForm(f).matching).toBeUndefined()
    expect(toInput(f, null).matching_funds_yuan).toBe(123_456)
    f.award = 'subsidy'
    expect(toInput(f, null).matching_funds_yuan).toBe(0)
  })

  it('maps the core’s field labels onto the form', () => {
    expect(fieldOfLabel('联系电话')).toBe('contact_phone')
    expect(fieldOfLabel('园区总数')).toBe('ind.zones')
    expect(fieldOfLabel('配套资金')).toBe('matching')
    expect(fieldOfLabel('特色做法')).toBe('nar.distinctive')
    expect(fieldOfLabel('别的')).toBeNull()
  })

  it('derives the ratios of what is typed', () => {
    const f = fromInput(input())
    expect(liveRatios(f)[0]).toEqual({ label: '任务完成率', text: '80.00%' })
    f.ind.building_task = '0'
    expect(liveRatios(f)[0].text).toBe('—')
  })
})
