// The core's words in the window's language. An error (and an imported file's problem) carries a
// `Text`: a message code of the core's catalog and its parameters. `Messages.ts`, generated from
// that catalog (src-tauri/src/bindings.rs), holds each message in Chinese and English; this module
// puts the parameters in, translating those that are texts themselves. The catalog (≈ 130 KB) is
// loaded on demand, the first time the core refuses something in a window that is not Chinese
// (`loadMessages`), not at start; the Chinese window shows the Chinese the core sent.
import type { Text } from '@/bindings/Text'
import type { Arg } from '@/bindings/Arg'
import type { Locale } from './index'

type Catalog = Record<string, { 'zh-CN': string; en: string }>
let catalog: Catalog | null = null

/** Loads the catalog once; `say` uses it from then on. */
export async function loadMessages(): Promise<void> {
  if (!catalog) catalog = (await import('@/bindings/Messages')).MESSAGES
}

function arg(a: Arg | undefined, locale: Locale): string | undefined {
  if (a === undefined) return undefined
  if (typeof a === 'string') return a
  if (Array.isArray(a)) return a.map((t) => say(t, locale)).join('\n')
  return say(a, locale)
}

/** The words of `text` in `locale`; before the catalog is loaded, or for a code it does not know
 *  (an older window on a newer core), `fallback`: the Chinese the core sent. */
export function say(text: Text, locale: Locale, fallback?: string): string {
  const m = catalog?.[text.code]
  if (!m) return fallback ?? text.code
  return m[locale].replace(/\{([a-z0-9_]+)\}/g, (whole, name: string) => arg(text.args[name], locale) ?? whole)
}
