// The core's texts in the window's language: the catalog generated from the core (Messages.ts)
// renders an error's words in Chinese exactly as the core sends them, and in English with no
// Chinese left but the data; toUiError gives an error in the window's current language.
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { loadMessages, say } from './text'
import { i18n } from '.'
import { toUiError, type UiError } from '@/api'
import { MESSAGES } from '@/bindings/Messages'
import type { Text } from '@/bindings/Text'

const stage: Text = { code: 'stage.review', args: {} }
const readOnly: Text = { code: 'error.read_only_year', args: { year: '2014' } }
const illegal: Text = {
  code: 'error.illegal_transition',
  args: { state: stage, action: { code: 'stage_event.publish', args: {} }, allowed: readOnly },
}

beforeAll(loadMessages)

describe('say', () => {
  it('puts parameters in, translating texts within texts', () => {
    expect(say(illegal, 'zh-CN')).toBe('当前状态为「专家评审」，不能发布。2014年度评审工作已发布，只读：不能再修改该年度的任何内容。如需更正，请在「备份与恢复」中恢复该年度发布前的自动备份后重新办理')
    const en = say(illegal, 'en')
    expect(en).toMatch(/^The current state is “Expert review”: you cannot publish\. the 2014 review year is published/)
    expect(en).not.toMatch(/[\u4e00-\u9fff]/)
  })

  it('renders a list one text per line', () => {
    const t: Text = { code: 'error.import', args: { file: '专家库.xlsx', problems: [
      { code: 'problem.cell', args: { row: '3', column: '姓名', message: stage } },
      { code: 'problem.row', args: { row: '4', message: stage } },
    ] } }
    expect(say(t, 'en')).toBe('Importing “专家库.xlsx” failed; nothing of it was written:\nRow 3, column “姓名”: Expert review\nRow 4: Expert review')
  })

  it('falls back on the Chinese sent for a code it does not know', () => {
    expect(say({ code: 'newer.message', args: {} }, 'en', '较新的版本的话')).toBe('较新的版本的话')
  })

  it('has every message in both languages', () => {
    const codes = Object.keys(MESSAGES)
    expect(codes.length).toBeGreaterThan(300)
    for (const c of codes) expect(typeof MESSAGES[c].en).toBe('string')
  })
})

describe('toUiError', () => {
  afterEach(() => { i18n.global.locale.value = 'zh-CN' })

  it('gives the error and its problems in the window’s language', () => {
    const raw: UiError = {
      code: 'tampered', field: null, message: '操作日志校验失败：…', text: { code: 'error.tampered', args: { detail: readOnly } },
      problems: [{ row: 2, column: '得分', message: '专家评审', text: stage }],
    }
    i18n.global.locale.value = 'en'
    const e = toUiError(raw)
    expect(e.message).toBe('The audit log check failed: the 2014 review year is published and read-only: nothing of it can be changed any more. To correct it, restore the automatic backup made before it was published (Backup and restore) and do the work again')
    expect(e.problems[0].message).toBe('Expert review')
    i18n.global.locale.value = 'zh-CN'
    expect(toUiError(raw).message.startsWith('操作日志校验失败：2014年度评审工作已发布')).toBe(true)
  })
})
