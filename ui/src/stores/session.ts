import { defineStore } from 'pinia'
import { api } from '@/api'
import type { LaunchState } from '@/bindings/LaunchState'

/** Who is logged in, on which database and year: the page's copy of the Rust session. */
export const useSessionStore = defineStore('session', {
  state: () => ({ state: null as LaunchState | null }),
  getters: {
    actor: (s) => s.state?.actor ?? null,
    role: (s) => s.state?.actor?.role ?? null,
    campaign: (s) => s.state?.campaign ?? null,
    year: (s) => s.state?.campaign?.year ?? null,
    stage: (s) => s.state?.campaign?.stage ?? null,
  },
  actions: {
    set(s: LaunchState) {
      this.state = s
      document.title = s.campaign ? `评审台 · ${s.campaign.year}年度` : '评审台'
    },
    async refresh() {
      this.set(await api.launchState())
    },
    async logout() {
      this.set(await api.logout())
    },
  },
})
