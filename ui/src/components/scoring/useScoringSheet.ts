// The state of one scoring sheet: what is typed, the live total, the autosave (debounced, only
// valid values, one request at a time, nothing resent when nothing changed) and the submission
// (confirmed, once). The view adds the keyboard and the layout; this part is tested on its own.
import { computed, reactive, ref } from 'vue'
import { api, toUiError, type UiError } from '@/api'
import type { ScoringSheet } from '@/bindings/ScoringSheet'
import { centiToInput, complete, itemError, payload, progress, total, type ItemState } from './scoring'

export interface SheetOptions {
  /** Pause after a valid change before the draft is saved (ms). */
  autosaveMs?: number
  /** Asks the expert to confirm the submission of `totalCenti` points; true = go on. */
  confirm?: (totalCenti: number) => Promise<boolean>
  /** The clock of the 「已自动保存 HH:MM:SS」 status. */
  now?: () => Date
}

export const AUTOSAVE_MS = 600

/** "09:30:05" of a time, local (the expert's clock). */
export function clock(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0')
  return `${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`
}

export function itemsOf(s: ScoringSheet): ItemState[] {
  return s.items.map((it) => ({
    criterion: it.criterion.id,
    name: it.criterion.name,
    max: Number(it.criterion.points),
    auto: it.auto,
    text: it.auto ? '' : centiToInput(it.points),
    comment: it.auto ? '' : it.comment,
    autoCenti: it.auto ? it.points : null,
  }))
}

export function useScoringSheet(assignmentId: number, opts: SheetOptions = {}) {
  const sheet = ref<ScoringSheet | null>(null)
  const items = ref<ItemState[]>([])
  const loading = ref(false)
  const error = ref<UiError | null>(null)
  const status = reactive({ saving: false, savedAt: '', saveError: '', submitting: false, submitError: '' })

  const step = computed(() => sheet.value?.step ?? 50)
  const editable = computed(() => !!sheet.value?.editable && !status.submitting)
  const locked = computed(() => !!sheet.value && !sheet.value.editable)
  const live = computed(() => total(items.value, step.value))
  const ready = computed(() => complete(items.value, step.value))
  const errors = computed(() => items.value.map((it) => itemError(it, step.value)))
  const done = computed(() => progress(items.value, step.value))

  let timer: ReturnType<typeof setTimeout> | null = null
  let lastSent = ''
  let chain: Promise<void> = Promise.resolve()

  function clearTimer() {
    if (timer) {
      clearTimeout(timer)
      timer = null
    }
  }

  async function load() {
    loading.value = true
    try {
      const s = await api.scoringSheet({ id: assignmentId })
      clearTimer()
      sheet.value = s
      items.value = itemsOf(s)
      lastSent = JSON.stringify(payload(items.value, s.step))
      error.value = null
    } catch (e) {
      error.value = toUiError(e)
    } finally {
      loading.value = false
    }
  }

  async function doSave() {
    if (!sheet.value?.editable) return
    const scores = payload(items.value, step.value)
    const key = JSON.stringify(scores)
    if (key === lastSent || scores.length === 0) return
    status.saving = true
    try {
      await api.saveDraft({ assignment_id: assignmentId, scores })
      lastSent = key
      status.saveError = ''
      status.savedAt = clock(opts.now ? opts.now() : new Date())
    } catch (e) {
      status.saveError = toUiError(e).message
    } finally {
      status.saving = false
    }
  }

  /** Saves the draft now (Ctrl+S, leaving the page); saves run one after the other. */
  function saveNow(): Promise<void> {
    clearTimer()
    const p = chain.then(doSave)
    chain = p.catch(() => undefined)
    return p
  }

  /** A field changed: a valid value is saved after the pause; an invalid one never is. */
  function changed(index: number) {
    if (!sheet.value?.editable) return
    const it = items.value[index]
    if (!it || it.auto || itemError(it, step.value)) return
    clearTimer()
    timer = setTimeout(() => {
      timer = null
      void saveNow()
    }, opts.autosaveMs ?? AUTOSAVE_MS)
  }

  /** Saves what waits for the pause (before leaving the screen). */
  function flush(): Promise<void> {
    return timer ? saveNow() : chain
  }

  /** Submits once: confirmed with the total, only when every expert criterion is valid. */
  async function submit(): Promise<boolean> {
    if (!sheet.value?.editable || status.submitting || !ready.value) return false
    status.submitting = true
    status.submitError = ''
    try {
      const ok = opts.confirm ? await opts.confirm(live.value) : true
      if (!ok) return false
      clearTimer()
      await chain
      await api.submitSheet({ assignment_id: assignmentId, scores: payload(items.value, step.value) })
      await load()
      return true
    } catch (e) {
      status.submitError = toUiError(e).message
      return false
    } finally {
      status.submitting = false
    }
  }

  function dispose() {
    clearTimer()
  }

  return { sheet, items, loading, error, status, step, editable, locked, live, ready, errors, done, load, changed, saveNow, flush, submit, dispose }
}
