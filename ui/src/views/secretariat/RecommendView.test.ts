// The formal-check screen's findings against last year (issue 16 §4) on a mocked backend: the
// count of findings to verify, both years' values side by side, 已核实 with a note sent as the
// core expects it, and the verified note shown afterwards.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import ElementPlus from 'element-plus'
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks'
import { i18n } from '@/i18n'
import RecommendView from './RecommendView.vue'
import YoyFindings from '@/components/yoy/YoyFindings.vue'
import type { Dossier } from '@/bindings/Dossier'
import type { YoyReport } from '@/bindings/YoyReport'

type Call = { cmd: string; args: unknown }
let calls: Call[]
let wrapper: VueWrapper | null = null

const hubei: Dossier = {
  id: 3, year: 2015,
  unit: { code: '420000', order: 17, kind: 'provincial', region: '湖北省', province: '湖北', full_name: '湖北省科学技术协会', short_name: '湖北省科协', aliases: [] },
  state: 'submitted', late: false, attachments: [], decisions: [],
  unit_code: '420000', award: 'subsidy', contact_name: '张伟', contact_phone: '027-87654321', submitted_on: '2015-10-12',
  indicators: { industrial_enterprises: 10000, associations_total: 1600, associations_new: 100, building_task: 100, liaison_enterprises: 400, zones: 40, zones_with_association: 20, national_zones: 5, national_zones_with_association: 4, workstations: 28, county_points: 5 },
  matching_funds_yuan: 0,
  narratives: { leadership: '党组高度重视。', building: '新建一百家。', services: '金桥工程。', distinctive: '三带工作法。' },
} as Dossier

const finding = {
  code: 'yoy_decrease_workstations', subject: 'workstations', label: '院士专家工作站数', this_year: '28', last_year: '30',
  message: '「院士专家工作站数」为累计数，本年28比上年30减少2，请核实',
}
const open = (): YoyReport => ({ dossier_id: 3, last_year: 2014, findings: [{ ...finding, verified: null }] })
const verified = (note: string): YoyReport => ({ dossier_id: 3, last_year: 2014, findings: [{ ...finding, verified: { note, actor: '本机秘书处', at: '2015-11-01T08:00:00Z' } }] })

beforeEach(() => {
  setActivePinia(createPinia())
  i18n.global.locale.value = 'zh-CN'
  calls = []
  mockIPC((cmd, args) => {
    calls.push({ cmd, args })
    switch (cmd) {
      case 'dossiers': return [hubei]
      case 'yoy_check': return open()
      case 'verify_yoy': return verified((args as { req: { note: string } }).req.note)
      default: throw { code: 'other', field: null, message: `未模拟的命令 ${cmd}`, problems: [] }
    }
  })
})
afterEach(() => {
  wrapper?.unmount()
  wrapper = null
  clearMocks()
  document.body.innerHTML = ''
})

describe('RecommendView: findings against last year', () => {
  it('counts the findings to verify, shows both values and sends 已核实 with the note', async () => {
    wrapper = mount(RecommendView, { attachTo: document.body, global: { plugins: [i18n, ElementPlus] } })
    await flushPromises()
    await flushPromises()
    expect(calls.filter((c) => c.cmd === 'yoy_check').map((c) => c.args)).toEqual([{ req: { id: 3 } }])
    expect(wrapper.get('[data-test="yoy-open-3"]').text()).toBe('1项待核实')

    await wrapper.get('.el-table__expand-icon').trigger('click')
    await flushPromises()
    const row = wrapper.get('[data-test="yoy-yoy_decrease_workstations"]')
    expect(row.get('[data-test="yoy-this"]').text()).toBe('28')
    expect(row.get('[data-test="yoy-last"]').text()).toBe('30')
    expect(row.text()).toContain('院士专家工作站数')
    expect(wrapper.text()).toContain('上年（2014）')

    await row.get('[data-test="yoy-verify"]').trigger('click')
    await flushPromises()
    // only the opened dialog is rendered (el-dialog renders its content when first opened)
    const input = document.querySelector('[data-test="reason-input"]')!
    const box = (input.tagName === 'TEXTAREA' ? input : input.querySelector('textarea')!) as HTMLTextAreaElement
    box.value = '两家工作站因企业破产撤销，已电话核实'
    box.dispatchEvent(new Event('input'))
    await flushPromises()
    document.querySelector<HTMLButtonElement>('[data-test="reason-confirm"]')!.click()
    await flushPromises()
    expect(calls.filter((c) => c.cmd === 'verify_yoy').map((c) => c.args)).toEqual([
      { req: { id: 3, code: 'yoy_decrease_workstations', note: '两家工作站因企业破产撤销，已电话核实' } },
    ])
    expect(wrapper.find('[data-test="yoy-open-3"]').exists()).toBe(false)
    expect(wrapper.get('[data-test="yoy-note"]').text()).toBe('两家工作站因企业破产撤销，已电话核实')
  })
})

describe('RecommendView: 补正通知 after 退回', () => {
  it('offers the correction notice on a returned dossier only, and exports that unit\'s', async () => {
    clearMocks()
    mockIPC((cmd, args) => {
      calls.push({ cmd, args })
      switch (cmd) {
        case 'dossiers': return [{ ...hubei, state: 'returned' }, { ...hubei, id: 4, award: 'pilot' }]
        case 'yoy_check': return { dossier_id: 3, last_year: null, findings: [] }
        case 'export_letters': return { folder: '/tmp/x', letters: 1, files: 2, sealed: false }
        default: throw { code: 'other', field: null, message: `未模拟的命令 ${cmd}`, problems: [] }
      }
    })
    wrapper = mount(RecommendView, { attachTo: document.body, global: { plugins: [i18n, ElementPlus] } })
    await flushPromises()
    await flushPromises()
    expect(wrapper.find('[data-test="return-notice-4"]').exists()).toBe(false)
    const button = wrapper.get('[data-test="return-notice-3"]')
    expect(button.text()).toBe('补正通知')
    await button.trigger('click')
    await flushPromises()
    expect(calls.filter((c) => c.cmd === 'export_letters').map((c) => c.args)).toEqual([
      { req: { kind: 'return', seal: false, unit: '湖北省科学技术协会', expert: null } },
    ])
  })
})

describe('YoyFindings', () => {
  it('says when the unit did not apply last year, and offers no action on a dossier already decided', () => {
    const w = mount(YoyFindings, { props: { report: { dossier_id: 1, last_year: null, findings: [] } }, global: { plugins: [i18n, ElementPlus] } })
    expect(w.text()).toContain('上年未申报')
    const v = mount(YoyFindings, { props: { report: open(), editable: false }, global: { plugins: [i18n, ElementPlus] } })
    expect(v.find('[data-test="yoy-verify"]').exists()).toBe(false)
    expect(v.text()).toContain('待核实')
  })
  it('shows a copied narrative with both texts', () => {
    const copied = { code: 'yoy_copied_leadership', subject: 'leadership', label: '组织领导情况', this_year: '甲。乙。', last_year: '甲。乙。丙。', message: '「组织领导情况」2句中有2句与上年相同（100%），达到60%，请核实是否照抄上年材料' }
    const w = mount(YoyFindings, { props: { report: { dossier_id: 1, last_year: 2014, findings: [{ ...copied, verified: null }] }, editable: true }, global: { plugins: [i18n, ElementPlus] } })
    expect(w.get('[data-test="yoy-this"]').text()).toBe('甲。乙。')
    expect(w.get('[data-test="yoy-last"]').text()).toBe('甲。乙。丙。')
    expect(w.text()).toContain('100%')
  })
})
