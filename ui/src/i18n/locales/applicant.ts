export default {
  'zh-CN': { applicant: {} },
  en: { applicant: {} },
}
