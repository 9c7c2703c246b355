import { afterEach, describe, expect, it } from 'vitest'
import { defineComponent, h } from 'vue'
import { flushPromises, mount } from '@vue/test-utils'
import { createMemoryHistory, createRouter } from 'vue-router'
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks'
import { destination, openWaitingFile, whenHandedOver } from './useOpenedFile'

const empty = { campaign: null, actor: null, role: null }
const secretariat = { campaign: { year: 2014 }, actor: { name: '本机秘书处' }, role: 'secretariat' }
const expert = { campaign: { year: 2014 }, actor: { name: '王建华' }, role: 'expert' }

describe('a double-clicked .pingshen file opens the dialog for its kind', () => {
  it('a review package opens on the launch page of an empty database, and only there', () => {
    expect(destination('review-package', empty)).toEqual({ path: '/launch' })
    expect(destination('review-package', secretariat)).toEqual({ refuse: 'openfile.packageNeedsEmpty', keep: false })
  })
  it('a score return and a dossier file go to the secretariat’s import', () => {
    expect(destination('score-return', secretariat)).toEqual({ path: '/results' })
    expect(destination('dossier-file', secretariat)).toEqual({ path: '/dossiers' })
  })
  it('before signing in the file waits; an expert is told to hand it over', () => {
    expect(destination('score-return', { ...secretariat, actor: null, role: null })).toEqual({ refuse: 'openfile.loginFirst', keep: true })
    expect(destination('dossier-file', expert)).toEqual({ refuse: 'openfile.notHere', keep: false })
  })
})

describe('the page of a handed-over file opens its preview', () => {
  it('on opening for that kind, and again for each file handed over while it is shown', async () => {
    const started: string[] = []
    const Page = defineComponent({ setup() { whenHandedOver('score-return', () => started.push('return')); return () => h('div') } })
    const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/results', component: Page }, { path: '/other', component: Page }] })
    await router.push({ path: '/results' })
    const w = mount({ render: () => h(Page) }, { global: { plugins: [router] } })
    await flushPromises()
    expect(started).toEqual([])
    await router.push({ path: '/results', query: { file: 'score-return', n: '1' } })
    await flushPromises()
    expect(started).toEqual(['return'])
    await router.push({ path: '/results', query: { file: 'score-return', n: '2' } })
    await flushPromises()
    expect(started).toEqual(['return', 'return'])
    await router.push({ path: '/results', query: { file: 'dossier-file', n: '3' } })
    await flushPromises()
    expect(started).toHaveLength(2)
    w.unmount()
    await router.push({ path: '/results', query: { file: 'score-return', n: '4' } })
    const again = mount({ render: () => h(Page) }, { global: { plugins: [router] } })
    await flushPromises()
    expect(started).toHaveLength(3)
    again.unmount()
  })
})

describe('a file that waited for the sign-in', () => {
  afterEach(() => { clearMocks(); document.body.innerHTML = '' })
  it('is announced before signing in, and the notice is gone once its preview page opens', async () => {
    mockIPC((cmd) => {
      if (cmd === 'opened_file') return { name: '王建华 评分回传.pingshen', kind: 'score-return' }
      throw { code: 'other', field: null, message: '未模拟', problems: [] }
    })
    const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/', component: { render: () => h('div') } }, { path: '/results', component: { render: () => h('div') } }] })
    await router.push('/')
    const t = (key: string) => key
    const notices = () => [...document.querySelectorAll('.el-message')].filter((m) => (m as HTMLElement).style.display !== 'none')
    await openWaitingFile(router, { ...secretariat, actor: null, role: null } as never, t)
    await flushPromises()
    expect(notices().map((m) => m.textContent)).toEqual(['openfile.loginFirst'])
    expect(router.currentRoute.value.path).toBe('/')
    await openWaitingFile(router, secretariat as never, t)
    await flushPromises()
    expect(router.currentRoute.value.path).toBe('/results')
    expect(router.currentRoute.value.query.file).toBe('score-return')
    await new Promise((r) => setTimeout(r, 400))
    expect(notices()).toEqual([])
  })
})
