// The scoring screen against a mocked backend (mockIPC): live total, refusals next to the field
// that are never sent, the debounced autosave and its exact payload, Enter to the next field,
// a locked sheet, and one submission for a double click.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory, createRouter, RouterView } from 'vue-router'
import ElementPlus, { ElMessageBox } from 'element-plus'
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks'
import { i18n } from '@/i18n'
import ScoringView from './ScoringView.vue'
import type { ScoringSheet } from '@/bindings/ScoringSheet'

type Call = { cmd: string; args: unknown }

function sheetFixture(over: Partial<ScoringSheet> = {}): ScoringSheet {
  const crit = (id: string, name: string, points: number, how: 'expert' | 'auto') => ({ id, name, points, how })
  const leadership = crit('leadership', '组织领导：列入议事日程，领导分管，专人负责', 10, 'expert')
  const task = { ...crit('task_completion', '新建企业科协任务完成率', 15, 'auto'), numerator: 'associations_new', denominator: 'building_task', target: '1' }
  const services = crit('innovation_services', '服务企业创新特色', 25, 'expert')
  return {
    assignment_id: 7,
    state: 'pending',
    expert: '王建华',
    dossier: {
      id: 3, year: 2014,
      unit: { code: '420000', order: 17, kind: 'province', region: '湖北省', province: '湖北省', full_name: '湖北省科学技术协会', short_name: '湖北省科协', aliases: [] },
      state: 'recommended', late: false, attachments: [], decisions: [],
      unit_code: '420000', award: 'subsidy', contact_name: '张三', contact_phone: '027-87654321', submitted_on: '2014-10-20',
      indicators: { industrial_enterprises: 15000, associations_total: 900, associations_new: 120, building_task: 150, liaison_enterprises: 800, zones: 90, zones_with_association: 30, national_zones: 12, national_zones_with_association: 6, workstations: 40, county_points: 25 },
      matching_funds_yuan: 0,
      narratives: { leadership: '省委常委会专题研究企业科协工作。', building: '新建企业科协120家。', services: '开展金桥工程项目30项。', distinctive: '推行三带工作法。' },
    },
    ratios: [{ id: 'task_rate', label: '任务完成率', value: 0.8, text: '80.00%' }],
    rubric: { id: 'subsidy-2014', award: 'subsidy', version: '1', title: '后补助评分细则', step: '0.5', zero_denominator: 'full', criteria: [leadership, task, services] },
    step: 50,
    items: [
      { criterion: leadership, points: null, comment: '', auto: false },
      { criterion: task, points: 1200, comment: '按指标自动计算', auto: true },
      { criterion: services, points: null, comment: '', auto: false },
    ],
    total: 1200,
    complete: false,
    others: [],
    editable: true,
    ...over,
  } as ScoringSheet
}

const lockedFixture = () => {
  const s = sheetFixture({ state: 'submitted', editable: false, complete: true, total: 3950 })
  s.items[0].points = 850
  s.items[2].points = 1900
  s.others = [{ assignment_id: 8, expert: '李明', state: 'submitted', scores: [{ criterion: 'leadership', points: 900, comment: '' }, { criterion: 'task_completion', points: 1200, comment: '' }, { criterion: 'innovation_services', points: 2000, comment: '' }], total: 4100 }]
  return s
}

let calls: Call[]
let current: () => ScoringSheet
let wrapper: VueWrapper | null = null

function backend() {
  mockIPC((cmd, args) => {
    calls.push({ cmd, args })
    switch (cmd) {
      case 'scoring_sheet': return current()
      case 'save_draft': return null
      case 'submit_sheet': current = lockedFixture; return null
      case 'launch_state': return { db_path: '/tmp/x.db', years: [2014], campaign: null, actor: null, local_login_allowed: false, demo_available: false, holds_package: false, applicant_unit: null }
      default: throw { code: 'other', field: null, message: `未模拟的命令 ${cmd}`, problems: [] }
    }
  })
}
const sent = (cmd: string) => calls.filter((c) => c.cmd === cmd)

async function open(): Promise<VueWrapper> {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/expert', component: { render: () => h('div', 'list') } },
      { path: '/expert/score/:assignmentId', component: ScoringView, props: (r) => ({ assignmentId: Number(r.params.assignmentId) }) },
    ],
  })
  await router.push('/expert/score/7')
  await router.isReady()
  const Root = defineComponent({ render: () => h(RouterView) })
  wrapper = mount(Root, { attachTo: document.body, global: { plugins: [router, i18n, ElementPlus] } })
  await flushPromises()
  await flushPromises()
  return wrapper
}

