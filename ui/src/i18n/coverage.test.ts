// The i18n coverage: zh-CN and en hold the same keys (with the same named parameters), and no
// screen or component (src/views, src/components) writes Chinese outside comments — its words
// are messages in src/i18n/locales. The few Chinese literals that are not words shown to the
// user (values compared with or sent to the core) are allowed below, each with the reason.
import { describe, expect, it } from 'vitest'
import { i18n, LOCALES, messages } from '@/i18n'
import { INDICATOR_LABELS, NARRATIVE_LABELS } from '@/utils/indicators'

type Tree = { [k: string]: string | Tree }

/** Every leaf of a message tree as "a.b.c" → message. */
function leaves(t: Tree, prefix = '', out = new Map<string, string>()) {
  for (const [k, v] of Object.entries(t)) {
    const key = prefix ? `${prefix}.${k}` : k
    if (typeof v === 'string') out.set(key, v)
    else leaves(v, key, out)
  }
  return out
}

const params = (m: string) => [...m.matchAll(/\{(\w+)\}/g)].map((x) => x[1]).sort()

/** Chinese literals in .vue files that are data, not words of the window (rule: the core speaks
 *  Chinese; what is compared with or sent to it stays as it is). Paths are relative to src/. */
const ALLOWED: { file: string; literals: string[]; why: string }[] = [
  // CalendarYear.source is 「内置」 for the bundled years (set by the core), else a file name
  { file: 'components/CalendarCard.vue', literals: ["'内置'"], why: 'compared with the core’s CalendarYear.source' },
  // UiError.field of a refused login names the field in Chinese
  { file: 'views/LoginView.vue', literals: ["'登录名'"], why: 'compared with the field a login error names' },
  // UiError.field of a refused new year: the budget's field contains 「预算」, the applicant unit's 「单位」
  { file: 'views/LaunchView.vue', literals: ["'预算'", "'单位'"], why: 'compared with the field a new-year error names' },
  // the Chinese field names of the core's policy errors, mapped onto the form's fields
  {
    file: 'views/SettingsView.vue',
    literals: ['每份材料评审专家数:', '参与排名的最少评分数:', '等级分数线:', '补助金额:', '后补助预算:', '支持金额:', '公示天数:', '新建数容差:', '文字雷同比例:'],
    why: 'keys matched with the field a policy error names',
  },
  // unit names are data: their common words are cut off to fit the chart's axis labels
  { file: 'views/secretariat/ResultsView.vue', literals: ["'科学技术协会'", "'省'", "'市'", "'自治区'"], why: 'trimmed from unit names (data)' },
  { file: 'views/secretariat/ExpertsView.vue', literals: ["'科协'"], why: 'trimmed from unit short names (data)' },
]

const CJK = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/

/** `src` with its comments blanked (newlines kept, so line numbers stay): `<!-- -->` outside
 *  <script>; `//` and block comments inside <script> and <style>, string, template and regex
 *  literals skipped. */
function blankComments(src: string): string {
  const out = src.split('')
  const blank = (from: number, to: number) => {
    for (let i = from; i < to && i < out.length; i++) if (out[i] !== '\n') out[i] = ' '
  }
  // HTML comments, wherever they are outside <script> blocks
  const scripts: [number, number][] = []
  for (const m of src.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)) {
    const start = m.index! + m[0].indexOf('>') + 1
    scripts.push([start, start + m[1].length])
  }
  const inScript = (i: number) => scripts.some(([a, b]) => i >= a && i < b)
  for (const m of src.matchAll(/<!--[\s\S]*?-->/g)) if (!inScript(m.index!)) blank(m.index!, m.index! + m[0].length)
  // JS comments inside <script> blocks (and <style>: /* */ only, the same scanner does)
  const blocks = [...scripts]
  for (const m of src.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/g)) {
    const start = m.index! + m[0].indexOf('>') + 1
    blocks.push([start, start + m[1].length])
  }
  for (const [a, b] of blocks) blankJsComments(src, a, b, blank)
  return out.join('')
}

// words after which a slash starts a regex literal, not a division
const BEFORE_REGEX = new Set(['return', 'typeof', 'case', 'in', 'of', 'void', 'delete', 'throw', 'new', 'else', 'do', 'yield', 'await'])

function blankJsComments(src: string, from: number, to: number, blank: (a: number, b: number) => void) {
  let i = from
  let prev = '' // last significant character, to tell a regex literal from a division
  const templateDepth: number[] = [] // brace depth at each open `${`
  let braces = 0
  const skipString = (q: string) => {
    i++
    while (i < to && src[i] !== q) {
      if (src[i] === '\\') i++
      else if (src[i] === '\n') break
      i++
    }
    i++
  }
  const skipTemplate = () => {
    // from just after a backtick (or a closing `}` of `${`) to the closing backtick or a `${`
    while (i < to) {
      if (src[i] === '\\') { i += 2; continue }
      if (src[i] === '`') { i++; return }
      if (src[i] === '$' && src[i + 1] === '{') { i += 2; templateDepth.push(braces); braces++; return }
      i++
    }
  }
  while (i < to) {
    const c = src[i]
    const n = src[i + 1]
    if (c === '/' && n === '/') {
      const end = src.indexOf('\n', i)
      const stop = end < 0 || end > to ? to : end
      blank(i, stop)
      i = stop
    } else if (c === '/' && n === '*') {
      const end = src.indexOf('*/', i + 2)
      const stop = end < 0 || end > to ? to : end + 2
      blank(i, stop)
      i = stop
    } else if (c === "'" || c === '"') {
      skipString(c)
      prev = 'a'
    } else if (c === '`') {
      i++
      skipTemplate()
      prev = 'a'
    } else if (c === '/' && (prev === '' || '(,=:[!&|?{};+-*%<>~^'.includes(prev))) {
      // a regex literal: to its closing slash, outside character classes
      i++
      let cls = false
      while (i < to && src[i] !== '\n') {
        if (src[i] === '\\') { i += 2; continue }
        if (src[i] === '[') cls = true
        else if (src[i] === ']') cls = false
        else if (src[i] === '/' && !cls) break
        i++
      }
      i++
      prev = 'a'
    } else if (/[\w$]/.test(c)) {
      const word = /^[\w$]+/.exec(src.slice(i, Math.min(to, i + 64)))![0]
      i += word.length
      prev = BEFORE_REGEX.has(word) ? '(' : 'a'
    } else {
      if (c === '{') braces++
      else if (c === '}') {
        braces--
        if (templateDepth.length && templateDepth[templateDepth.length - 1] === braces) {
          templateDepth.pop()
          i++
          skipTemplate()
          prev = 'a'
          continue
        }
      }
      if (!/\s/.test(c)) prev = c === ')' || c === ']' ? 'a' : c
      i++
    }
  }
}

