/**
 * After the login screen is painted: the code of the screen the person will most likely open next
 * (the shell around every signed-in page and their role's first page) is loaded while they read
 * the screen and type, so that signing in then waits only for their data. The role is guessed from
 * the installation: an expert's own (it holds a review package), an applicant unit's own, else
 * the secretariat's. A wrong guess costs nothing but the load; a failed load is tried again by the
 * navigation itself, which says what failed.
 */
import type { LaunchState } from '@/bindings/LaunchState'
import type { Role } from '@/bindings/Role'
import { HOME, routes } from '@/router'

/** The role this installation's user most likely signs in as. */
export function likelyRole(s: Pick<LaunchState, 'holds_package' | 'applicant_unit'> | null): Role {
  if (s?.holds_package) return 'expert'
  if (s?.applicant_unit) return 'applicant'
  return 'secretariat'
}

/** The loader of a role's first page (its route's lazy component), if it is one. */
export function homeLoader(role: Role): (() => Promise<unknown>) | null {
  const route = routes.find((r) => r.path === HOME[role])
  const c = route && 'component' in route ? route.component : null
  return typeof c === 'function' ? (c as () => Promise<unknown>) : null
}

/** The shell around every signed-in page (menu, top bar, banner), loaded on demand: App.vue
 *  shows it through this loader, and the prefetch loads it early. */
export const loadShell = () => import('@/components/AppShell.vue')

/** Loads the shell and `role`'s first page; never rejects. */
export function prefetchHome(role: Role): Promise<void> {
  const loads: Promise<unknown>[] = [loadShell()]
  const home = homeLoader(role)
  if (home) loads.push(home())
  return Promise.all(loads).then(
    () => undefined,
    () => undefined,
  )
}
