// The geometry of 评审结果 › 稳健性's chart (issue 18): each ranked dossier a row, a bar from its
// best to its worst rank across the ways of counting, a dot at its rank under the policy, and the
// funding line between rank m and m + 1. Plain SVG numbers; the figures come from the core.
import type { RankRangeRow } from '@/bindings/RankRangeRow'
import type { RobustnessVariant } from '@/bindings/RobustnessVariant'

export interface RangeRow {
  row: RankRangeRow
  y: number
  x1: number
  x2: number
  xr: number
}

export interface RangeChart {
  width: number
  height: number
  rows: RangeRow[]
  /** The x of the funding line (between rank m and m + 1), or null when no line falls inside. */
  line: number | null
  ticks: { rank: number; x: number }[]
  /** How many rows the award has (more than `rows` when only those that matter are drawn). */
  total: number
}

export const LABEL_WIDTH = 150
const RIGHT = 16
const TOP = 22
export const ROW_HEIGHT = 16

/** The rows worth drawing when there are too many: the unstable ones and those within `near`
 *  ranks of the funding line, at most `max`, in rank order. */
export function chosenRows(rows: RankRangeRow[], m: number, max = 60, near = 12): RankRangeRow[] {
  if (rows.length <= max) return rows
  return rows.filter((r) => !r.stable || Math.abs(r.rank - (m + 0.5)) <= near).slice(0, max)
}

/** The chart of `rows` (ranked dossiers in rank order) with `m` funded, `width` px wide. */
export function rangeChart(all: RankRangeRow[], m: number, width: number): RangeChart {
  const rows = chosenRows(all, m)
  const lo = Math.min(...rows.map((r) => r.min_rank), 1)
  const hi = Math.max(...rows.map((r) => r.max_rank), lo + 1)
  const plot = width - LABEL_WIDTH - RIGHT
  const x = (rank: number) => LABEL_WIDTH + ((rank - lo) / (hi - lo)) * plot
  const step = Math.max(1, Math.ceil((hi - lo + 1) / 10))
  const ticks = []
  for (let k = lo; k <= hi; k += step) ticks.push({ rank: k, x: x(k) })
  const line = m > 0 && m + 0.5 > lo && m + 0.5 < hi ? x(m + 0.5) : null
  return {
    width,
    height: TOP + rows.length * ROW_HEIGHT + 6,
    rows: rows.map((row, i) => ({ row, y: TOP + i * ROW_HEIGHT + ROW_HEIGHT / 2, x1: x(row.min_rank), x2: x(row.max_rank), xr: x(row.rank) })),
    line,
    ticks,
    total: all.length,
  }
}

/** A variant's name in the window's language: its key read (`without:NAME` names the expert). */
export function variantName(key: string, t: (k: string, p?: Record<string, unknown>) => string): string {
  if (key.startsWith('without:')) return t('robustness.variant.without', { name: key.slice('without:'.length) })
  return t(`robustness.variant.${key}`)
}

/** How a variant's funded list differs from the actual one: the units that come in, those that
 *  go out (unit names by dossier id from the award's rows). */
export function difference(v: RobustnessVariant, rows: RankRangeRow[]): { added: string[]; removed: string[] } {
  const unit = new Map(rows.map((r) => [r.dossier_id, r.unit]))
  const inVariant = new Set(v.funded)
  const actual = new Set(rows.filter((r) => r.funded).map((r) => r.dossier_id))
  return {
    added: v.funded.filter((id) => !actual.has(id)).map((id) => unit.get(id) ?? String(id)),
    removed: rows.filter((r) => r.funded && !inVariant.has(r.dossier_id)).map((r) => r.unit),
  }
}
