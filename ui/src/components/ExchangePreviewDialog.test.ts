// The preview of an exchange file against a mocked backend (mockIPC): a score return shows its
// expert, pledge and each sheet with unit, award, total and 新/替换, and only 「确认导入」 takes it;
// a dossier file asks for the day received first, previews with it, previews the same file
// again when the day changes, shows 逾期/替换 and the attachments; a refused file shows the
// import's reason in red with 「关闭」 only; a file taken before says that nothing would change,
// with 「关闭」 only; a cancelled file dialog opens nothing.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks'
import { i18n } from '@/i18n'
import ExchangePreviewDialog from './ExchangePreviewDialog.vue'
import type { ReturnPreview } from '@/bindings/ReturnPreview'
import type { DossierFilePreview } from '@/bindings/DossierFilePreview'

const returnPreview: ReturnPreview = {
  file: '王建华-评分回执.pingshen', package_id: 'p-1', expert: '王建华', year: 2014,
  pledge: { name: '王建华', kind: 'package', accepted_at: '2014-11-05T02:00:00Z', text_sha256: 'ab' },
  pledge_recorded: true,
  sheets: [
    { assignment_id: 3, unit: '湖北省科学技术协会', award: 'subsidy', total: 8550, before: 'pending' },
    { assignment_id: 7, unit: '江苏省科学技术协会', award: 'pilot', total: 7025, before: 'earlier_return' },
  ],
  changed: true, superseded: true, message: '已导入王建华的评分回执：2份评分表（替换了此前导入的回执）',
}
const indicators = {
  industrial_enterprises: 5200, associations_total: 610, associations_new: 96, building_task: 90, liaison_enterprises: 210,
  zones: 14, zones_with_association: 9, national_zones: 3, national_zones_with_association: 2, workstations: 18, county_points: 6,
}
const dossierPreview = (received_on: string): DossierFilePreview => ({
  file: '申报材料.pingshen', unit: '北京市科学技术协会', unit_code: '110000', award: 'subsidy',
  applicant_on: '2014-10-20', received_on, late: received_on > '2014-10-31', state: received_on > '2014-10-31' ? 'late' : 'submitted',
  replaces: true, changed: true,
  attachments: [{ kind: '工作总结', file_name: '工作总结.pdf', size: 3 * 1024 }],
  contact_name: '李华', contact_phone: '010-68571234', indicators, matching_funds_yuan: 0,
})

type Call = { cmd: string; args: Record<string, unknown> }
let calls: Call[]
let refusal: { code: string; message: string } | null
let takenBefore: boolean
let wrapper: VueWrapper | null = null
beforeEach(() => {
  i18n.global.locale.value = 'zh-CN'
  calls = []
  refusal = null
  takenBefore = false
  mockIPC((cmd, args) => {
    calls.push({ cmd, args: args as Record<string, unknown> })
    if (refusal && cmd.startsWith('preview_')) throw { ...refusal, field: null, problems: [] }
    if (cmd === 'preview_score_return') return takenBefore ? { ...returnPreview, changed: false, message: '该评分回执已于2014-11-06导入，本次未作任何更改' } : returnPreview
    if (cmd === 'preview_dossier_file') return { ...dossierPreview((args as { req: { received_on: string } }).req.received_on), changed: !takenBefore }
    if (cmd === 'import_previewed_return') return { package_id: 'p-1', expert: '王建华', sheets: 2, changed: true, superseded: true, message: returnPreview.message }
    if (cmd === 'import_previewed_dossier_file') return { dossier_id: 1, unit: '北京市科学技术协会', award: 'subsidy', received_on: '2014-10-22', applicant_on: '2014-10-20', late: false, replaced: true, changed: true }
    throw { code: 'other', field: null, message: `未模拟的命令 ${cmd}`, problems: [] }
  })
})
afterEach(() => {
  wrapper?.unmount()
  wrapper = null
  clearMocks()
  document.body.innerHTML = ''
})

function mountDialog(kind: 'score-return' | 'dossier-file') {
  wrapper = mount(ExchangePreviewDialog, { props: { kind }, global: { plugins: [i18n, ElementPlus] }, attachTo: document.body })
  return wrapper
}
const q = (test: string) => document.querySelector(`[data-test="${test}"]`) as HTMLElement | null
const text = (test: string) => q(test)?.textContent ?? ''
const cmds = () => calls.map((c) => c.cmd)
async function start(w: VueWrapper) {
  await (w.vm as unknown as { start: () => Promise<void> }).start()
  await flushPromises()
}

