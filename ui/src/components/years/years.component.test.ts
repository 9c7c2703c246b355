// The year switcher, the read-only banner and 「开启新年度」 against a mocked backend (mockIPC):
// the switcher lists each year with its stage and makes the chosen one the session's; a
// published year shows the banner; the dialog sends the source year, the new year and the
// budget in yuan, shows what was carried and shows the core's refusal in place.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import ElementPlus from 'element-plus'
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks'
import { i18n } from '@/i18n'
import { useSessionStore } from '@/stores/session'
import YearSwitcher from './YearSwitcher.vue'
import ReadOnlyBanner from './ReadOnlyBanner.vue'
import NextYearDialog from './NextYearDialog.vue'
import type { LaunchState } from '@/bindings/LaunchState'
import type { Campaign } from '@/bindings/Campaign'
import type { CarriedOver } from '@/bindings/CarriedOver'

const campaign = (year: number, stage: string) =>
  ({ id: year - 2013, year, stage, doc_number: null, policy: { subsidy_budget_yuan: 3000000 } }) as unknown as Campaign
const state = (year: number, stage: string): LaunchState => ({
  db_path: '/data/pingshen.db', years: [2015, 2014],
  year_list: [{ year: 2015, stage: 'apply' }, { year: 2014, stage: 'published' }],
  campaign: campaign(year, stage),
  actor: { login: 'secretariat', name: '秘书处', role: 'secretariat', unit_code: null, unit_name: null },
  local_login_allowed: true, demo_available: false, holds_package: false, applicant_unit: null, problem: null,
})
const carried: CarriedOver = {
  from: 2014, to: 2015, experts: 15, expert_logins: 15, conflicts_pending: 6, secretariat_accounts: 0,
  calendar_years: 0, subsidy_budget_yuan: 2500000, rubrics: ['pilot-2014', 'subsidy-2014'], pledge_text: false,
}

type Call = { cmd: string; args: Record<string, unknown> }
let calls: Call[]
let refuse: string | null
beforeEach(() => {
  setActivePinia(createPinia())
  calls = []
  refuse = null
  mockIPC((cmd, args) => {
    calls.push({ cmd, args: args as Record<string, unknown> })
    if (cmd === 'select_year') {
      const y = (args as { req: { year: number } }).req.year
      return state(y, y === 2014 ? 'published' : 'apply')
    }
    if (cmd === 'open_next_year') {
      if (refuse) throw { code: 'invalid', field: '新年度', message: refuse, problems: [] }
      return carried
    }
    if (cmd === 'launch_state') return state(2015, 'apply')
    throw { code: 'other', field: null, message: '未模拟', problems: [] }
  })
})
afterEach(() => clearMocks())

const global = { plugins: [i18n, ElementPlus] }
const body = () => document.body.textContent ?? ''
/** Element Plus shows a form item's error 100 ms after it is set. */
async function settle() {
  await flushPromises()
  await new Promise((r) => setTimeout(r, 150))
}

describe('YearSwitcher', () => {
  it('lists every year with its stage and makes the chosen one the session’s', async () => {
    const session = useSessionStore()
    session.set(state(2015, 'apply'))
    const w = mount(YearSwitcher, { global, attachTo: document.body })
    expect(w.get('[data-test="year"]').text()).toContain('2015')
    await w.get('[data-test="year-switcher-open"]').trigger('click')
    await flushPromises()
    const item = document.querySelector('[data-test="year-item-2014"]') as HTMLElement
    expect(item.textContent).toContain('2014')
    expect(item.textContent).toContain('已发布')
    expect(document.querySelector('[data-test="year-item-2015"]')?.textContent).toContain('申报推荐')
    item.click()
    await flushPromises()
    expect(calls.filter((c) => c.cmd === 'select_year').map((c) => c.args)).toEqual([{ req: { year: 2014 } }])
    expect(session.year).toBe(2014)
    expect(session.readOnly).toBe(true)
    expect(w.emitted('switched')).toEqual([[2014]])
    w.unmount()
  })

  it('shows the year without a menu when there is only one', () => {
    const session = useSessionStore()
    session.set({ ...state(2014, 'review'), year_list: [{ year: 2014, stage: 'review' }] })
    const w = mount(YearSwitcher, { global })
    expect(w.find('[data-test="year-switcher-open"]').exists()).toBe(false)
    expect(w.get('[data-test="year"]').text()).toContain('2014')
    expect(w.get('[data-test="stage"]').text()).toBe('专家评审')
  })
})

