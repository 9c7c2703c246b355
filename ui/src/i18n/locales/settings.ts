export default {
  'zh-CN': { settings: { language: '界面语言' } },
  en: { settings: { language: 'Language' } },
}
