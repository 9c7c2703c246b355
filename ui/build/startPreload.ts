// A build step that shortens the window's start (issue 17): the login page's code is loaded on
// demand (a route), so without help the page asks for it only once the first script has run —
// some 40 ms after the HTML arrived, and then one file after another. This step names the login
// page's chunks and their CSS in index.html (`<link rel="modulepreload">`, `<link rel="stylesheet">`),
// so that WebKit fetches them while it is still parsing the first script. The page's own
// `import()` then finds them loaded (Vite's preload helper skips a link already in the page).
import type { HtmlTagDescriptor, Plugin } from 'vite'

/** The pages most starts open first: the login page (a year exists). */
export const START_PAGES = ['src/views/LoginView.vue']

type Chunk = {
  type: 'chunk'
  isEntry: boolean
  fileName: string
  facadeModuleId: string | null
  imports: string[]
  viteMetadata?: { importedCss: Set<string> }
}
type Output = Chunk | { type: 'asset'; fileName: string }

/** The files (chunks in the order to fetch them, CSS in the order it applies) that the chunks of `pages` need beyond
 *  the entry, which the page loads anyway. A page not in the bundle is an error: the step would
 *  otherwise stop helping without anyone noticing. */
export function startFiles(bundle: Record<string, Output>, pages: string[] = START_PAGES): { scripts: string[]; styles: string[] } {
  const chunks = Object.values(bundle).filter((o): o is Chunk => o.type === 'chunk')
  const byName = new Map(chunks.map((c) => [c.fileName, c]))
  const scripts: string[] = []
  const styles: string[] = []
  const visit = (c: Chunk) => {
    if (c.isEntry || scripts.includes(c.fileName)) return
    scripts.push(c.fileName)
    for (const dep of c.imports) {
      const d = byName.get(dep)
      if (d) visit(d)
    }
    // a chunk's own CSS after that of what it imports, as Vite orders it: the page's scoped
    // rules come after Element Plus's and win where both say something
    for (const css of c.viteMetadata?.importedCss ?? []) if (!styles.includes(css)) styles.push(css)
  }
  for (const page of pages) {
    const c = chunks.find((k) => k.facadeModuleId?.replace(/\\/g, '/').endsWith('/' + page))
    if (!c) throw new Error(`startPreload: no chunk of ${page} in the bundle (ui/build/startPreload.ts names the pages to preload)`)
    visit(c)
  }
  return { scripts, styles }
}

/** The `<head>` tags for `startFiles`, with hrefs relative to the page (the build's base is `./`). */
export function startTags(files: { scripts: string[]; styles: string[] }): HtmlTagDescriptor[] {
  const link = (rel: string, file: string): HtmlTagDescriptor => ({ tag: 'link', attrs: { rel, crossorigin: true, href: './' + file }, injectTo: 'head' })
  return [...files.scripts.map((f) => link('modulepreload', f)), ...files.styles.map((f) => link('stylesheet', f))]
}

export function startPreload(pages: string[] = START_PAGES): Plugin {
  return {
    name: 'pingshen-start-preload',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        if (!ctx.bundle) return []
        return startTags(startFiles(ctx.bundle as unknown as Record<string, Output>, pages))
      },
    },
  }
}
