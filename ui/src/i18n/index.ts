// vue-i18n set-up: zh-CN (default, complete) and English. Each area of the window owns one file
// `locales/<area>.ts` exporting `{ 'zh-CN': { <area>: {...} }, en: { <area>: {...} } }`; this
// module merges every such file it finds, so an area added later needs no edit here.
import { createI18n } from 'vue-i18n'

export type Locale = 'zh-CN' | 'en'
export const LOCALES: Locale[] = ['zh-CN', 'en']
/** Each language named in itself, so that whoever cannot read the current one still finds theirs. */
export const LOCALE_NAMES: Record<Locale, string> = { 'zh-CN': '中文', en: 'English' }
export const LOCALE_KEY = 'pingshen.locale'

type Tree = { [k: string]: string | Tree }
type AreaFile = { default: Partial<Record<Locale, Tree>> }

function merge(into: Tree, from: Tree) {
  for (const [k, v] of Object.entries(from)) {
    const cur = into[k]
    if (typeof v === 'object' && typeof cur === 'object') merge(cur, v)
    else into[k] = typeof v === 'object' ? merge({}, v) : v
  }
  return into
}

/** Merges the area files into one message tree per locale. */
export function mergeAreas(files: AreaFile[]): Record<Locale, Tree> {
  const out: Record<Locale, Tree> = { 'zh-CN': {}, en: {} }
  for (const f of files) for (const l of LOCALES) if (f.default?.[l]) merge(out[l], f.default[l] as Tree)
  return out
}

const files = import.meta.glob<AreaFile>('./locales/*.ts', { eager: true })
export const messages = mergeAreas(Object.values(files))

export function savedLocale(): Locale {
  try {
    return localStorage.getItem(LOCALE_KEY) === 'en' ? 'en' : 'zh-CN'
  } catch {
    return 'zh-CN'
  }
}

export const i18n = createI18n({
  legacy: false,
  locale: savedLocale(),
  fallbackLocale: 'zh-CN',
  messages,
  missingWarn: false,
  fallbackWarn: false,
})

/** Switches the window's language and remembers it on this computer. */
export function setLocale(l: Locale) {
  i18n.global.locale.value = l
  try {
    localStorage.setItem(LOCALE_KEY, l)
  } catch {
    /* private mode: the choice lasts for this session */
  }
  document.documentElement.lang = l
}
