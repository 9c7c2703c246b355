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

/** Loads the shell and `role`'s first page; never rejects. */
export function prefetchHome(role: Role): Promise<void> {
  const loads: Promise<unknown>[] = [import('@/components/AppShell.vue')]
  const home = homeLoader(role)
  if (home) loads.push(home())
  return Promise.all(loads).then(
    () => undefined,
    () => undefined,
  )
}

/** Runs `fn` once the frame on screen is painted (two animation frames, then a task). */
export function afterPaint(fn: () => void): void {
  if (typeof requestAnimationFrame === 'undefined') return void setTimeout(fn, 0)
  requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(fn, 0)))
}
