import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks'
import { useSessionStore, windowTitle } from './session'
import { guard } from '@/router'
import type { LaunchState } from '@/bindings/LaunchState'
import type { Campaign } from '@/bindings/Campaign'

const campaign = { id: 1, year: 2014, stage: 'review', doc_number: null } as unknown as Campaign
const loggedIn: LaunchState = {
  db_path: '/data/pingshen.db', years: [2014], year_list: [{ year: 2014, stage: 'review' }], campaign,
  actor: { login: '王建华', name: '王建华', role: 'expert', unit_code: null, unit_name: null },
  local_login_allowed: false, demo_available: false, holds_package: false, applicant_unit: null, problem: null,
}
const loggedOut: LaunchState = { ...loggedIn, actor: null }

let calls: string[]
beforeEach(() => {
  setActivePinia(createPinia())
  calls = []
  mockIPC((cmd) => {
    calls.push(cmd)
    if (cmd === 'launch_state') return loggedIn
    if (cmd === 'logout') return loggedOut
    throw { code: 'other', field: null, message: '未模拟', problems: [] }
  })
})
afterEach(() => clearMocks())

describe('session store', () => {
  it('starts empty', () => {
    const s = useSessionStore()
    expect(s.actor).toBeNull()
    expect(s.role).toBeNull()
    expect(s.year).toBeNull()
  })

  it('refresh takes the actor, the campaign, its year and stage from launch_state', async () => {
    const s = useSessionStore()
    await s.refresh()
    expect(calls).toEqual(['launch_state'])
    expect(s.actor?.name).toBe('王建华')
    expect(s.role).toBe('expert')
    expect(s.campaign?.year).toBe(2014)
    expect(s.year).toBe(2014)
    expect(s.stage).toBe('review')
    expect(document.title).toBe('评审台 · 2014年度')
  })

  it('logout clears the actor and keeps the year', async () => {
    const s = useSessionStore()
    await s.refresh()
    await s.logout()
    expect(calls).toEqual(['launch_state', 'logout'])
    expect(s.actor).toBeNull()
    expect(s.role).toBeNull()
    expect(s.year).toBe(2014)
  })

  it('start asks once while the app mounts and the first guard waits for the same answer', async () => {
    const s = useSessionStore()
    const early = s.start() // main.ts
    const guard = s.start() // the router's first guard
    await Promise.all([early, guard])
    expect(calls).toEqual(['launch_state'])
    expect(s.role).toBe('expert')
    await s.start() // a later start asks again
    expect(calls).toEqual(['launch_state', 'launch_state'])
  })

  it('start asks again after a failed ask', async () => {
    let fail = true
    mockIPC((cmd) => {
      calls.push(cmd)
      if (fail) throw { code: 'other', field: null, message: '数据库未打开', problems: [] }
      return loggedIn
    })
    const s = useSessionStore()
    await expect(s.start()).rejects.toMatchObject({ message: '数据库未打开' })
    fail = false
    await s.start()
    expect(calls).toEqual(['launch_state', 'launch_state'])
    expect(s.year).toBe(2014)
  })

  it('names the window after the year', () => {
    expect(windowTitle(2015)).toBe('评审台 · 2015年度')
    expect(windowTitle(null)).toBe('评审台')
  })
})

describe('route guard', () => {
  const to = (path: string, meta: Record<string, unknown> = {}) => ({ path, meta })
  it('sends a visitor without a year to the launch page and with one to the login page', () => {
    expect(guard(to('/overview', { roles: ['secretariat'] }), { role: null, hasYear: false })).toBe('/launch')
    expect(guard(to('/overview', { roles: ['secretariat'] }), { role: null, hasYear: true })).toBe('/login')
    expect(guard(to('/login', { public: true }), { role: null, hasYear: false })).toBe('/launch')
    expect(guard(to('/launch', { public: true }), { role: null, hasYear: true })).toBe('/login')
    expect(guard(to('/login', { public: true }), { role: null, hasYear: true })).toBe(true)
  })
  it('sends a role to its home from another role’s route and from the public pages', () => {
    expect(guard(to('/overview', { roles: ['secretariat'] }), { role: 'expert', hasYear: true })).toBe('/expert')
    expect(guard(to('/expert', { roles: ['expert'] }), { role: 'applicant', hasYear: true })).toBe('/applicant')
    expect(guard(to('/applicant', { roles: ['applicant'] }), { role: 'secretariat', hasYear: true })).toBe('/overview')
    expect(guard(to('/login', { public: true }), { role: 'secretariat', hasYear: true })).toBe('/overview')
    expect(guard(to('/settings', { roles: ['secretariat', 'expert', 'applicant'] }), { role: 'expert', hasYear: true })).toBe(true)
  })
})
