// Who is logged in, on which database and year: the page's copy of the Rust session.
import { defineStore } from 'pinia'
import { api } from '@/api'
import type { LaunchState } from '@/bindings/LaunchState'

/** The window's title for a year (the Rust side sets the native title the same way). */
export function windowTitle(year: number | null | undefined): string {
  return year ? `评审台 · ${year}年度` : '评审台'
}

/** The start's ask for the launch state while it is under way (`start`). */
let starting: Promise<void> | null = null

export const useSessionStore = defineStore('session', {
  state: () => ({ state: null as LaunchState | null }),
  getters: {
    actor: (s) => s.state?.actor ?? null,
    role: (s) => s.state?.actor?.role ?? null,
    campaign: (s) => s.state?.campaign ?? null,
    year: (s) => s.state?.campaign?.year ?? null,
    stage: (s) => s.state?.campaign?.stage ?? null,
    /** A published year is read-only (the core refuses every write to it, naming the year). */
    readOnly: (s) => s.state?.campaign?.stage === 'published',
  },
  actions: {
    /** Takes the session the backend answered with (after launch, login, logout, a new year …). */
    set(s: LaunchState) {
      this.state = s
      if (typeof document !== 'undefined') document.title = windowTitle(s.campaign?.year)
    },
    /** Asks the backend again (after anything that may change the stage). */
    async refresh() {
      this.set(await api.launchState())
    },
    /** At start: main.ts asks while the app mounts and the router's first guard waits for the
     *  same answer, so the window asks once and sooner. A failed ask is asked again by the next. */
    start(): Promise<void> {
      starting ??= this.refresh().finally(() => {
        starting = null
      })
      return starting
    },
    async logout() {
      this.set(await api.logout())
    },
  },
})
