// The experts' pledge (评审专家承诺书): the expert signs it before scoring; the secretariat edits
// it until the draw; the experts screen shows who signed and when.
export default {
  'zh-CN': {
    pledge: {
      gate: {
        title: '评审专家承诺书',
        hint: '评分前请阅读以下承诺书，输入本人姓名并确认。确认后方可保存评分。',
        name: '本人姓名',
        namePlaceholder: '请输入您的姓名',
        accept: '我已阅读并承诺',
        back: '暂不评分，返回',
        accepted: '已签署评审专家承诺书',
      },
      card: {
        title: '{year}年度评审专家承诺书',
        hint: '专家评分前须签署本承诺书；抽取评审专家之后不能再修改。',
        isDefault: '默认文本',
        own: '本年度文本（{by}，{at}）',
        frozen: '当前阶段为「{stage}」：专家已抽取，承诺书不能再修改',
        titleLabel: '标题',
        intro: '开头段',
        points: '承诺事项（每行一条，不写编号）',
        closing: '结尾段',
        save: '保存承诺书',
        saved: '承诺书已保存',
        readonlyRole: '承诺书由秘书处设定',
      },
      column: '承诺书',
      signedTitle: '{at}，{kind}',
      kind: {
        window: '在评审台确认',
        package: '在评审材料包中确认',
        paper: '纸质评分表签名',
      },
    },
  },
  en: {
    pledge: {
      gate: {
        title: 'Experts’ pledge',
        hint: 'Before scoring, please read the pledge below, type your name and confirm. Scores can be saved only after that.',
        name: 'Your name',
        namePlaceholder: 'Type your name',
        accept: 'I have read it and I pledge',
        back: 'Not now, go back',
        accepted: 'Pledge signed',
      },
      card: {
        title: 'Experts’ pledge {year}',
        hint: 'Every expert signs this pledge before scoring; it cannot change after the draw.',
        isDefault: 'Default text',
        own: 'This year’s text ({by}, {at})',
        frozen: 'Stage “{stage}”: the experts are drawn, the pledge can no longer change',
        titleLabel: 'Title',
        intro: 'Opening paragraph',
        points: 'Points (one a line, without numbers)',
        closing: 'Closing paragraph',
        save: 'Save the pledge',
        saved: 'Pledge saved',
        readonlyRole: 'The pledge is set by the secretariat',
      },
      column: 'Pledge',
      signedTitle: '{at}, {kind}',
      kind: {
        window: 'confirmed in the app',
        package: 'confirmed in the review package',
        paper: 'signed on the paper sheet',
      },
    },
  },
}
