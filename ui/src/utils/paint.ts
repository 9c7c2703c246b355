/**
 * Paint marks for the window's start-up benchmark (tests/e2e/bench_window.py): the wall-clock time
 * (ms since the epoch) at which a screen was first painted with its data, read back over WebDriver
 * as `window.__pingshenPaint`, and told to the app (`painted`), which prints it for the benchmark's
 * starts without WebDriver. Two animation frames after the data is in, the frame is on screen.
 */
import { api } from '@/api'

declare global {
  interface Window {
    __pingshenPaint?: Record<string, number>
  }
}

export function markPainted(name: string): void {
  if (typeof window === 'undefined' || typeof requestAnimationFrame === 'undefined') return
  onScreen(() => {
    const marks = (window.__pingshenPaint ??= {})
    if (marks[name] !== undefined) return
    marks[name] = performance.timeOrigin + performance.now()
    api.painted({ screen: name }).catch(() => undefined) // only a benchmark's line
  })
}

/** Runs `fn` two animation frames from now: the frame being drawn is then on screen. */
function onScreen(fn: () => void): void {
  requestAnimationFrame(() => requestAnimationFrame(fn))
}

/** Runs `fn` in a task of its own once the frame being drawn is on screen (at once where there are
 *  no animation frames). */
export function afterPaint(fn: () => void): void {
  if (typeof requestAnimationFrame === 'undefined') return void setTimeout(fn, 0)
  onScreen(() => setTimeout(fn, 0))
}
