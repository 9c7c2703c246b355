// 设置 › 印章: the seal card (issue 19).
export default {
  'zh-CN': {
    seal: {
      title: '印章',
      hint: '通报、公示名单和函件可加盖印章导出。请载入背景透明的 PNG 图片（不超过 1 MB），图片只保存在数据库中（随备份保存）。',
      info: '已设置：{w} × {h} 像素，{size}，由{by}设置',
      none: '尚未设置印章',
      load: '载入印章图片…',
      replace: '更换印章图片…',
      clear: '清除印章',
      loaded: '印章已保存',
      cleared: '印章已清除',
    },
  },
  en: {
    seal: {
      title: 'Seal',
      hint: 'The notice, the publicity list and the letters can be exported with the seal. Load a PNG with a transparent background (at most 1 MB); it is kept only in the database (and its backups).',
      info: 'Set: {w} × {h} pixels, {size}, by {by}',
      none: 'No seal set',
      load: 'Load seal image…',
      replace: 'Replace seal image…',
      clear: 'Clear the seal',
      loaded: 'Seal saved',
      cleared: 'Seal cleared',
    },
  },
}
