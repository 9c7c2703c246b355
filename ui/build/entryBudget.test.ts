import { describe, expect, it } from 'vitest'
import { ENTRY_BUDGET_BYTES, overBudget } from './entryBudget'

const chunk = (fileName: string, bytes: number, isEntry = true) => ({ type: 'chunk' as const, isEntry, fileName, code: 'x'.repeat(bytes) })

describe('the budget of the first script (issue 17: < 400 KB)', () => {
  it('is 400 KB', () => {
    expect(ENTRY_BUDGET_BYTES).toBe(400_000)
  })

  it('refuses an entry chunk over the budget and names it with its size', () => {
    const got = overBudget({ 'assets/index-a.js': chunk('assets/index-a.js', 400_001) })
    expect(got).toHaveLength(1)
    expect(got[0]).toContain('assets/index-a.js')
    expect(got[0]).toContain('400.0 KB')
  })

  it('lets an entry at the budget pass, and never counts chunks loaded on demand or CSS', () => {
    expect(overBudget({
      'assets/index-a.js': chunk('assets/index-a.js', 400_000),
      'assets/ResultsView-b.js': chunk('assets/ResultsView-b.js', 600_000, false),
      'assets/index-c.css': { type: 'asset', fileName: 'assets/index-c.css' },
    })).toEqual([])
  })

  it('counts bytes, not characters: Chinese messages weigh three bytes each', () => {
    const zh = { type: 'chunk' as const, isEntry: true, fileName: 'assets/index-z.js', code: '评'.repeat(133_334) }
    expect(overBudget({ 'assets/index-z.js': zh })).toHaveLength(1)
  })
})
