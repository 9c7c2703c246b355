/**
 * Paint marks for the window's start-up benchmark (tests/bench/window.py): the wall-clock time
 * (ms since the epoch) at which a screen was first painted with its data, read back over WebDriver
 * as `window.__pingshenPaint`. Two animation frames after the data is in, the frame is on screen.
 */
declare global {
  interface Window {
    __pingshenPaint?: Record<string, number>
  }
}

export function markPainted(name: string): void {
  if (typeof window === 'undefined' || typeof requestAnimationFrame === 'undefined') return
  onScreen(() => {
    const marks = (window.__pingshenPaint ??= {})
    marks[name] ??= performance.timeOrigin + performance.now()
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
