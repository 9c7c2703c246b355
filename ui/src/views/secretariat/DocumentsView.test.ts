// 文件导出 › 函件 on a mocked backend: 「选择文件夹并导出」 asks for every expert's invitation, and
// once an expert is chosen above, 「只导出“…”的」 asks for that expert's alone — the request the
// core's `export letters --expert` takes.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import ElementPlus from 'element-plus'
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks'
import { i18n } from '@/i18n'
import DocumentsView from './DocumentsView.vue'

type Call = { cmd: string; args: unknown }
let calls: Call[]
let wrapper: VueWrapper | null = null

const expert = (id: number, name: string, load: number) => ({
  id, name, employer: '某大学', province: '北京', field: '企业管理', phone: '', has_login: false,
  conflicts: [], pending_conflicts: [], load, pledged_at: null, pledge_kind: null,
})

beforeEach(() => {
  setActivePinia(createPinia())
  i18n.global.locale.value = 'zh-CN'
  calls = []
  mockIPC((cmd, args) => {
    calls.push({ cmd, args })
    switch (cmd) {
      case 'experts': return [expert(1, '王建华', 12), expert(2, '李淑敏', 11)]
      case 'dossiers': return []
      case 'seal_info': return null
      case 'export_letters': return { folder: '/tmp/函件', letters: 1, files: 2, sealed: false }
      default: return null
    }
  }, { shouldMockEvents: true })
})
afterEach(() => {
  wrapper?.unmount()
  wrapper = null
  clearMocks()
  document.body.innerHTML = ''
})

const letterRequests = () => calls.filter((c) => c.cmd === 'export_letters').map((c) => (c.args as { req: unknown }).req)

describe('DocumentsView: invitations', () => {
  it('exports every invitation, or only the chosen expert\'s', async () => {
    wrapper = mount(DocumentsView, { attachTo: document.body, global: { plugins: [i18n, ElementPlus] } })
    await flushPromises()
    expect(wrapper.find('[data-test="export-letters-invitation-one"]').exists()).toBe(false)

    await wrapper.get('[data-test="export-letters-invitation"]').trigger('click')
    await flushPromises()
    expect(letterRequests()).toEqual([{ kind: 'invitation', seal: false, unit: null, expert: null }])

    // the expert chosen in the picker at the top of the page
    wrapper.findAllComponents({ name: 'ElSelect' })[0].vm.$emit('update:modelValue', '王建华')
    await flushPromises()
    const one = wrapper.get('[data-test="export-letters-invitation-one"]')
    expect(one.text()).toBe('只导出“王建华”的')
    await one.trigger('click')
    await flushPromises()
    expect(letterRequests()[1]).toEqual({ kind: 'invitation', seal: false, unit: null, expert: '王建华' })
    // the feedback letters have no unit chosen: no such button
    expect(wrapper.find('[data-test="export-letters-feedback-one"]').exists()).toBe(false)
  })
})
