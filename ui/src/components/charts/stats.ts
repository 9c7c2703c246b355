/** Five-number summary [min, Q1, median, Q3, max] with linear interpolation between order statistics. */
export function fiveNumbers(values: number[]): [number, number, number, number, number] | null {
  if (!values.length) return null
  const v = [...values].sort((a, b) => a - b)
  const q = (p: number) => {
    const i = (v.length - 1) * p
    const lo = Math.floor(i)
    const hi = Math.ceil(i)
    return v[lo] + (v[hi] - v[lo]) * (i - lo)
  }
  return [v[0], q(0.25), q(0.5), q(0.75), v[v.length - 1]]
}
