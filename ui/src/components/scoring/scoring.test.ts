import { describe, expect, it } from 'vitest'
import { centiText, centiToInput, complete, firstError, itemCenti, parseScore, payload, progress, total, type ItemState } from './scoring'

describe('parseScore', () => {
  it('accepts whole and half points within 0..max, in hundredths', () => {
    expect(parseScore('8', 10, 50)).toEqual({ ok: true, centi: 800 })
    expect(parseScore('7.5', 10, 50)).toEqual({ ok: true, centi: 750 })
    expect(parseScore('10', 10, 50)).toEqual({ ok: true, centi: 1000 })
    expect(parseScore('0', 10, 50)).toEqual({ ok: true, centi: 0 })
    expect(parseScore(' 22.50 ', 25, 50)).toEqual({ ok: true, centi: 2250 })
  })
  it('accepts what is typed directly: ".5", "8." and full-width digits', () => {
    expect(parseScore('.5', 10, 50)).toEqual({ ok: true, centi: 50 })
    expect(parseScore('8.', 10, 50)).toEqual({ ok: true, centi: 800 })
    expect(parseScore('８．５', 10, 50)).toEqual({ ok: true, centi: 850 })
  })
  it('refuses 11 on a 10-point criterion', () => {
    expect(parseScore('11', 10, 50)).toEqual({ ok: false, error: '超出范围：应在0至10分之间' })
    expect(parseScore('10.5', 10, 50)).toEqual({ ok: false, error: '超出范围：应在0至10分之间' })
    expect(parseScore('26', 25, 50)).toEqual({ ok: false, error: '超出范围：应在0至25分之间' })
  })
  it('refuses negative scores as out of range', () => {
    expect(parseScore('-1', 10, 50)).toEqual({ ok: false, error: '超出范围：应在0至10分之间' })
  })
  it('refuses 7.3 when the step is 0.5, and any digit past the hundredths', () => {
    expect(parseScore('7.3', 10, 50)).toEqual({ ok: false, error: '须为0.5的整数倍' })
    expect(parseScore('7.25', 10, 50)).toEqual({ ok: false, error: '须为0.5的整数倍' })
    expect(parseScore('7.501', 10, 50)).toEqual({ ok: false, error: '须为0.5的整数倍' })
    expect(parseScore('7.5', 10, 100)).toEqual({ ok: false, error: '须为1的整数倍' })
    expect(parseScore('7.25', 10, 25)).toEqual({ ok: true, centi: 725 })
  })
  it('refuses letters and other text', () => {
    expect(parseScore('abc', 10, 50)).toEqual({ ok: false, error: '请输入数字' })
    expect(parseScore('8a', 10, 50)).toEqual({ ok: false, error: '请输入数字' })
    expect(parseScore('.', 10, 50)).toEqual({ ok: false, error: '请输入数字' })
    expect(parseScore('1e1', 10, 50)).toEqual({ ok: false, error: '请输入数字' })
    expect(parseScore('8,5', 10, 50)).toEqual({ ok: false, error: '请输入数字' })
  })
  it('treats an empty field as not yet scored', () => {
    expect(parseScore('  ', 10, 50)).toEqual({ ok: true, centi: null })
  })
})

describe('centi text', () => {
  it('shows a stored score again as typed', () => {
    expect(centiToInput(850)).toBe('8.5')
    expect(centiToInput(1000)).toBe('10')
    expect(centiToInput(725)).toBe('7.25')
    expect(centiToInput(null)).toBe('')
    expect(centiText(50)).toBe('0.5')
  })
})

describe('the sheet', () => {
  const row = (criterion: string, max: number, text: string, auto = false, autoCenti: number | null = null): ItemState => ({ criterion, name: criterion, max, auto, text, comment: '', autoCenti })
  const items: ItemState[] = [
    row('leadership', 10, '8.5'),
    row('task_completion', 15, '', true, 1250),
    row('planning', 10, '11'),
    row('materials', 10, ''),
  ]
  it('totals the auto criteria and the valid typed scores only', () => {
    expect(total(items, 50)).toBe(850 + 1250)
    expect(itemCenti(items[1], 50)).toBe(1250)
    expect(itemCenti(items[2], 50)).toBeNull()
  })
  it('is complete only when every expert criterion holds a valid score', () => {
    expect(complete(items, 50)).toBe(false)
    expect(complete([items[0], items[1]], 50)).toBe(true)
    expect(complete([items[0], items[3]], 50)).toBe(false)
    expect(progress(items, 50)).toEqual({ done: 1, of: 3 })
  })
  it('names the first error', () => {
    expect(firstError(items, 50)).toBe('超出范围：应在0至10分之间')
    expect(firstError([items[0]], 50)).toBeNull()
  })
  it('never sends an invalid, empty or auto score', () => {
    expect(payload(items, 50)).toEqual([{ criterion: 'leadership', points: 850, comment: '' }])
  })
})

// The one grammar of a typed score, shared with the core's Centi::parse (tests/score-grammar.tsv):
// what the core reads as hundredths the form reads the same; what it refuses the form refuses; a
// negative number is a number to both, and out of range for the form (scores start at 0).
import grammar from '../../../../tests/score-grammar.tsv?raw'

describe('the score grammar shared with the core', () => {
  const rows = grammar
    .split('\n')
    .filter((l) => l.trim() !== '' && !l.startsWith('#'))
    .map((l) => l.split('\t'))
  it('reads the list', () => expect(rows.length).toBeGreaterThanOrEqual(20))
  it.each(rows)('「%s」 → %s', (typed, expected) => {
    const got = parseScore(typed.replace(/\\s/g, ' '), 1e9, 1)
    if (expected === 'refused') expect(got.ok).toBe(false)
    else if (Number(expected) < 0) expect(got).toEqual({ ok: false, error: '超出范围：应在0至1000000000分之间' })
    else expect(got).toEqual({ ok: true, centi: Number(expected) })
  })
})