describe('ReadOnlyBanner', () => {
  it('names the published year and says how to correct it; nothing on an open year', async () => {
    const session = useSessionStore()
    session.set(state(2015, 'apply'))
    const w = mount(ReadOnlyBanner, { global })
    expect(w.find('[data-test="read-only-banner"]').exists()).toBe(false)
    session.set(state(2014, 'published'))
    await flushPromises()
    const text = w.get('[data-test="read-only-banner"]').text()
    expect(text).toContain('2014年度评审工作已发布，只读')
    expect(text).toContain('备份与恢复')
  })
})

describe('NextYearDialog', () => {
  it('opens the year after the newest from the published one, the budget in yuan, and lists what was carried', async () => {
    const session = useSessionStore()
    session.set(state(2014, 'published'))
    // only 2014 is published; the newest is 2014 here
    session.set({ ...session.state!, year_list: [{ year: 2014, stage: 'published' }] })
    const w = mount(NextYearDialog, { global, attachTo: document.body })
    await w.get('[data-test="next-year-open"]').trigger('click')
    await flushPromises()
    const budget = document.querySelector('[data-test="next-year-budget"] input') as HTMLInputElement
    budget.value = '250'
    budget.dispatchEvent(new Event('input'))
    budget.dispatchEvent(new Event('change'))
    await flushPromises()
    ;(document.querySelector('[data-test="next-year-confirm"]') as HTMLElement).click()
    await flushPromises()
    expect(calls.filter((c) => c.cmd === 'open_next_year').map((c) => c.args)).toEqual([
      { req: { from: 2014, to: 2015, subsidy_budget_yuan: 2500000 } },
    ])
    const shown = document.querySelector('[data-test="next-year-carried"]')?.textContent ?? ''
    expect(shown).toContain('已开启2015年度（沿用自2014年度）')
    expect(shown).toContain('评审专家 15 位')
    expect(shown).toContain('回避关系 6 条，待确认')
    expect(shown).toContain('250 万元')
    expect(w.emitted('opened')).toHaveLength(1)
    ;(document.querySelector('[data-test="next-year-enter"]') as HTMLElement).click()
    await flushPromises()
    expect(calls.map((c) => c.cmd)).toContain('launch_state')
    w.unmount()
  })

  it('shows the core’s refusal in the dialog and keeps it open', async () => {
    const session = useSessionStore()
    session.set(state(2015, 'apply'))
    refuse = '「新年度」2016年度评审工作已存在，不能再次开启'
    const w = mount(NextYearDialog, { global, attachTo: document.body })
    await w.get('[data-test="next-year-open"]').trigger('click')
    await flushPromises()
    ;(document.querySelector('[data-test="next-year-confirm"]') as HTMLElement).click()
    await flushPromises()
    expect(calls.filter((c) => c.cmd === 'open_next_year').map((c) => c.args)).toEqual([
      { req: { from: 2014, to: 2016, subsidy_budget_yuan: null } },
    ])
    await settle()
    expect(body()).toContain('2016年度评审工作已存在')
    expect(document.querySelector('[data-test="next-year-carried"]')).toBeNull()
    w.unmount()
  })

  it('refuses a new year not after the source without asking the core', async () => {
    const session = useSessionStore()
    session.set(state(2014, 'published'))
    const w = mount(NextYearDialog, { global, attachTo: document.body })
    await w.get('[data-test="next-year-open"]').trigger('click')
    await flushPromises()
    const to = document.querySelector('[data-test="next-year-to"] input') as HTMLInputElement
    to.value = '2013'
    to.dispatchEvent(new Event('input'))
    to.dispatchEvent(new Event('change'))
    await flushPromises()
    ;(document.querySelector('[data-test="next-year-confirm"]') as HTMLElement).click()
    await flushPromises()
    expect(calls.filter((c) => c.cmd === 'open_next_year')).toEqual([])
    await settle()
    expect(body()).toContain('新年度须晚于来源年度')
    w.unmount()
  })
})
