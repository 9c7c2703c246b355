import { describe, expect, it } from 'vitest'
import { addDays, clampDate, beijingTime, centi, cnDate, pct, wan, wanToYuan, yuanToWanInput } from './format'

describe('format', () => {
  it('shows yuan in 万元 with two decimals', () => {
    expect(wan(150_000)).toBe('15.00')
    expect(wan(1_480_000)).toBe('148.00')
    expect(wan(123_456)).toBe('12.35')
    expect(wan(0)).toBe('0.00')
  })
  it('reads typed 万元 exactly and writes it back', () => {
    expect(wanToYuan('300')).toBe(3_000_000)
    expect(wanToYuan('12.5')).toBe(125_000)
    expect(wanToYuan('0.0001')).toBe(1)
    expect(wanToYuan('1.23456')).toBeNull()
    expect(wanToYuan('-1')).toBeNull()
    expect(wanToYuan('abc')).toBeNull()
    expect(yuanToWanInput(3_000_000)).toBe('300')
    expect(yuanToWanInput(125_000)).toBe('12.5')
    expect(yuanToWanInput(123_456)).toBe('12.3456')
  })
  it('shows points, percentages, dates and Beijing time', () => {
    expect(centi(8550)).toBe('85.50')
    expect(centi(null)).toBe('—')
    expect(pct(0.85)).toBe('85.00%')
    expect(cnDate('2014-12-01')).toBe('2014年12月1日')
    expect(beijingTime('2014-12-01T01:30:00Z')).toBe('2014-12-01 09:30')
  })
  it('adds days across months and years and clamps a date into a period', () => {
    expect(addDays('2014-12-05', 1)).toBe('2014-12-06')
    expect(addDays('2014-12-31', 1)).toBe('2015-01-01')
    expect(addDays('2016-02-28', 1)).toBe('2016-02-29')
    expect(clampDate('2026-11-22', '2014-12-01', '2014-12-05')).toBe('2014-12-05')
    expect(clampDate('2014-11-01', '2014-12-01', '2014-12-05')).toBe('2014-12-01')
    expect(clampDate('2014-12-03', '2014-12-01', '2014-12-05')).toBe('2014-12-03')
  })
})
