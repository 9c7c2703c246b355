//! The tables whose rows the audit log records ([`super::record`]), with their keys and the
//! labels findings name them by ([`super::describe`]).

/// A table whose rows the audit log records.
pub struct Table {
    pub name: &'static str,
    /// How a finding names the table (Chinese).
    pub label: &'static str,
    /// The primary key columns.
    pub key: &'static [&'static str],
    /// Columns recorded as a SHA-256 only (secrets, password hashes, file contents).
    pub digest: &'static [&'static str],
}

const fn t(
    name: &'static str,
    label: &'static str,
    key: &'static [&'static str],
    digest: &'static [&'static str],
) -> Table {
    Table { name, label, key, digest }
}

/// Every table of the database except the log itself and the unit list (reference data the
/// program re-seeds on every start). `record::every_table_is_recorded` fails when a migration
/// adds a table that is missing here.
pub const TABLES: &[Table] = &[
    t("meta", "数据库标识", &["key"], &[]),
    t("users", "用户", &["id"], &["password_hash"]),
    t("campaigns", "年度评审工作", &["id"], &[]),
    t("dossiers", "申报材料", &["id"], &[]),
    t("blobs", "附件内容", &["sha256"], &["data"]),
    t("attachments", "附件", &["id"], &[]),
    t("decisions", "审查决定", &["id"], &[]),
    t("experts", "评审专家", &["id"], &[]),
    t("conflicts", "回避关系", &["expert_id", "unit_code"], &[]),
    t("draws", "专家抽取", &["id"], &[]),
    t("assignments", "评分表", &["id"], &[]),
    t("scores", "评分", &["assignment_id", "criterion"], &[]),
    t("funding_lines", "经费安排", &["id"], &[]),
    t("publicity", "公示", &["campaign_id"], &[]),
    t("objections", "异议", &["id"], &[]),
    t("calendar_years", "工作日历", &["year"], &[]),
    t("campaign_keys", "年度密钥", &["campaign_id"], &["sign_secret", "enc_identity"]),
    t("review_packages", "评审材料包", &["package_id"], &[]),
    t("held_packages", "本机评审材料包", &["campaign_id"], &["return_secret"]),
    t("returned_sheets", "回执评分表", &["assignment_id"], &[]),
    t("dossier_files", "申报材料文件", &["dossier_id"], &[]),
    t("access_failures", "登录失败记录", &["login"], &[]),
    t("settings", "设置", &["key"], &[]),
    t("yoy_verifications", "上年对比核实", &["id"], &[]),
    t("meetings", "会议评审", &["campaign_id"], &[]),
    t("meeting_members", "会议出席专家", &["campaign_id", "expert_id"], &[]),
    t("meeting_votes", "会议表决", &["dossier_id"], &[]),
    t("pledges", "评审专家承诺书", &["campaign_id"], &[]),
    t("pledge_acceptances", "专家承诺", &["expert_id"], &[]),
    t("seal", "印章", &["id"], &["png"]),
];
