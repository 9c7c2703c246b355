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
  requestAnimationFrame(() =>
    requestAnimationFrame(() => {
      const marks = (window.__pingshenPaint ??= {})
      marks[name] ??= performance.timeOrigin + performance.now()
    }),
  )
}
