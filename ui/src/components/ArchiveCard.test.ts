// The year-archive card of 文件导出 against a mocked backend (mockIPC): disabled with the reason
// before publication, one `export_archive` call for the year shown with the answer's file, count,
// size and log position, and the backend's refusal shown in the card.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks'
import { i18n } from '@/i18n'
import ArchiveCard from './ArchiveCard.vue'
import type { ArchiveMade } from '@/bindings/ArchiveMade'
import type { Stage } from '@/bindings/Stage'

type Call = { cmd: string; args: unknown }
let calls: Call[]
let answer: () => ArchiveMade
let wrapper: VueWrapper | null = null

const made: ArchiveMade = {
  year: 2014,
  file: '/home/clerk/2014年度评审档案.zip',
  files: 62,
  bytes: 3 * 1024 * 1024,
  audit_head: { seq: 812, hash: 'ab'.repeat(32) },
  manifest_sha256: 'cd'.repeat(32),
}

function mountCard(year: number | null, stage: Stage | null): VueWrapper {
  wrapper = mount(ArchiveCard, { props: { year, stage }, global: { plugins: [i18n, ElementPlus] } })
  return wrapper
}
const button = (w: VueWrapper) => w.get('[data-test="export-archive"]')

beforeEach(() => {
  i18n.global.locale.value = 'zh-CN'
  calls = []
  answer = () => made
  mockIPC((cmd, args) => {
    calls.push({ cmd, args })
    if (cmd === 'export_archive') return answer()
    throw { code: 'other', field: null, message: `未模拟的命令 ${cmd}`, problems: [] }
  })
})
afterEach(() => {
  wrapper?.unmount()
  wrapper = null
  clearMocks()
})

describe('ArchiveCard', () => {
  it('is disabled with the reason before the year is published, and calls nothing', async () => {
    const w = mountCard(2014, 'publicity')
    expect(w.text()).toContain('年度归档（2014年度）')
    expect(w.get('[data-test="archive-not-published"]').text()).toBe('本年度发布后才能归档')
    expect(button(w).attributes('disabled')).toBeDefined()
    await button(w).trigger('click')
    await flushPromises()
    expect(calls).toEqual([])
  })

  it('makes the archive of the session\'s year and says where it went, how big, at which log entry', async () => {
    const w = mountCard(2014, 'published')
    expect(w.find('[data-test="archive-not-published"]').exists()).toBe(false)
    await button(w).trigger('click')
    await flushPromises()
    expect(calls).toEqual([{ cmd: 'export_archive', args: {} }])
    const done = w.get('[data-test="archive-done"]').text()
    expect(done).toContain('/home/clerk/2014年度评审档案.zip')
    expect(done).toContain('62个文件')
    expect(done).toContain('3.0 MB')
    expect(done).toContain('操作日志第812条')
  })

  it('shows the refusal in the card', async () => {
    answer = () => {
      throw { code: 'invalid', field: '年度', message: '2014年度尚未发布（当前阶段：公示结束），只有已发布的年度才能归档', problems: [] }
    }
    const w = mountCard(2014, 'published')
    await button(w).trigger('click')
    await flushPromises()
    expect(w.get('[data-test="archive-error"]').text()).toContain('只有已发布的年度才能归档')
    expect(w.find('[data-test="archive-done"]').exists()).toBe(false)
  })
})
