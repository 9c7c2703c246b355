import { describe, expect, it } from 'vitest'
import { START_PAGES, startFiles, startTags } from './startPreload'

const chunk = (fileName: string, o: { entry?: boolean; page?: string; imports?: string[]; css?: string[] } = {}) => ({
  type: 'chunk' as const,
  isEntry: !!o.entry,
  fileName,
  facadeModuleId: o.page ? '/work/ui/' + o.page : null,
  imports: o.imports ?? [],
  viteMetadata: { importedCss: new Set(o.css ?? []) },
})

const bundle = () => {
  const all = [
    chunk('assets/index-e.js', { entry: true, css: ['assets/index-e.css'] }),
    chunk('assets/LoginView-a.js', { page: 'src/views/LoginView.vue', imports: ['assets/index-e.js', 'assets/el-form-b.js', 'assets/helper-c.js'], css: ['assets/LoginView-a.css'] }),
    chunk('assets/el-form-b.js', { imports: ['assets/helper-c.js', 'assets/index-e.js'], css: ['assets/el-form-b.css'] }),
    chunk('assets/helper-c.js', { css: ['assets/helper-c.css'] }),
    chunk('assets/ResultsView-d.js', { page: 'src/views/secretariat/ResultsView.vue', imports: ['assets/index-e.js'], css: ['assets/ResultsView-d.css'] }),
  ]
  return Object.fromEntries([...all.map((c) => [c.fileName, c]), ['assets/index-e.css', { type: 'asset' as const, fileName: 'assets/index-e.css' }]])
}

describe("the login page's code named in index.html (issue 17: a faster start)", () => {
  it('preloads the login page', () => {
    expect(START_PAGES).toEqual(['src/views/LoginView.vue'])
  })

  it("names the page's chunk and every chunk it imports, never the entry nor another page", () => {
    const { scripts } = startFiles(bundle())
    expect(scripts).toEqual(['assets/LoginView-a.js', 'assets/el-form-b.js', 'assets/helper-c.js'])
  })

  it("orders the CSS as Vite applies it: what a chunk imports first, the page's own last", () => {
    expect(startFiles(bundle()).styles).toEqual(['assets/helper-c.css', 'assets/el-form-b.css', 'assets/LoginView-a.css'])
  })

  it('says so when a page to preload is not in the bundle (a renamed view)', () => {
    expect(() => startFiles(bundle(), ['src/views/SignInView.vue'])).toThrow(/SignInView\.vue/)
  })

  it('writes modulepreload and stylesheet links relative to the page, as the entry is', () => {
    const tags = startTags({ scripts: ['assets/a.js'], styles: ['assets/a.css'] })
    expect(tags).toEqual([
      { tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href: './assets/a.js' }, injectTo: 'head' },
      { tag: 'link', attrs: { rel: 'stylesheet', crossorigin: true, href: './assets/a.css' }, injectTo: 'head' },
    ])
  })
})
