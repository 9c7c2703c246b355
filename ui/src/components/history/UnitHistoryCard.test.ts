// The dossier page's card of a unit's earlier years against a mocked backend: it asks the core
// for the unit's history, lists the earlier years only (data-test rows for the e2e), and draws
// the trend chart when a year was ranked.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks'
import { i18n } from '@/i18n'
import type { HistoryEntry } from '@/bindings/HistoryEntry'
import UnitHistoryCard from './UnitHistoryCard.vue'

const ENTRIES: HistoryEntry[] = [
  { year: 2013, award: 'subsidy', state: 'returned', aggregate: null, rank: null, of: null, grade: null, amount_yuan: null },
  { year: 2014, award: 'subsidy', state: 'recommended', aggregate: '91.30', rank: 3, of: 20, grade: 'excellent', amount_yuan: 150000 },
  { year: 2015, award: 'subsidy', state: 'recommended', aggregate: '88.00', rank: 5, of: 21, grade: 'excellent', amount_yuan: null },
]
let asked: unknown[]

beforeEach(() => {
  i18n.global.locale.value = 'zh-CN'
  asked = []
  mockIPC((cmd, args) => {
    if (cmd === 'unit_history') { asked.push(args); return ENTRIES }
    throw { code: 'other', field: null, message: `未模拟的命令 ${cmd}`, problems: [] }
  })
})
afterEach(() => clearMocks())

const open = async (year: number) => {
  const w = mount(UnitHistoryCard, { props: { unit: '北京市科学技术协会', year, excellentFrom: 85 }, global: { plugins: [i18n, ElementPlus] } })
  await flushPromises()
  await flushPromises()
  return w
}

describe('UnitHistoryCard', () => {
  it('lists the earlier years with aggregate, rank/of, grade and amount', async () => {
    const w = await open(2015)
    expect(asked).toEqual([{ req: { unit: '北京市科学技术协会' } }])
    expect(w.find('[data-test="unit-history"]').exists()).toBe(true)
    expect(w.findAll('[data-test="history-row"]').map((r) => r.text())).toEqual(['2013', '2014'])
    const text = w.text()
    expect(text).toContain('91.30')
    expect(text).toContain('3/20')
    expect(text).toContain('优秀')
    expect(text).toContain('15.00') // 万元
    expect(text).toContain('退回修改')
    expect(text).not.toContain('88.00') // the dossier's own year is not history
    expect(w.find('[data-test="history-trend"]').exists()).toBe(true)
    expect(w.findAll('[data-test="history-trend"] circle')).toHaveLength(1)
    // the point says its aggregate, and the legend names the line and the dashed threshold
    expect(w.find('[data-test="history-trend"] text.value').text()).toBe('91.30')
    const legend = w.find('[data-test="history-legend"]').text()
    expect(legend).toContain('后补助')
    expect(legend).toContain('优秀线（85分）')
    expect(legend).not.toContain('试点示范')
  })
  it('says first application when there is no earlier year', async () => {
    const w = await open(2013)
    expect(w.findAll('[data-test="history-row"]')).toHaveLength(0)
    expect(w.text()).toContain('首次申报')
    expect(w.find('[data-test="history-trend"]').exists()).toBe(false)
  })
})
