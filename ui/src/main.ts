import { createApp } from 'vue'
import { createPinia } from 'pinia'
import { ElMessage } from 'element-plus'
// Element Plus's base (its CSS variables, used by style.css and the views) and the CSS of what is
// called from code rather than written in a template; each <el-*> brings its own CSS with it
// (unplugin-vue-components in vite.config.ts).
import 'element-plus/theme-chalk/base.css'
import 'element-plus/es/components/message/style/css'
import 'element-plus/es/components/message-box/style/css'
import App from './App.vue'
import { preloadLoginPage, router } from './router'
import { i18n } from './i18n'
import { useSessionStore } from './stores/session'
import { toUiError } from './api'
import './style.css'

/** Whatever fails, the window says so (in its language) instead of staying blank. */
/** Browser notices that are not failures (a ResizeObserver that skipped a frame while a table
 *  resized): never shown to the user as an error. */
const BENIGN = [/ResizeObserver loop/]

/** A fatal message; the bare cause if even the messages fail. */
function say(key: string, message: string): string {
  try {
    return i18n.global.t(key, { message })
  } catch {
    return message
  }
}

function fatal(e: unknown) {
  const root = document.getElementById('app')
  const msg = toUiError(e).message
  if (BENIGN.some((re) => re.test(msg))) return
  if (root && !root.children.length) {
    root.innerHTML = ''
    const box = document.createElement('div')
    box.className = 'fatal'
    box.setAttribute('data-test', 'fatal')
    box.textContent = say('common.fatal.page', msg)
    root.appendChild(box)
  } else {
    ElMessage({ type: 'error', message: say('common.fatal.toast', msg), duration: 8000, showClose: true })
  }
}
window.addEventListener('error', (ev) => fatal(ev.error ?? ev.message))
window.addEventListener('unhandledrejection', (ev) => fatal(ev.reason))

try {
  const app = createApp(App)
  app.config.errorHandler = (e) => fatal(e)
  app.use(createPinia())
  // while the app mounts: the launch state asked for (the router's first guard waits for this
  // answer and says if it failed) and the login page's code loaded
  useSessionStore().start().catch(() => undefined)
  preloadLoginPage()
  app.use(router).use(i18n).mount('#app')
} catch (e) {
  fatal(e)
}
