import { describe, expect, it } from 'vitest'
import { complete, parseScore, payload, total, type ItemState } from './scoring'

describe('parseScore', () => {
  it('accepts whole and half points within the maximum', () => {
    expect(parseScore('8', 10, 50)).toEqual({ ok: true, centi: 800 })
    expect(parseScore('7.5', 10, 50)).toEqual({ ok: true, centi: 750 })
    expect(parseScore('10', 10, 50)).toEqual({ ok: true, centi: 1000 })
    expect(parseScore('０', 10, 50)).toEqual({ ok: true, centi: 0 })
  })
  it('refuses 11 on a 10-point criterion', () => {
    expect(parseScore('11', 10, 50)).toEqual({ ok: false, error: '超出范围：应在0至10分之间' })
  })
  it('refuses 7.3 when the step is 0.5', () => {
    expect(parseScore('7.3', 10, 50)).toEqual({ ok: false, error: '须为0.5的整数倍' })
  })
  it('refuses letters and negative numbers', () => {
    expect(parseScore('abc', 10, 50)).toEqual({ ok: false, error: '请输入数字' })
    expect(parseScore('-1', 10, 50)).toEqual({ ok: false, error: '不能为负数' })
  })
  it('treats an empty field as not yet scored', () => {
    expect(parseScore('  ', 10, 50)).toEqual({ ok: true, centi: null })
  })
})

describe('the sheet', () => {
  const items: ItemState[] = [
    { criterion: 'leadership', max: 10, auto: false, text: '8.5', comment: '', autoCenti: null },
    { criterion: 'task_completion', max: 15, auto: true, text: '', comment: '', autoCenti: 1250 },
    { criterion: 'planning', max: 10, auto: false, text: '11', comment: '', autoCenti: null },
  ]
  it('totals auto and valid typed scores only', () => {
    expect(total(items, 50)).toBe(850 + 1250)
  })
  it('is incomplete while a criterion is invalid', () => {
    expect(complete(items, 50)).toBe(false)
    expect(complete([items[0], items[1]], 50)).toBe(true)
  })
  it('never sends an invalid score', () => {
    expect(payload(items, 50)).toEqual([{ criterion: 'leadership', points: 850, comment: '' }])
  })
})
