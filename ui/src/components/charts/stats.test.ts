import { describe, expect, it } from 'vitest'
import { fiveNumbers } from './stats'

describe('fiveNumbers', () => {
  it('gives the quartiles of five totals', () => {
    expect(fiveNumbers([90, 70, 80, 85, 75])).toEqual([70, 75, 80, 85, 90])
  })
  it('interpolates between order statistics', () => {
    expect(fiveNumbers([1, 2, 3, 4])).toEqual([1, 1.75, 2.5, 3.25, 4])
  })
  it('has nothing to show without scores', () => {
    expect(fiveNumbers([])).toBeNull()
  })
})
