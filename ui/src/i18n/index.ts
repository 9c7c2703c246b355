// The shell's words in zh-CN (default, complete) and English. Screens' own texts are Chinese.
import { createI18n } from 'vue-i18n'

const messages = {
  'zh-CN': {
    app: { name: '评审台', year: '{year}年度', logout: '退出登录', stage: '当前阶段' },
    nav: {
      overview: '总览', dossiers: '申报材料', recommend: '形式审查与推荐', experts: '专家与分配', results: '评审结果',
      funding: '经费安排', publicity: '公示与发布', documents: '文件导出', audit: '操作日志', settings: '设置',
      expert: '我的评审', applicant: '本单位申报',
    },
    settings: { language: '界面语言' },
  },
  en: {
    app: { name: 'Pingshen', year: '{year}', logout: 'Log out', stage: 'Stage' },
    nav: {
      overview: 'Overview', dossiers: 'Dossiers', recommend: 'Formal check', experts: 'Experts & draw', results: 'Results',
      funding: 'Funding', publicity: 'Publicity', documents: 'Documents', audit: 'Audit log', settings: 'Settings',
      expert: 'My reviews', applicant: 'Our dossier',
    },
    settings: { language: 'Language' },
  },
}

export type Locale = keyof typeof messages
export const LOCALES: Locale[] = ['zh-CN', 'en']

export function savedLocale(): Locale {
  const v = localStorage.getItem('pingshen.locale')
  return v === 'en' ? 'en' : 'zh-CN'
}

export const i18n = createI18n({ legacy: false, locale: savedLocale(), fallbackLocale: 'zh-CN', messages })

export function setLocale(l: Locale) {
  i18n.global.locale.value = l
  localStorage.setItem('pingshen.locale', l)
}
