import { ref } from 'vue'
import { ElMessage } from 'element-plus'
import { toUiError } from '@/api'

/** Runs a user action once at a time (a double click does nothing more), shows success or the
 *  Chinese error; a field error goes to `onFieldError` so the form shows it next to the field, any
 *  other refusal to `onError` when given (a dialog shows it in place), else as a message. */
export function useAction() {
  const busy = ref(false)
  async function run<T>(fn: () => Promise<T>, opts: { success?: string; onFieldError?: (field: string, message: string) => void; onError?: (message: string) => void } = {}): Promise<T | undefined> {
    if (busy.value) return undefined
    busy.value = true
    try {
      const v = await fn()
      if (opts.success) ElMessage.success(opts.success)
      return v
    } catch (e) {
      const err = toUiError(e)
      if (err.code === 'cancelled') return undefined
      if (err.field && opts.onFieldError) opts.onFieldError(err.field, err.message)
      else if (opts.onError) opts.onError(err.message)
      else ElMessage({ type: 'error', message: err.message, duration: 6000, showClose: true })
      return undefined
    } finally {
      busy.value = false
    }
  }
  return { busy, run }
}
