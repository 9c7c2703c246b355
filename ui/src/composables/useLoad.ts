import { ref, type Ref } from 'vue'
import { toUiError, type UiError } from '@/api'

/** Loads data for a screen: loading, the Chinese error if it failed, and reload. */
export function useLoad<T>(fn: () => Promise<T>, opts: { immediate?: boolean } = {}) {
  const data = ref<T | null>(null) as Ref<T | null>
  const error = ref<UiError | null>(null)
  const loading = ref(false)
  async function reload() {
    loading.value = true
    try {
      data.value = await fn()
      error.value = null
    } catch (e) {
      error.value = toUiError(e)
    } finally {
      loading.value = false
    }
  }
  if (opts.immediate !== false) void reload()
  return { data, error, loading, reload }
}
