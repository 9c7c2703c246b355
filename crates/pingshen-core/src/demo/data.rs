//! The demo's data: the applicants with the size of their economies, the expert pool, the
//! narratives' building blocks and the CSV files the importers read. Deterministic.

use crate::assignment::SplitMix64;
use crate::error::{Error, Result};
use chrono::NaiveDate;
use std::path::Path;

pub const DEMO_YEAR: i32 = 2014;
pub const DEMO_SEED: u64 = 20141103;
/// Password of the demo experts' logins (login = the expert's name).
pub const DEMO_PASSWORD: &str = "pingshen-2014";

pub(super) fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("demo dates are valid")
}

/// Rough size of each applicant's economy: industrial enterprises above designated size.
pub(super) const APPLICANTS: &[(&str, &str, i64)] = &[
    // (short name, award, industrial enterprises above designated size)
    ("北京市科协", "后补助", 3_700),
    ("天津市科协", "后补助", 5_400),
    ("河北省科协", "后补助", 13_900),
    ("山西省科协", "后补助", 3_900),
    ("内蒙古自治区科协", "后补助", 4_400),
    ("辽宁省科协", "后补助", 17_000),
    ("吉林省科协", "后补助", 5_800),
    ("上海市科协", "后补助", 9_800),
    ("江苏省科协", "后补助", 46_000),
    ("浙江省科协", "后补助", 39_000),
    ("安徽省科协", "后补助", 17_500),
    ("福建省科协", "后补助", 16_000),
    ("江西省科协", "后补助", 8_500),
    ("山东省科协", "后补助", 38_000),
    ("河南省科协", "后补助", 21_000),
    ("湖北省科协", "后补助", 15_000),
    ("湖南省科协", "后补助", 13_000),
    ("广东省科协", "后补助", 41_000),
    ("广西壮族自治区科协", "后补助", 5_300),
    ("重庆市科协", "后补助", 6_200),
    ("四川省科协", "后补助", 13_300),
    ("贵州省科协", "后补助", 3_900),
    ("云南省科协", "后补助", 3_700),
    ("陕西省科协", "后补助", 5_300),
    ("新疆生产建设兵团科协", "后补助", 700),
    ("大连市科协", "后补助", 3_100),
    ("宁波市科协", "后补助", 7_200),
    ("武汉市科协", "后补助", 2_600),
    ("青岛市科协", "后补助", 4_600),
    // pilot applicants
    ("上海市科协", "试点示范", 9_800),
    ("江苏省科协", "试点示范", 46_000),
    ("浙江省科协", "试点示范", 39_000),
    ("湖北省科协", "试点示范", 15_000),
    ("广东省科协", "试点示范", 41_000),
    ("深圳市科协", "试点示范", 6_700),
];

pub(super) const EXPERTS: &[(&str, &str, &str, &str, &str)] = &[
    // name, employer, province, field, declared conflicts
    ("王建华", "清华大学公共管理学院", "北京市", "科技管理", ""),
    ("李淑敏", "中国科学技术发展战略研究院", "北京", "创新政策", "天津市科协"),
    ("陈志远", "复旦大学管理学院", "上海市", "产业经济", ""),
    ("刘海涛", "浙江大学科技与法律研究中心", "浙江省", "企业创新", ""),
    ("张丽君", "南京大学商学院", "江苏省", "组织管理", ""),
    ("赵国庆", "武汉大学经济与管理学院", "湖北省", "科技统计", "湖南省科协"),
    ("孙明远", "中山大学管理学院", "广东省", "企业管理", ""),
    ("周晓燕", "四川大学公共管理学院", "四川省", "社会组织", "重庆市科协"),
    ("吴天宇", "西安交通大学管理学院", "陕西省", "工程管理", ""),
    ("郑文斌", "山东大学管理学院", "山东省", "区域经济", "青岛市科协"),
    ("黄雅琴", "厦门大学管理学院", "福建省", "科技评价", ""),
    ("马振东", "吉林大学商学院", "吉林省", "产业政策", ""),
    ("林志强", "哈尔滨工业大学经济与管理学院", "黑龙江省", "技术创新", ""),
    ("何佳慧", "中南大学商学院", "湖南省", "财务管理", "江西省科协"),
    ("罗文杰", "兰州大学管理学院", "甘肃", "西部发展", "新疆生产建设兵团科协"),
];

pub(super) fn narrative(rng: &mut SplitMix64, unit: &str, section: usize, ind: &crate::model::Indicators) -> String {
    let pick = |rng: &mut SplitMix64, v: &[&str]| v[rng.below(v.len() as u64) as usize].to_string();
    match section {
        0 => format!(
            "{unit}党组高度重视企业科协组织建设工作，将其列入重要议事日程，{}。成立了由分管副主席任组长的企业科协工作领导小组，企业工作部配备专职干部{}名，制定了《{}推进企业科协组织建设三年发展规划》和年度工作计划，层层分解组建任务。",
            pick(rng, &["主要领导多次专题研究部署", "年内召开党组会专题研究三次", "与省（市）委组织部联合印发指导意见"]),
            2 + rng.below(4),
            unit.trim_end_matches("科学技术协会")
        ),
        1 => format!(
            "全年新建企业科协{}家，完成组建任务的{}%；全地区企业科协总数达到{}家。{}个园区中已有{}个建立科协组织，国家级园区科协覆盖率达到{}%。在未建会企业推行科协联系人制度{}家，{}",
            ind.associations_new,
            if ind.building_task > 0 { ind.associations_new * 100 / ind.building_task } else { 100 },
            ind.associations_total,
            ind.zones,
            ind.zones_with_association,
            if ind.national_zones > 0 { ind.national_zones_with_association * 100 / ind.national_zones } else { 0 },
            ind.liaison_enterprises,
            pick(rng, &["在重点行业推动建立“一业一会”。", "组建了区域企业科协联合会，实现抱团发展。", "依托县级联系点建成企业科协和院士专家工作站。"])
        ),
        2 => format!(
            "深入开展“讲理想、比贡献”活动和“金桥工程”，全年组织企业科技人员提出合理化建议{}条，实施技术攻关项目{}项；建成院士专家工作站{}家，{}，帮助企业解决关键技术难题，服务企业技术创新成效明显。",
            800 + rng.below(4000),
            60 + rng.below(300),
            ind.workstations,
            pick(rng, &["引进院士及团队成员参与企业研发", "推动产学研合作项目落地", "组织学会专家进企业开展技术咨询"])
        ),
        _ => pick(
            rng,
            &[
                "总结推广“三带”工作法：企业科协带头人带动技术骨干、带领职工群众开展创新，形成了可复制的经验。",
                "探索“科协+园区”共建模式，园区管委会与科协联合设立企业创新服务站，实现服务常态化。",
                "建立企业科协工作考核激励机制，将组建任务完成情况纳入对市县科协的年度考核。",
                "依托“一业一会”推动行业龙头企业牵头组建行业企业科协，带动上下游中小企业共同创新。",
            ],
        ),
    }
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

pub(super) fn write_csv(path: &Path, headers: &[&str], rows: &[Vec<String>]) -> Result<()> {
    let mut s = headers.join(",");
    s.push('\n');
    for r in rows {
        s.push_str(&r.iter().map(|x| csv_field(x)).collect::<Vec<_>>().join(","));
        s.push('\n');
    }
    std::fs::write(path, s).map_err(|e| Error::io(path, e))
}
