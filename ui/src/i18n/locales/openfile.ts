// A .pingshen file opened by a double-click (or handed over by a second launch): which dialog
// it leads to, and what to do first when it cannot be opened yet.
export default {
  'zh-CN': {
    openfile: {
      title: '打开交换文件',
      kinds: { reviewPackage: '评审材料包', scoreReturn: '评分回执', dossierFile: '申报材料文件' },
      loginFirst: '「{name}」是{kind}：请先以秘书处身份登录，登录后会自动打开导入。',
      packageNeedsEmpty: '「{name}」是评审材料包，只能在专家自己的新数据库中打开。本数据库已有年度数据：请在「打开数据库文件」中新建或选择一个空的数据库文件后，再双击此文件。',
      notHere: '「{name}」是{kind}，应交给评审秘书处导入，本机不能打开。',
    },
  },
  en: {
    openfile: {
      title: 'Open an exchange file',
      kinds: { reviewPackage: 'review package', scoreReturn: 'score return', dossierFile: 'dossier file' },
      loginFirst: '“{name}” is a {kind}: sign in as the secretariat first; the import then opens by itself.',
      packageNeedsEmpty: '“{name}” is a review package; it opens only in the expert’s own new database. This database already holds a year: open or create an empty database file first, then double-click the file again.',
      notHere: '“{name}” is a {kind}; hand it to the review secretariat for import. It cannot be opened here.',
    },
  },
}
