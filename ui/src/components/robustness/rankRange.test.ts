// 评审结果 › 稳健性: the chart's geometry, the rows drawn when there are many, the variants'
// names in each language and how a variant's funded list differs from the actual one.
import { beforeEach, describe, expect, it } from 'vitest'
import { i18n } from '@/i18n'
import type { RankRangeRow } from '@/bindings/RankRangeRow'
import { chosenRows, difference, LABEL_WIDTH, rangeChart, variantName } from './rankRange'

const row = (rank: number, min: number, max: number, over: Partial<RankRangeRow> = {}): RankRangeRow => ({
  dossier_id: rank, unit: `U${rank}`, unit_code: `u${rank}`, rank, min_rank: min, max_rank: max, funded: false, stable: true, ...over,
})

beforeEach(() => { i18n.global.locale.value = 'zh-CN' })

describe('rangeChart', () => {
  it('draws each range from its best to its worst rank with the funding line between m and m + 1', () => {
    const rows = [row(1, 1, 1, { funded: true }), row(2, 2, 3, { funded: true, stable: false }), row(3, 2, 3, { stable: false }), row(4, 4, 5), row(5, 4, 5)]
    const c = rangeChart(rows, 2, 550)
    // ranks 1..5 over 550 − 150 − 16 = 384 px: 96 px a rank
    expect(c.rows.map((r) => [r.x1, r.xr, r.x2])).toEqual([
      [LABEL_WIDTH, LABEL_WIDTH, LABEL_WIDTH],
      [LABEL_WIDTH + 96, LABEL_WIDTH + 96, LABEL_WIDTH + 192],
      [LABEL_WIDTH + 96, LABEL_WIDTH + 192, LABEL_WIDTH + 192],
      [LABEL_WIDTH + 288, LABEL_WIDTH + 288, LABEL_WIDTH + 384],
      [LABEL_WIDTH + 288, LABEL_WIDTH + 384, LABEL_WIDTH + 384],
    ])
    expect(c.line).toBe(LABEL_WIDTH + 144)
    expect(c.rows[1].y - c.rows[0].y).toBe(16)
  })
  it('has no funding line when nobody is funded', () => {
    expect(rangeChart([row(1, 1, 2), row(2, 1, 2)], 0, 400).line).toBeNull()
  })
  it('draws only the unstable rows and those near the line when there are many', () => {
    const many = Array.from({ length: 200 }, (_, i) => row(i + 1, i + 1, i + 1, { stable: i !== 150 }))
    const chosen = chosenRows(many, 20)
    expect(chosen.map((r) => r.rank)).toEqual([...Array.from({ length: 24 }, (_, i) => i + 9), 151])
    expect(rangeChart(many, 20, 600).total).toBe(200)
  })
})

describe('variants', () => {
  it('are named in each language, an expert left out by name', () => {
    const t = i18n.global.t as (k: string, p?: Record<string, unknown>) => string
    expect(variantName('median', t)).toBe('中位数')
    expect(variantName('without:王建华', t)).toBe('去掉王建华')
    i18n.global.locale.value = 'en'
    expect(variantName('z_mean', t)).toBe('Mean of z-scores')
    expect(variantName('without:王建华', t)).toBe('Without 王建华')
  })
  it('say which units come in and which go out against the actual list', () => {
    const rows = [row(1, 1, 1, { funded: true }), row(2, 2, 3, { funded: true }), row(3, 2, 3)]
    const v = { key: 'median', label: '中位数', expert: null, ranking: [1, 3, 2], funded: [1, 3] }
    expect(difference(v, rows)).toEqual({ added: ['U3'], removed: ['U2'] })
  })
})
