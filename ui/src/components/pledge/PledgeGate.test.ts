// The pledge gate of the scoring screen against a mocked backend: shown while the expert has not
// signed, the typed name sent as it is, the desk's refusal shown next to the field, closed once
// signed; not shown at all to an expert who signed before.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { nextTick } from 'vue'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks'
import { i18n } from '@/i18n'
import PledgeGate from './PledgeGate.vue'
import type { PledgeStatus } from '@/bindings/PledgeStatus'

type Call = { cmd: string; args: unknown }
let calls: Call[]
let signed: boolean
let wrapper: VueWrapper | null = null

const acceptance = { name: '王建华', kind: 'window', accepted_at: '2014-11-10T02:00:00.000Z', text_sha256: 'ab' }
function status(): PledgeStatus {
  return {
    expert: '王建华',
    accepted: signed ? acceptance : null,
    pledge: {
      year: 2014,
      text: { title: '评审专家承诺书', intro: '本人郑重承诺如下：', points: ['独立评分。', '申明回避。'], closing: '如有违反，愿承担责任。' },
      numbered_points: ['一、独立评分。', '二、申明回避。'],
      signature_line: '承诺人（签名）：',
      is_default: true,
      editable: false,
      updated_by: null,
      updated_at: null,
      sha256: 'ab',
    },
  } as PledgeStatus
}

beforeEach(() => {
  calls = []
  signed = false
  mockIPC((cmd, args) => {
    calls.push({ cmd, args })
    switch (cmd) {
      case 'pledge_status': return status()
      case 'accept_pledge': {
        const name = (args as { req: { name: string } }).req.name
        if (name !== '王建华') throw { code: 'invalid', field: '姓名', message: '「姓名」「李明」不是本人姓名：请输入您在评审专家名单中的姓名', problems: [] }
        signed = true
        return acceptance
      }
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

async function open() {
  wrapper = mount(PledgeGate, { attachTo: document.body, global: { plugins: [i18n, ElementPlus] } })
  await flushPromises()
  await flushPromises()
  return wrapper
}
const dialog = () => document.querySelector<HTMLElement>('[data-test="pledge-dialog"]')

describe('PledgeGate', () => {
  it('shows the pledge until the expert types their own name', async () => {
    const w = await open()
    expect(dialog()?.textContent).toContain('二、申明回避。')
    const box = document.querySelector<HTMLElement>('[data-test="pledge-name"]')!
    const name = (box.tagName === 'INPUT' ? box : box.querySelector('input')) as HTMLInputElement
    name.value = '李明'
    name.dispatchEvent(new Event('input'))
    await flushPromises()
    document.querySelector<HTMLButtonElement>('[data-test="pledge-accept"]')!.click()
    await flushPromises()
    await flushPromises()
    expect(calls.filter((c) => c.cmd === 'accept_pledge')[0].args).toEqual({ req: { name: '李明' } })
    expect((w.vm as unknown as { open: boolean }).open).toBe(true)
    await nextTick()
    expect(document.querySelector('[data-test="pledge-error"]')?.textContent).toContain('不是本人姓名')
    expect(w.emitted('accepted')).toBeUndefined()

    name.value = '王建华'
    name.dispatchEvent(new Event('input'))
    await flushPromises()
    document.querySelector<HTMLButtonElement>('[data-test="pledge-accept"]')!.click()
    await flushPromises()
    expect(w.emitted('accepted')).toHaveLength(1)
    expect((w.vm as unknown as { open: boolean }).open).toBe(false)
  })

  it('is not shown to an expert who signed before', async () => {
    signed = true
    const w = await open()
    expect(w.emitted('accepted')).toHaveLength(1)
    expect(calls.map((c) => c.cmd)).toEqual(['pledge_status'])
    expect((w.vm as unknown as { open: boolean }).open).toBe(false)
  })
})
