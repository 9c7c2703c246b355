export default {
  'zh-CN': { expert: {} },
  en: { expert: {} },
}
