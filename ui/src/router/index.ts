import { createRouter, createWebHashHistory, type RouteRecordRaw } from 'vue-router'
import { useSessionStore } from '@/stores/session'
import type { Role } from '@/bindings/Role'

const sec: Role[] = ['secretariat']
const routes: RouteRecordRaw[] = [
  { path: '/', redirect: '/launch' },
  { path: '/launch', component: () => import('@/views/LaunchView.vue'), meta: { public: true } },
  { path: '/overview', component: () => import('@/views/secretariat/OverviewView.vue'), meta: { roles: sec } },
  { path: '/dossiers', component: () => import('@/views/secretariat/DossiersView.vue'), meta: { roles: sec } },
  { path: '/dossiers/:id', component: () => import('@/views/secretariat/DossierDetailView.vue'), meta: { roles: ['secretariat', 'applicant'] } },
  { path: '/recommend', component: () => import('@/views/secretariat/RecommendView.vue'), meta: { roles: sec } },
  { path: '/experts', component: () => import('@/views/secretariat/ExpertsView.vue'), meta: { roles: sec } },
  { path: '/results', component: () => import('@/views/secretariat/ResultsView.vue'), meta: { roles: sec } },
  { path: '/results/:dossierId', component: () => import('@/views/secretariat/ResultDetailView.vue'), meta: { roles: sec } },
  { path: '/funding', component: () => import('@/views/secretariat/FundingView.vue'), meta: { roles: sec } },
  { path: '/publicity', component: () => import('@/views/secretariat/PublicityView.vue'), meta: { roles: sec } },
  { path: '/documents', component: () => import('@/views/secretariat/DocumentsView.vue'), meta: { roles: sec } },
  { path: '/audit', component: () => import('@/views/secretariat/AuditView.vue'), meta: { roles: sec } },
  { path: '/settings', component: () => import('@/views/SettingsView.vue'), meta: { roles: ['secretariat', 'expert', 'applicant'] } },
  { path: '/expert', component: () => import('@/views/expert/MyReviewsView.vue'), meta: { roles: ['expert'] } },
  { path: '/expert/score/:assignmentId', component: () => import('@/views/expert/ScoringView.vue'), meta: { roles: ['expert'] } },
  { path: '/applicant', component: () => import('@/views/applicant/ApplicantView.vue'), meta: { roles: ['applicant'] } },
  { path: '/:pathMatch(.*)*', redirect: '/launch' },
]

export const HOME: Record<Role, string> = { secretariat: '/overview', expert: '/expert', applicant: '/applicant' }

export const router = createRouter({ history: createWebHashHistory(), routes })

router.beforeEach(async (to) => {
  const session = useSessionStore()
  if (!session.state) {
    try { await session.refresh() } catch { return to.path === '/launch' ? true : '/launch' }
  }
  const role = session.role
  if (to.meta.public) return role && to.path === '/launch' ? HOME[role] : true
  if (!role) return '/launch'
  const roles = to.meta.roles as Role[] | undefined
  if (roles && !roles.includes(role)) return HOME[role]
  return true
})
