// A unit's earlier years as the window shows them: the 「上年」 wording (the results PDF/XLSX
// column's, from the core's `previous_text`), rank/of, earlier years only, and the trend chart's
// geometry.
import { beforeEach, describe, expect, it } from 'vitest'
import { i18n } from '@/i18n'
import type { HistoryEntry } from '@/bindings/HistoryEntry'
import { earlierYears, previousText, rankOf, trend } from './unitHistory'

const entry = (over: Partial<HistoryEntry> = {}): HistoryEntry => ({
  year: 2014, award: 'subsidy', state: 'recommended', aggregate: '91.30', rank: 3, of: 20, grade: 'excellent', amount_yuan: 150000, ...over,
})

beforeEach(() => { i18n.global.locale.value = 'zh-CN' })

describe('previousText', () => {
  it('gives grade and rank/of of the year before, as the exports print it', () => {
    expect(previousText(entry(), 2015, 'subsidy')).toBe('优秀 3/20')
    expect(previousText(entry({ grade: 'qualified', rank: 12, of: 20 }), 2015, 'subsidy')).toBe('合格 12/20')
  })
  it('says 首次申报 when the unit never applied before', () => {
    expect(previousText(null, 2015, 'subsidy')).toBe('首次申报')
  })
  it('names an older year and the other award', () => {
    expect(previousText(entry({ year: 2012 }), 2015, 'subsidy')).toBe('2012年 优秀 3/20')
    expect(previousText(entry({ award: 'pilot', rank: 2, of: 2 }), 2015, 'subsidy')).toBe('试点示范 优秀 2/2')
  })
  it('gives the state of a dossier that was not ranked', () => {
    const none = { aggregate: null, rank: null, of: null, grade: null, amount_yuan: null }
    expect(previousText(entry({ ...none, state: 'returned' }), 2015, 'subsidy')).toBe('退回修改')
    expect(previousText(entry({ ...none }), 2015, 'subsidy')).toBe('未排名')
  })
  it('speaks English in the English window', () => {
    i18n.global.locale.value = 'en'
    expect(previousText(null, 2015, 'subsidy')).toBe('First application')
    expect(previousText(entry({ year: 2012 }), 2015, 'subsidy')).toMatch(/^2012 .* 3\/20$/)
  })
})

describe('rankOf and earlierYears', () => {
  it('shows rank/of, or a dash when unranked', () => {
    expect(rankOf(entry())).toBe('3/20')
    expect(rankOf(entry({ rank: null, of: null }))).toBe('—')
  })
  it('keeps only the years before the dossier’s own', () => {
    const all = [entry({ year: 2013 }), entry({ year: 2014 }), entry({ year: 2015 })]
    expect(earlierYears(all, 2015).map((e) => e.year)).toEqual([2013, 2014])
    expect(earlierYears(all, 2013)).toEqual([])
  })
})

describe('trend', () => {
  it('places each ranked year left to right and higher aggregates higher', () => {
    const t = trend([entry({ year: 2012, aggregate: '80.00' }), entry({ year: 2013, aggregate: null, rank: null, of: null, grade: null }), entry({ year: 2014, aggregate: '90.00' })], 360, 150, 85)
    expect(t.lines).toHaveLength(1)
    const [a, b] = t.lines[0].points
    expect(t.lines[0].points.map((p) => p.year)).toEqual([2012, 2014]) // the unranked year has no point
    expect(a.x).toBeLessThan(b.x)
    expect(b.y).toBeLessThan(a.y) // SVG y grows downwards
    expect(t.years.map((y) => y.year)).toEqual([2012, 2013, 2014]) // but keeps its label
    expect(t.threshold).not.toBeNull()
    expect(t.threshold!).toBeGreaterThan(b.y) // 85 lies below 90
    expect(t.threshold!).toBeLessThan(a.y) // and above 80
    for (const p of t.lines[0].points) {
      expect(p.x).toBeGreaterThanOrEqual(0)
      expect(p.x).toBeLessThanOrEqual(360)
      expect(p.y).toBeGreaterThanOrEqual(0)
      expect(p.y).toBeLessThanOrEqual(150)
    }
  })
  it('draws one line per award and centres a single year', () => {
    const t = trend([entry({ award: 'pilot', aggregate: '88.00' }), entry({ aggregate: '70.50' })], 360, 150, null)
    expect(t.lines.map((l) => l.award)).toEqual(['pilot', 'subsidy'])
    expect(t.lines[0].points[0].x).toBe(t.lines[1].points[0].x)
    expect(t.threshold).toBeNull()
    expect(t.ticks[0].value).toBeLessThanOrEqual(70)
    expect(t.ticks[t.ticks.length - 1].value).toBe(100)
  })
})
