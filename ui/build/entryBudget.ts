// A build step that keeps the window's start fast (issue 17): the first script — the entry chunk
// the page loads before it can paint the launch or login screen — must stay under a budget.
// Whatever the login page does not need belongs in a chunk loaded on demand (a route, the shell,
// a chart); `vite build` fails, naming the size, when the entry grows past the budget.
import type { Plugin } from 'vite'

/** The budget of the first script, in bytes (uncompressed, as the page receives it). */
export const ENTRY_BUDGET_BYTES = 400 * 1000

type Output = { type: 'chunk'; isEntry: boolean; fileName: string; code: string } | { type: 'asset'; fileName: string }

/** The entry chunks that exceed `budget`, as messages (none when all fit). */
export function overBudget(bundle: Record<string, Output>, budget = ENTRY_BUDGET_BYTES): string[] {
  const out: string[] = []
  for (const o of Object.values(bundle)) {
    if (o.type !== 'chunk' || !o.isEntry) continue
    const bytes = Buffer.byteLength(o.code, 'utf8')
    if (bytes > budget) {
      out.push(
        `the first script ${o.fileName} is ${(bytes / 1000).toFixed(1)} KB, over the budget of ${budget / 1000} KB ` +
          '(ui/build/entryBudget.ts): load what the launch and login pages do not need on demand (a dynamic import)',
      )
    }
  }
  return out
}

export function entryBudget(budget = ENTRY_BUDGET_BYTES): Plugin {
  return {
    name: 'pingshen-entry-budget',
    apply: 'build',
    writeBundle(_options, bundle) {
      const problems = overBudget(bundle as unknown as Record<string, Output>, budget)
      if (problems.length) this.error(problems.join('\n'))
    },
  }
}
