import { describe, expect, it } from 'vitest'
import { flushPromises as flush, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { i18n } from '@/i18n'
import DossierForm from './DossierForm.vue'
import type { DossierInput } from '@/bindings/DossierInput'

/** Element Plus shows a form item's error 100 ms after it is set. */
async function settle() {
  await flush()
  await new Promise((r) => setTimeout(r, 150))
}

const blank = (): DossierInput => ({
  unit_code: '', award: 'subsidy', contact_name: '', contact_phone: '', submitted_on: null,
  indicators: { industrial_enterprises: 0, associations_total: 0, associations_new: 0, building_task: 0, liaison_enterprises: 0, zones: 0, zones_with_association: 0, national_zones: 0, national_zones_with_association: 0, workstations: 0, county_points: 0 },
  matching_funds_yuan: 0, narratives: { leadership: '', building: '', services: '', distinctive: '' },
})
const mountForm = (props: Record<string, unknown> = {}) =>
  mount(DossierForm, { props: { modelValue: blank(), units: [], ...props }, global: { plugins: [i18n, ElementPlus] } })

describe('DossierForm', () => {
  it('names the empty required fields in Chinese and emits nothing', async () => {
    const w = mountForm()
    await w.get('[data-test="form-submit"]').trigger('click')
    await settle()
    expect(w.text()).toContain('请选择申报单位')
    expect(w.text()).toContain('请填写联系人')
    expect(w.text()).toContain('请填写联系电话')
    expect(w.emitted('submit')).toBeUndefined()
  })

  it('refuses letters in a number field as it is typed', async () => {
    const w = mountForm()
    await w.get('input[data-test="form-ind-zones"]').setValue('abc')
    await settle()
    expect(w.text()).toContain('请输入整数')
    await w.get('input[data-test="form-ind-zones"]').setValue('3')
    await w.get('input[data-test="form-ind-zones_with_association"]').setValue('4')
    await settle()
    expect(w.text()).toContain('已建科协园区数不能大于园区总数')
  })

  it('emits the dossier of an applicant’s fixed unit when the form is right', async () => {
    const w = mountForm({ fixedUnit: '420000' })
    await w.get('input[data-test="form-contact"]').setValue('张三')
    await w.get('input[data-test="form-phone"]').setValue('027-87654321')
    await w.get('[data-test="form-save"]').trigger('click')
    const [[v]] = w.emitted('save') as [[DossierInput]]
    expect(v.unit_code).toBe('420000')
    expect(v.contact_name).toBe('张三')
    expect(v.indicators.zones).toBe(0)
  })

  it('shows the core’s refusal under the field it names', async () => {
    const w = mountForm()
    await w.setProps({ serverError: { field: '园区总数', message: '「园区总数」不能为负数，请填写0或正整数' } })
    await settle()
    const item = w.get('input[data-test="form-ind-zones"]').element.closest('.el-form-item')!
    expect(item.textContent).toContain('「园区总数」不能为负数')
    await w.setProps({ serverError: { field: null, message: '本年度申报已截止' } })
    await settle()
    expect(w.get('[data-test="form-error"]').text()).toContain('本年度申报已截止')
  })
})
