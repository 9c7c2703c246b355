import { describe, expect, it } from 'vitest'
import { i18n } from '@/i18n'
import { actionLabel, detailText, subjectLabel } from './audit'

describe('the audit log in Chinese', () => {
  it('names actions and subjects', () => {
    expect(actionLabel('objection.dismissed')).toBe('异议不成立')
    expect(actionLabel('review.replace')).toBe('补充抽取专家')
    expect(actionLabel('something.new')).toBe('something.new')
    expect(subjectLabel('campaign:2014')).toBe('2014年度')
    expect(subjectLabel('assignment:12')).toBe('评分表 #12')
    expect(subjectLabel('plain')).toBe('plain')
  })
  it('says a stage change with the stages’ names', () => {
    expect(detailText('campaign.stage', { from: 'final', to: 'published' })).toBe('公示结束 → 已发布')
  })
  it('turns the detail into label：value pairs and leaves the bulky parts as counts', () => {
    expect(detailText('funding.pilot_select', { amount_yuan: 200000, extra: { reason: '调研考察' } })).toBe('金额（元）：200000；理由：调研考察')
    expect(detailText('scores.submit', { scores: { a: 850, b: 900 }, extra: null })).toBe('评分项：2项')
    expect(detailText('review.draw', { seed: '20141103', per_dossier: 5, pairs: [[1, 2], [1, 3]] })).toBe('种子：20141103；每份专家数：5；分配：2项')
    expect(detailText('publicity.close', { on: '2014-12-08', replaced: false })).toBe('日期：2014-12-08；替换：否')
  })
  it('names an action in the window’s language, from the core’s table', () => {
    i18n.global.locale.value = 'en'
    try {
      expect(actionLabel('objection.dismissed')).toBe('Objection dismissed')
      expect(actionLabel('something.new')).toBe('something.new')
    } finally {
      i18n.global.locale.value = 'zh-CN'
    }
    expect(actionLabel('toString')).toBe('toString')
  })
})
