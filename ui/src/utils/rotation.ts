// Expert rotation as the experts screen shows it: the draw's message with the repeated pairs it
// had to keep, and the matrix cell's marker and title for such a pair. The rule is the core's
// (rotation.rs); this only words its answer.
import type { DrawReport } from '@/bindings/DrawReport'
import type { MatrixCell } from '@/bindings/MatrixCell'

type T = (key: string, params?: Record<string, unknown>) => string

/** The draw's answer in words: the counts, then each repeat kept (expert, unit, why). */
export function drawSummary(r: DrawReport, t: T): string {
  const head = t('experts.draw.done', { dossiers: r.dossiers, per: r.per_dossier, seed: r.seed, min: r.min_load, max: r.max_load })
  if (!r.repeats.length) return head
  const lines = r.repeats.map((p) => t('experts.draw.repeatLine', { expert: p.expert, unit: p.unit, why: p.why }))
  return [head, t('experts.draw.repeats', { n: r.repeats.length }), ...lines].join('\n')
}

/** The marker added to a matrix cell whose pair repeats an earlier year's ('' when none). */
export const repeatMark = (c?: MatrixCell): string => (c?.repeat_of_year != null ? '↻' : '')

/** The cell's title for a repeated pair. */
export const repeatTitle = (c: MatrixCell | undefined, t: T): string =>
  c?.repeat_of_year != null ? t('experts.matrix.repeatTitle', { year: c.repeat_of_year }) : ''
