// The scoring form's rules, pure: a typed score is a number within 0..max on the rubric's step,
// held in hundredths (Centi). Messages are the ones the expert sees next to the field.

export type Parsed = { ok: true; centi: number } | { ok: false; error: string } | { ok: true; centi: null }

/** Parses what the expert typed ("8", "8.5", "８") into hundredths, or says what is wrong. */
export function parseScore(text: string, maxPoints: number, stepCenti: number): Parsed {
  const s = text.trim().replace(/[０-９．]/g, (c) => (c === '．' ? '.' : String.fromCharCode(c.charCodeAt(0) - 0xfee0)))
  if (s === '') return { ok: true, centi: null }
  if (!/^\d+(\.\d{1,2})?$/.test(s)) return { ok: false, error: /^-/.test(s) ? '不能为负数' : '请输入数字' }
  const [i, f = ''] = s.split('.')
  const centi = Number(i) * 100 + Number(f.padEnd(2, '0'))
  if (centi > maxPoints * 100) return { ok: false, error: `超出范围：应在0至${maxPoints}分之间` }
  if (centi % stepCenti !== 0) return { ok: false, error: `须为${stepCenti / 100}的整数倍` }
  return { ok: true, centi }
}

export interface ItemState { criterion: string; max: number; auto: boolean; text: string; comment: string; autoCenti: number | null }

export function itemCenti(it: ItemState, step: number): number | null {
  if (it.auto) return it.autoCenti
  const p = parseScore(it.text, it.max, step)
  return p.ok ? p.centi : null
}

/** The live total: auto criteria plus every valid typed score so far, in hundredths. */
export function total(items: ItemState[], step: number): number {
  return items.reduce((s, it) => s + (itemCenti(it, step) ?? 0), 0)
}

/** Every expert criterion typed and valid. */
export function complete(items: ItemState[], step: number): boolean {
  return items.every((it) => it.auto || itemCenti(it, step) !== null)
}

export function firstError(items: ItemState[], step: number): string | null {
  for (const it of items) {
    if (it.auto) continue
    const p = parseScore(it.text, it.max, step)
    if (!p.ok) return p.error
  }
  return null
}

/** The scores to save: every valid typed criterion (a draft may be partial). */
export function payload(items: ItemState[], step: number) {
  return items.filter((it) => !it.auto).flatMap((it) => {
    const c = itemCenti(it, step)
    return c === null ? [] : [{ criterion: it.criterion, points: c, comment: it.comment }]
  })
}