describe('ExchangePreviewDialog — score return', () => {
  it('shows the expert, the pledge and every sheet with its total and 新/替换, writing nothing before 「确认导入」', async () => {
    const w = mountDialog('score-return')
    await start(w)
    expect(cmds()).toEqual(['preview_score_return'])
    expect(text('exchange-expert')).toContain('王建华（2014年度）')
    expect(text('exchange-pledge')).toContain('王建华于2014年11月5日签署（导入时记录）')
    expect(text('exchange-outcome')).toContain('确认后将导入2份评分表：新1份，替换此前回执1份')
    const rows = [...document.querySelectorAll('[data-test="exchange-sheets"] tbody tr')].map((r) => r.textContent)
    expect(rows).toHaveLength(2)
    expect(rows[0]).toContain('湖北省科学技术协会')
    expect(rows[0]).toContain('后补助')
    expect(rows[0]).toContain('85.50')
    expect(rows[0]).toContain('新')
    expect(rows[1]).toContain('70.25')
    expect(rows[1]).toContain('替换')
    expect(q('exchange-refused')).toBeNull()
    q('exchange-confirm')!.click()
    await flushPromises()
    expect(cmds()).toEqual(['preview_score_return', 'import_previewed_return'])
    expect(w.emitted('imported')?.[0]?.[0]).toMatchObject({ expert: '王建华', changed: true })
  })

  it('shows a refused return in red with the import’s reason and only 「关闭」', async () => {
    refusal = { code: 'invalid', message: '评分回执「x.pingshen」：签名不符：回执不是用该评审材料包的密钥签名的' }
    const w = mountDialog('score-return')
    await start(w)
    expect(text('exchange-refused')).toContain('签名不符：回执不是用该评审材料包的密钥签名的')
    expect(q('exchange-confirm')).toBeNull()
    expect(q('exchange-cancel')).toBeNull()
    expect(q('exchange-close')?.textContent).toContain('关闭')
    expect(q('exchange-sheets')).toBeNull()
    expect(cmds()).toEqual(['preview_score_return'])
  })

  it('says that a return taken before would change nothing, with only 「关闭」', async () => {
    takenBefore = true
    const w = mountDialog('score-return')
    await start(w)
    expect(text('exchange-outcome')).toContain('该评分回执已于2014-11-06导入，本次未作任何更改')
    expect(q('exchange-confirm')).toBeNull()
    expect(document.body.textContent).not.toContain('确认导入后才保存')
    q('exchange-close')!.click()
    await flushPromises()
    expect(cmds()).toEqual(['preview_score_return'])
    expect(w.emitted('imported')).toBeUndefined()
  })

  it('opens nothing when the file dialog is cancelled', async () => {
    refusal = { code: 'cancelled', message: '已取消' }
    const w = mountDialog('score-return')
    await start(w)
    expect(q('exchange-preview')).toBeNull()
    expect(q('exchange-refused')).toBeNull()
  })
})

describe('ExchangePreviewDialog — dossier file', () => {
  it('asks for the day received first, previews with it, again on the same file when it changes, then imports', async () => {
    const w = mountDialog('dossier-file')
    await start(w)
    expect(cmds()).toEqual([])
    expect(q('exchange-received-on')).not.toBeNull()
    expect(q('exchange-confirm')).toBeNull()
    const picker = w.findComponent({ name: 'ElDatePicker' })
    picker.vm.$emit('update:modelValue', '2014-10-22')
    await flushPromises()
    q('exchange-choose')!.click()
    await flushPromises()
    expect(calls.at(-1)).toEqual({ cmd: 'preview_dossier_file', args: { req: { received_on: '2014-10-22', same_file: false } } })
    const shown = text('exchange-dossier')
    for (const s of ['北京市科学技术协会', '后补助', '2014年10月20日', '2014年10月22日', '替换已有申报材料', '李华', '610']) expect(shown).toContain(s)
    expect(q('exchange-late')).toBeNull()
    expect(text('exchange-attachments')).toContain('工作总结.pdf')
    expect(text('exchange-attachments')).toContain('3 KB')
    // a later day: the same file previewed again, now late
    picker.vm.$emit('update:modelValue', '2014-11-03')
    picker.vm.$emit('change', '2014-11-03')
    await flushPromises()
    expect(calls.at(-1)).toEqual({ cmd: 'preview_dossier_file', args: { req: { received_on: '2014-11-03', same_file: true } } })
    expect(text('exchange-late')).toContain('逾期')
    q('exchange-confirm')!.click()
    await flushPromises()
    expect(cmds().at(-1)).toBe('import_previewed_dossier_file')
    expect(w.emitted('imported')?.[0]?.[0]).toMatchObject({ replaced: true })
  })

  it('says that a dossier file taken before would change nothing, with only 「关闭」', async () => {
    takenBefore = true
    const w = mountDialog('dossier-file')
    await start(w)
    q('exchange-choose')!.click()
    await flushPromises()
    expect(text('exchange-how')).toContain('已导入过，不作更改')
    expect(q('exchange-confirm')).toBeNull()
    expect(q('exchange-close')).not.toBeNull()
    expect(cmds()).toEqual(['preview_dossier_file'])
  })

  it('shows a refused dossier file in red with only 「关闭」', async () => {
    refusal = { code: 'illegal', message: '当前阶段为「专家评审」，不能执行「导入申报材料文件」：申报材料只能在抽取评审专家之前录入和处理' }
    const w = mountDialog('dossier-file')
    await start(w)
    q('exchange-choose')!.click()
    await flushPromises()
    expect(text('exchange-refused')).toContain('申报材料只能在抽取评审专家之前录入和处理')
    expect(q('exchange-confirm')).toBeNull()
    expect(q('exchange-choose')).toBeNull()
    expect(q('exchange-close')).not.toBeNull()
  })
})
