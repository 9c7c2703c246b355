// Hash-history routes of the window and the guard: no logged-in actor → the launch page (no year
// yet) or the login page; a route of another role → that role's home.
import { createRouter, createWebHashHistory, type RouteLocationNormalized, type RouteRecordRaw } from 'vue-router'
import { useSessionStore } from '@/stores/session'
import type { Role } from '@/bindings/Role'

declare module 'vue-router' {
  interface RouteMeta {
    /** Reachable without a logged-in actor (the launch and login pages). */
    public?: boolean
    /** Roles that may open the route; absent = any logged-in role. */
    roles?: Role[]
  }
}

const SEC: Role[] = ['secretariat']
const ALL: Role[] = ['secretariat', 'expert', 'applicant']

/** The login page's code: most starts open it (a year exists). */
const loginPage = () => import('@/views/LoginView.vue')

/** At start, while the launch state is asked for: the login page's code loads alongside rather
 *  than after the answer. Never rejects: a failed load is tried again by the navigation, which
 *  says what failed. */
export function preloadLoginPage(): void {
  loginPage().catch(() => undefined)
}

export const routes: RouteRecordRaw[] = [
  { path: '/', redirect: '/launch' },
  { path: '/launch', name: 'launch', component: () => import('@/views/LaunchView.vue'), meta: { public: true } },
  { path: '/login', name: 'login', component: loginPage, meta: { public: true } },
  { path: '/overview', name: 'overview', component: () => import('@/views/secretariat/OverviewView.vue'), meta: { roles: SEC } },
  { path: '/dossiers', name: 'dossiers', component: () => import('@/views/secretariat/DossiersView.vue'), meta: { roles: SEC } },
  { path: '/dossiers/:id', name: 'dossier', component: () => import('@/views/secretariat/DossierDetailView.vue'), meta: { roles: ['secretariat', 'applicant'] } },
  { path: '/recommend', name: 'recommend', component: () => import('@/views/secretariat/RecommendView.vue'), meta: { roles: SEC } },
  { path: '/experts', name: 'experts', component: () => import('@/views/secretariat/ExpertsView.vue'), meta: { roles: SEC } },
  { path: '/results', name: 'results', component: () => import('@/views/secretariat/ResultsView.vue'), meta: { roles: SEC } },
  { path: '/results/:dossierId', name: 'result', component: () => import('@/views/secretariat/ResultDetailView.vue'), meta: { roles: SEC } },
  { path: '/meeting', name: 'meeting', component: () => import('@/views/secretariat/MeetingView.vue'), meta: { roles: SEC } },
  { path: '/funding', name: 'funding', component: () => import('@/views/secretariat/FundingView.vue'), meta: { roles: SEC } },
  { path: '/publicity', name: 'publicity', component: () => import('@/views/secretariat/PublicityView.vue'), meta: { roles: SEC } },
  { path: '/documents', name: 'documents', component: () => import('@/views/secretariat/DocumentsView.vue'), meta: { roles: SEC } },
  { path: '/audit', name: 'audit', component: () => import('@/views/secretariat/AuditView.vue'), meta: { roles: SEC } },
  { path: '/settings', name: 'settings', component: () => import('@/views/SettingsView.vue'), meta: { roles: ALL } },
  { path: '/expert', name: 'expert', component: () => import('@/views/expert/MyReviewsView.vue'), meta: { roles: ['expert'] } },
  { path: '/expert/score/:assignmentId', name: 'score', component: () => import('@/views/expert/ScoringView.vue'), props: (r) => ({ assignmentId: Number(r.params.assignmentId) }), meta: { roles: ['expert'] } },
  { path: '/applicant', name: 'applicant', component: () => import('@/views/applicant/ApplicantView.vue'), meta: { roles: ['applicant'] } },
  { path: '/:pathMatch(.*)*', redirect: '/launch' },
]

/** Each role's first screen. */
export const HOME: Record<Role, string> = { secretariat: '/overview', expert: '/expert', applicant: '/applicant' }

/** Where the session allows `to` to go: `true`, or the path to go instead. */
export function guard(to: Pick<RouteLocationNormalized, 'path' | 'meta'>, s: {
  role: Role | null
  hasYear: boolean
}): true | string {
  if (to.meta.public) {
    if (s.role) return HOME[s.role]
    if (to.path === '/login' && !s.hasYear) return '/launch'
    if (to.path === '/launch' && s.hasYear) return '/login'
    return true
  }
  if (!s.role) return s.hasYear ? '/login' : '/launch'
  const roles = to.meta.roles
  if (roles && !roles.includes(s.role)) return HOME[s.role]
  return true
}

export const router = createRouter({ history: createWebHashHistory(), routes })

router.beforeEach(async (to) => {
  const session = useSessionStore()
  if (!session.state) {
    try {
      await session.start()
    } catch {
      // the backend did not answer: the launch page shows the choices and the error
      return to.path === '/launch' ? true : '/launch'
    }
  }
  return guard(to, { role: session.role, hasYear: !!session.campaign })
})
