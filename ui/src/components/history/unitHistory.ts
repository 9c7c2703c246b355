// A unit's earlier years as the window shows them: rank/of, the 「上年」 cell of a results row
// (the same wording as the results PDF/XLSX column, in the window's language) and the points of
// the small trend chart (pure: tested without a DOM).
import { i18n } from '@/i18n'
import type { Award } from '@/bindings/Award'
import type { HistoryEntry } from '@/bindings/HistoryEntry'
import { awardLabel, dossierStateLabel, gradeLabel } from '@/utils/format'

const t = (key: string, values: Record<string, unknown> = {}) => i18n.global.t(key, values)

/** 「3/20」, or 「—」 when the dossier was not ranked. */
export function rankOf(e: HistoryEntry): string {
  return e.rank !== null && e.of !== null ? `${e.rank}/${e.of}` : '—'
}

/** The entries of years before `year` (the dossier's own year and later left out). */
export function earlierYears(entries: HistoryEntry[], year: number): HistoryEntry[] {
  return entries.filter((e) => e.year < year)
}

/**
 * The 「上年」 cell of a results row of `award` in `year`: grade and rank/of (「优秀 3/20」), the
 * state when it was not ranked, the year first when it is not the one before, the award when it
 * is the other one; 「首次申报」 when the unit never applied before (`previous` null).
 */
export function previousText(previous: HistoryEntry | null, year: number, award: Award): string {
  if (!previous) return t('history.firstTime')
  const parts: string[] = []
  if (previous.year !== year - 1) parts.push(t('history.yearPrefix', { year: previous.year }))
  if (previous.award !== award) parts.push(awardLabel(previous.award))
  const ranked = previous.rank !== null && previous.of !== null
  if (previous.grade && ranked) parts.push(`${gradeLabel(previous.grade)} ${previous.rank}/${previous.of}`)
  else if (previous.grade) parts.push(gradeLabel(previous.grade))
  else if (ranked) parts.push(`${previous.rank}/${previous.of}`)
  else if (previous.state === 'recommended') parts.push(t('history.unranked'))
  else parts.push(dossierStateLabel(previous.state))
  return parts.join(' ')
}

export interface TrendPoint { x: number; y: number; year: number; aggregate: string }
export interface TrendLine { award: Award; points: TrendPoint[] }
export interface Trend {
  width: number
  height: number
  lines: TrendLine[]
  /** Year labels along the bottom. */
  years: { x: number; year: number }[]
  /** Horizontal grid lines with their value. */
  ticks: { y: number; value: number }[]
  /** The excellent threshold's height, when it lies within the chart. */
  threshold: number | null
}

const PAD = { left: 34, right: 10, top: 10, bottom: 22 }

/**
 * The trend chart of the ranked years' aggregates (one line per award), scaled into a
 * `width` × `height` box; the value axis from the nearest ten below the lowest point (or the
 * threshold) to 100. Unranked years are left out (they have no aggregate).
 */
export function trend(entries: HistoryEntry[], width: number, height: number, excellentFrom: number | null): Trend {
  const ranked = entries.filter((e) => e.aggregate !== null)
  const years = [...new Set(entries.map((e) => e.year))].sort((a, b) => a - b)
  const values = ranked.map((e) => Number(e.aggregate))
  const low = Math.min(...values, excellentFrom ?? 100, 100)
  const lo = Math.max(0, Math.floor((low - 5) / 10) * 10)
  const hi = 100
  const innerW = width - PAD.left - PAD.right
  const innerH = height - PAD.top - PAD.bottom
  const xOf = (year: number) => {
    if (years.length <= 1) return PAD.left + innerW / 2
    return PAD.left + (innerW * (year - years[0])) / (years[years.length - 1] - years[0])
  }
  const yOf = (v: number) => PAD.top + innerH * (1 - (v - lo) / (hi - lo))
  const round = (v: number) => Math.round(v * 10) / 10
  const lines: TrendLine[] = (['pilot', 'subsidy'] as Award[])
    .map((award) => ({
      award,
      points: ranked
        .filter((e) => e.award === award)
        .sort((a, b) => a.year - b.year)
        .map((e) => ({ x: round(xOf(e.year)), y: round(yOf(Number(e.aggregate))), year: e.year, aggregate: e.aggregate as string })),
    }))
    .filter((l) => l.points.length > 0)
  const ticks: { y: number; value: number }[] = []
  const step = hi - lo > 40 ? 20 : 10
  for (let v = lo; v <= hi; v += step) ticks.push({ y: round(yOf(v)), value: v })
  const threshold = excellentFrom !== null && excellentFrom >= lo && excellentFrom <= hi ? round(yOf(excellentFrom)) : null
  return { width, height, lines, years: years.map((year) => ({ x: round(xOf(year)), year })), ticks, threshold }
}
