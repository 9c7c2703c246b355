// The dossier's vocabulary shared by every screen that shows one: the indicators, the narratives
// and the derived ratios. The zh-CN names are the core's own (申报汇总表 headers, error fields).
export default {
  'zh-CN': {
    indicators: {
      ind: {
        industrial_enterprises: '规上工业企业数',
        associations_total: '企业科协总数',
        associations_new: '本年新建企业科协数',
        building_task: '本年组建任务数',
        liaison_enterprises: '建立科协联系人制度企业数',
        zones: '园区总数',
        zones_with_association: '已建科协园区数',
        national_zones: '国家级园区数',
        national_zones_with_association: '已建科协国家级园区数',
        workstations: '院士专家工作站数',
        county_points: '县级联系点建会建站数',
      },
      nar: {
        leadership: '组织领导情况',
        building: '组织建设成效',
        services: '服务企业创新情况',
        distinctive: '特色做法',
      },
      ratio: {
        task_rate: '任务完成率',
        enterprise_coverage: '企业科协覆盖率',
        zone_coverage: '园区科协覆盖率',
        national_zone_coverage: '国家级园区科协覆盖率',
      },
      ratioSep: '；',
    },
  },
  en: {
    indicators: {
      ind: {
        industrial_enterprises: 'Industrial enterprises above designated size',
        associations_total: 'Enterprise S&T associations',
        associations_new: 'Enterprise associations founded this year',
        building_task: 'Founding target this year',
        liaison_enterprises: 'Enterprises with an association liaison',
        zones: 'Industrial parks',
        zones_with_association: 'Parks with an association',
        national_zones: 'National-level parks',
        national_zones_with_association: 'National-level parks with an association',
        workstations: 'Academician and expert workstations',
        county_points: 'County contact points with an association or workstation',
      },
      nar: {
        leadership: 'Organisation and leadership',
        building: 'Results of organisation building',
        services: 'Services for enterprise innovation',
        distinctive: 'Distinctive practices',
      },
      ratio: {
        task_rate: 'Target completion rate',
        enterprise_coverage: 'Enterprise association coverage',
        zone_coverage: 'Park association coverage',
        national_zone_coverage: 'National-level park association coverage',
      },
      ratioSep: '; ',
    },
  },
}