const input = (w: VueWrapper, id: string) => w.get(`[data-test="score-${id}"]`)
async function type(w: VueWrapper, id: string, text: string) {
  await input(w, id).setValue(text)
}
const total = (w: VueWrapper) => w.get('[data-test="sheet-total"]').text()
const active = () => (document.activeElement as HTMLElement | null)?.getAttribute('data-test')

beforeEach(() => {
  setActivePinia(createPinia())
  calls = []
  current = () => sheetFixture()
  backend()
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
})
afterEach(() => {
  wrapper?.unmount()
  wrapper = null
  vi.useRealTimers()
  vi.restoreAllMocks()
  clearMocks()
  document.body.innerHTML = ''
})

describe('ScoringView', () => {
  it('shows the dossier and focuses the first criterion on open', async () => {
    const w = await open()
    expect(sent('scoring_sheet')[0].args).toEqual({ req: { id: 7 } })
    expect(w.text()).toContain('湖北省科学技术协会')
    expect(w.text()).toContain('80.00%')
    expect(w.text()).toContain('推行三带工作法。')
    expect(w.get('[data-test="auto-task_completion"]').text()).toBe('12.00')
    expect(active()).toBe('score-leadership')
  })

  it('updates the total as the expert types', async () => {
    const w = await open()
    expect(total(w)).toBe('12.00')
    await type(w, 'leadership', '8.5')
    expect(total(w)).toBe('20.50')
    await type(w, 'innovation_services', '20')
    expect(total(w)).toBe('40.50')
    await type(w, 'innovation_services', '2')
    expect(total(w)).toBe('22.50')
  })

  it('refuses 11 on a 10-point criterion next to the field and never sends it', async () => {
    const w = await open()
    await type(w, 'leadership', '11')
    expect(w.get('[data-test="score-error-leadership"]').text()).toBe('超出范围：应在0至10分之间')
    expect(total(w)).toBe('12.00')
    await vi.advanceTimersByTimeAsync(3000)
    expect(sent('save_draft')).toHaveLength(0)
    expect(w.get('[data-test="sheet-submit"]').attributes('disabled')).toBeDefined()
  })

  it('refuses 7.3 on a 0.5 step and letters, never sending either', async () => {
    const w = await open()
    await type(w, 'leadership', '7.3')
    expect(w.get('[data-test="score-error-leadership"]').text()).toBe('须为0.5的整数倍')
    await vi.advanceTimersByTimeAsync(3000)
    await type(w, 'leadership', 'abc')
    expect(w.get('[data-test="score-error-leadership"]').text()).toBe('请输入数字')
    await vi.advanceTimersByTimeAsync(3000)
    expect(sent('save_draft')).toHaveLength(0)
    await type(w, 'leadership', '7.5')
    expect(w.find('[data-test="score-error-leadership"]').exists()).toBe(false)
  })

  it('autosaves a valid change once, after the pause, with the exact payload', async () => {
    const w = await open()
    await type(w, 'leadership', '8')
    await vi.advanceTimersByTimeAsync(300)
    await type(w, 'leadership', '8.5') // still typing: the pause starts again
    await vi.advanceTimersByTimeAsync(599)
    expect(sent('save_draft')).toHaveLength(0)
    await vi.advanceTimersByTimeAsync(1)
    await flushPromises()
    expect(sent('save_draft')).toEqual([
      { cmd: 'save_draft', args: { req: { assignment_id: 7, scores: [{ criterion: 'leadership', points: 850, comment: '' }] } } },
    ])
    expect(w.get('[data-test="save-status"]').text()).toMatch(/^已自动保存 \d\d:\d\d:\d\d$/)
    await vi.advanceTimersByTimeAsync(5000)
    expect(sent('save_draft')).toHaveLength(1)
  })

  it('keeps an invalid field out of the autosave of a valid one', async () => {
    const w = await open()
    await type(w, 'innovation_services', '30')
    await type(w, 'leadership', '9')
    await vi.advanceTimersByTimeAsync(600)
    await flushPromises()
    expect(sent('save_draft').map((c) => c.args)).toEqual([{ req: { assignment_id: 7, scores: [{ criterion: 'leadership', points: 900, comment: '' }] } }])
  })

  it('saves at once on Ctrl+S', async () => {
    const w = await open()
    await type(w, 'leadership', '6')
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 's', ctrlKey: true }))
    await flushPromises()
    expect(sent('save_draft')).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(2000)
    expect(sent('save_draft')).toHaveLength(1)
  })

  it('moves to the next criterion on Enter, skipping auto ones, then to submit', async () => {
    const w = await open()
    expect(active()).toBe('score-leadership')
    await type(w, 'leadership', '8')
    await input(w, 'leadership').trigger('keydown', { key: 'Enter' })
    expect(active()).toBe('score-innovation_services')
    await type(w, 'innovation_services', '20')
    await input(w, 'innovation_services').trigger('keydown', { key: 'Enter' })
    await flushPromises()
    expect(active()).toBe('sheet-submit')
  })

  it('moves back on Shift+Tab and forward on Tab', async () => {
    const w = await open()
    await input(w, 'leadership').trigger('keydown', { key: 'Tab' })
    expect(active()).toBe('score-innovation_services')
    await input(w, 'innovation_services').trigger('keydown', { key: 'Tab', shiftKey: true })
    expect(active()).toBe('score-leadership')
  })

  it('renders a submitted sheet read-only, shows the others and never saves', async () => {
    current = lockedFixture
    const w = await open()
    expect(w.get('[data-test="sheet-locked"]').text()).toContain('已提交（已锁定）')
    expect(input(w, 'leadership').attributes('readonly')).toBeDefined()
    expect((input(w, 'leadership').element as HTMLInputElement).value).toBe('8.5')
    expect(w.find('[data-test="sheet-submit"]').exists()).toBe(false)
    expect(w.get('[data-test="others"]').text()).toContain('李明')
    expect(w.get('[data-test="others"]').text()).toContain('41.00')
    expect(active()).not.toBe('score-leadership')
    await type(w, 'leadership', '9')
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 's', ctrlKey: true }))
    await vi.advanceTimersByTimeAsync(3000)
    await flushPromises()
    expect(sent('save_draft')).toHaveLength(0)
  })

  it('shows no other sheet before submission', async () => {
    const s = sheetFixture()
    s.others = lockedFixture().others // even if the backend sent some
    current = () => s
    const w = await open()
    expect(w.find('[data-test="others"]').exists()).toBe(false)
  })

  it('submits once for a double click, after a confirmation showing the total', async () => {
    const confirm = vi.spyOn(ElMessageBox, 'confirm').mockResolvedValue('confirm' as never)
    const w = await open()
    await type(w, 'leadership', '8.5')
    await type(w, 'innovation_services', '19')
    const btn = w.get('[data-test="sheet-submit"]')
    expect(btn.attributes('disabled')).toBeUndefined()
    ;(btn.element as HTMLButtonElement).click()
    ;(btn.element as HTMLButtonElement).click()
    await flushPromises()
    await vi.advanceTimersByTimeAsync(3000)
    await flushPromises()
    expect(confirm).toHaveBeenCalledTimes(1)
    expect(String(confirm.mock.calls[0][0])).toContain('39.50')
    expect(sent('submit_sheet')).toEqual([
      { cmd: 'submit_sheet', args: { req: { assignment_id: 7, scores: [{ criterion: 'leadership', points: 850, comment: '' }, { criterion: 'innovation_services', points: 1900, comment: '' }] } } },
    ])
    expect(sent('save_draft')).toHaveLength(0)
    expect(w.get('[data-test="sheet-locked"]').text()).toContain('已提交（已锁定）')
    expect(input(w, 'leadership').attributes('readonly')).toBeDefined()
  })

  it('does not submit when the expert cancels the confirmation', async () => {
    vi.spyOn(ElMessageBox, 'confirm').mockRejectedValue('cancel')
    const w = await open()
    await type(w, 'leadership', '8.5')
    await type(w, 'innovation_services', '19')
    await w.get('[data-test="sheet-submit"]').trigger('click')
    await flushPromises()
    expect(sent('submit_sheet')).toHaveLength(0)
    expect(input(w, 'leadership').attributes('readonly')).toBeUndefined()
  })
})

describe('ScoringView keyboard saving', () => {
  it('saves a waiting valid value at once when Enter leaves the field', async () => {
    const w = await open()
    await type(w, 'leadership', '7')
    await input(w, 'leadership').trigger('keydown', { key: 'Enter' })
    await flushPromises()
    expect(sent('save_draft').map((c) => c.args)).toEqual([{ req: { assignment_id: 7, scores: [{ criterion: 'leadership', points: 700, comment: '' }] } }])
    await vi.advanceTimersByTimeAsync(2000)
    expect(sent('save_draft')).toHaveLength(1)
  })
})
