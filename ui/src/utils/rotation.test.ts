// The experts screen's words for the draw's repeated pairs (issue 16 §5): the draw's message
// lists each kept repeat (expert, unit, why), the matrix marks the cell and says the year.
import { describe, expect, it } from 'vitest'
import { i18n } from '@/i18n'
import { drawSummary, repeatMark, repeatTitle } from './rotation'
import type { DrawReport } from '@/bindings/DrawReport'
import type { MatrixCell } from '@/bindings/MatrixCell'

const t = (k: string, p?: Record<string, unknown>) => i18n.global.t(k, p ?? {}) as string
const report = (repeats: DrawReport['repeats']): DrawReport => ({
  seed: 99, per_dossier: 6, dossiers: 4, experts: 8, assignments: 24, min_load: 3, max_load: 3, rotate_pairs: true, repeats,
})

describe('draw summary with rotation', () => {
  it('says nothing more when no pair repeats', () => {
    i18n.global.locale.value = 'zh-CN'
    expect(drawSummary(report([]), t)).toBe('已分配4份材料 × 6位专家（种子99），每位专家3–3份')
  })
  it('lists every repeat kept with expert, unit and why', () => {
    i18n.global.locale.value = 'zh-CN'
    const s = drawSummary(report([
      { expert: '王建国', unit: '湖北省科学技术协会', award: 'subsidy', repeat_of_year: 2014, why: '王建国在2014年度评过湖北省科学技术协会；专家不足' },
      { expert: '李明', unit: '江苏省科学技术协会', award: 'subsidy', repeat_of_year: 2014, why: '李明在2014年度评过江苏省科学技术协会；专家不足' },
    ]), t)
    const lines = s.split('\n')
    expect(lines[1]).toContain('2')
    expect(lines[2]).toContain('王建国')
    expect(lines[2]).toContain('湖北省科学技术协会')
    expect(lines[2]).toContain('2014年度评过')
    expect(lines[3]).toContain('李明')
    i18n.global.locale.value = 'en'
    expect(drawSummary(report([{ expert: '李明', unit: 'X', award: 'pilot', repeat_of_year: 2014, why: 'w' }]), t)).toContain('fewest')
    i18n.global.locale.value = 'zh-CN'
  })
  it('marks a repeated cell and names the year', () => {
    const cell: MatrixCell = { expert_id: 1, dossier_id: 2, state: 'assigned', assignment_id: 3, reason: null, repeat_of_year: 2014 }
    expect(repeatMark(cell)).toBe('↻')
    expect(repeatTitle(cell, t)).toContain('2014')
    expect(repeatMark({ ...cell, repeat_of_year: null })).toBe('')
    expect(repeatTitle({ ...cell, repeat_of_year: null }, t)).toBe('')
    expect(repeatMark(undefined)).toBe('')
  })
})