/** Every line of a .vue file with Chinese outside comments and outside the allowed literals. */
function chineseLines(file: string, src: string): string[] {
  const allowed = ALLOWED.filter((a) => a.file === file).flatMap((a) => a.literals)
  const found: string[] = []
  blankComments(src)
    .split('\n')
    .forEach((line, i) => {
      let rest = line
      for (const lit of allowed) rest = rest.split(lit).join('')
      if (CJK.test(rest)) found.push(`${file}:${i + 1}: ${line.trim()}`)
    })
  return found
}

describe('i18n coverage', () => {
  const zh = leaves(messages['zh-CN'] as Tree)
  const en = leaves(messages.en as Tree)

  it('has every zh-CN key in en and every en key in zh-CN', () => {
    expect([...zh.keys()].filter((k) => !en.has(k))).toEqual([])
    expect([...en.keys()].filter((k) => !zh.has(k))).toEqual([])
  })

  it('gives a message the same named parameters in both languages', () => {
    // dates: zh writes 「2014年12月1日」 from y/m/d, en "1 Dec 2014" from y/mon/d
    const own = (k: string) => k.startsWith('common.date.')
    const differ = [...zh].filter(([k, m]) => en.has(k) && !own(k) && params(m).join() !== params(en.get(k)!).join()).map(([k]) => k)
    expect(differ).toEqual([])
  })

  it('compiles every message in both languages, none with plural or link syntax', () => {
    for (const locale of LOCALES) {
      for (const [k, m] of locale === 'en' ? en : zh) {
        expect(m, `${locale} ${k}`).not.toMatch(/[|@]/)
        expect(i18n.global.t(k, {}, { locale }), `${locale} ${k}`).not.toBe(k)
      }
    }
  })

  it('has a message for every key the code names', () => {
    // every quoted 'area.key' in the sources; one ending in "." or followed by `+` or `${` is a
    // prefix completed at run time (AuditView's action prefixes such as 'expert.' are prefixes too)
    const sources = import.meta.glob<string>(['/src/**/*.vue', '/src/**/*.ts', '!/src/**/*.test.ts', '!/src/i18n/locales/*.ts'], { query: '?raw', import: 'default', eager: true })
    const areas = Object.keys(messages['zh-CN']).join('|')
    const named = new RegExp(`['\`]((?:${areas})\\.[\\w.]*)(['\`]\\s*\\+|\\$\\{|['\`])`, 'g')
    const unknown: string[] = []
    let seen = 0
    for (const [path, src] of Object.entries(sources)) {
      for (const m of src.matchAll(named)) {
        seen++
        const key = m[1]
        const known = m[2].length > 1 || key.endsWith('.') ? [...zh.keys()].some((k) => k.startsWith(key)) : zh.has(key)
        if (!known) unknown.push(`${path}: ${key}`)
      }
    }
    expect(seen).toBeGreaterThan(500)
    expect(unknown).toEqual([])
  })

  it('keeps the zh-CN indicator names the core’s', () => {
    for (const [k, l] of INDICATOR_LABELS) expect(zh.get('indicators.ind.' + k)).toBe(l)
    for (const [k, l] of NARRATIVE_LABELS) expect(zh.get('indicators.nar.' + k)).toBe(l)
  })

  it('finds no Chinese outside comments in src/views and src/components', () => {
    const files = import.meta.glob<string>('/src/**/*.vue', { query: '?raw', import: 'default', eager: true })
    const mine = Object.entries(files)
      .map(([path, src]) => [path.replace(/^\/src\//, ''), src] as const)
      .filter(([path]) => path.startsWith('views/') || path.startsWith('components/'))
    expect(mine.length).toBeGreaterThan(20)
    expect(mine.flatMap(([path, src]) => chineseLines(path, src))).toEqual([])
  })

  it('tells comments, strings and regexes apart', () => {
    const sfc = [
      '<script setup lang="ts">',
      '// 注释',
      "const a = '//不是注释'",
      '/* 块注释 */ const re = /[\\/]/ // 又一个',
      'const b = `${a}/*`',
      "const c = '中文'",
      '</script>',
      '<template><!-- 模板注释 --><p>{{ a }}</p><p>正文</p></template>',
    ].join('\n')
    expect(chineseLines('x.vue', sfc).map((l) => l.split(':')[1])).toEqual(['3', '6', '8'])
  })
})
