// A .pingshen file the app was started with (a double-click) or handed by a second launch: its
// kind decides the dialog — a review package → the passphrase on the launch page (an expert's own
// new database); a score return → its import preview on the results page; a dossier file → the
// import preview on the dossiers page, after the day received (both at the secretariat;
// ExchangePreviewDialog). The file itself stays in Rust; the preview's command takes it instead
// of asking for one.
import { onMounted, watch } from 'vue'
import { ElMessage, ElMessageBox } from 'element-plus'
import { useRoute, type Router } from 'vue-router'
import { api, toUiError } from '@/api'
import type { ExchangeKind } from '@/bindings/ExchangeKind'
import type { useSessionStore } from '@/stores/session'

type Session = ReturnType<typeof useSessionStore>
type T = (key: string, params?: Record<string, unknown>) => string

const KIND_KEY: Record<ExchangeKind, string> = {
  'review-package': 'reviewPackage',
  'score-return': 'scoreReturn',
  'dossier-file': 'dossierFile',
}

/** Where the page goes for a waiting file of `kind`, or why it cannot go there (a message key). */
export function destination(kind: ExchangeKind, session: { campaign: unknown; actor: unknown; role: string | null }): { path: string } | { refuse: string; keep: boolean } {
  if (kind === 'review-package') return session.campaign ? { refuse: 'openfile.packageNeedsEmpty', keep: false } : { path: '/launch' }
  if (!session.actor) return { refuse: 'openfile.loginFirst', keep: true }
  if (session.role !== 'secretariat') return { refuse: 'openfile.notHere', keep: false }
  return { path: kind === 'score-return' ? '/results' : '/dossiers' }
}

/** Asks for the waiting file and opens the page (with `?file=KIND`) whose dialog takes it. */
export async function openWaitingFile(router: Router, session: Session, t: T): Promise<void> {
  let f
  try {
    f = await api.openedFile()
  } catch (e) {
    await ElMessageBox.alert(toUiError(e).message, t('openfile.title')).catch(() => undefined)
    return
  }
  if (!f) return
  const to = destination(f.kind, session)
  if ('refuse' in to) {
    const text = t(to.refuse, { name: f.name, kind: t('openfile.kinds.' + KIND_KEY[f.kind]) })
    if (to.keep) {
      waitingNotice?.close()
      waitingNotice = ElMessage.info(text)
    } else {
      await api.forgetOpenedFile()
      await ElMessageBox.alert(text, t('openfile.title')).catch(() => undefined)
    }
    return
  }
  // the file's own page says the rest: the notice that asked to sign in first is done
  waitingNotice?.close()
  waitingNotice = null
  // `n` tells one hand-over from the next: a page already shown sees its query change
  await router.push({ path: to.path, query: { file: f.kind, n: String(++handedOver) } })
}
let handedOver = 0
/** The notice of a file that waits for a sign-in, closed once its page opens. */
let waitingNotice: { close: () => void } | null = null

/** Calls `start` (the page's dialog for a waiting file) when the page is opened for a file of
 *  `kind` (`?file=KIND`), and again for each file of that kind handed over while it is shown. */
export function whenHandedOver(kind: ExchangeKind, start: () => void) {
  const route = useRoute()
  const mine = () => route.query.file === kind
  onMounted(() => { if (mine()) start() })
  watch(() => route.query.n, () => { if (mine()) start() })
}
