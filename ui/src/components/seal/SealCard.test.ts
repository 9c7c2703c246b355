// 设置 › 印章 on a mocked backend: none set, loaded through the dialog command with its size and
// SHA-256 shown, cleared again.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import ElementPlus from 'element-plus'
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks'
import { i18n } from '@/i18n'
import SealCard from './SealCard.vue'

let calls: string[]
const info = { sha256: 'ab12'.repeat(16), width: 400, height: 400, bytes: 20480, set_by: '本机秘书处', set_at: '2014-12-01T08:00:00Z' }

beforeEach(() => {
  setActivePinia(createPinia())
  i18n.global.locale.value = 'zh-CN'
  calls = []
  mockIPC((cmd) => {
    calls.push(cmd)
    switch (cmd) {
      case 'seal_info': return null
      case 'set_seal': return info
      case 'clear_seal': return null
      default: throw { code: 'other', field: null, message: `未模拟的命令 ${cmd}`, problems: [] }
    }
  })
})
afterEach(() => clearMocks())

describe('SealCard', () => {
  it('shows none, then the loaded seal with its size and SHA-256, then none again after clearing', async () => {
    const w = mount(SealCard, { global: { plugins: [i18n, ElementPlus] } })
    await flushPromises()
    expect(w.get('[data-test="seal-none"]').text()).toBe('尚未设置印章')
    expect(w.find('[data-test="seal-clear"]').exists()).toBe(false)
    await w.get('[data-test="seal-load"]').trigger('click')
    await flushPromises()
    const shown = w.get('[data-test="seal-info"]').text()
    expect(shown).toContain('400 × 400 像素')
    expect(shown).toContain('20 KB')
    expect(shown).toContain(info.sha256)
    await w.get('[data-test="seal-clear"]').trigger('click')
    await flushPromises()
    expect(calls).toEqual(['seal_info', 'set_seal', 'clear_seal'])
    expect(w.find('[data-test="seal-info"]').exists()).toBe(false)
  })
})
