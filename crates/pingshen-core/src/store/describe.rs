//! How an audit finding names a row and a field, so that a clerk can find them: the key columns,
//! and for the tables that matter most the unit, expert or login they belong to.

use super::tables::Table;
use rusqlite::{Connection, OptionalExtension};
use serde_json::Value;

/// 「assignment_id=3，criterion=c2」
pub fn key_only(tb: &Table, key: &str) -> String {
    let values: Vec<Value> = serde_json::from_str(key).unwrap_or_default();
    tb.key
        .iter()
        .zip(values.iter().chain(std::iter::repeat(&Value::Null)))
        .map(|(c, v)| format!("{c}={}", v.as_str().map(str::to_string).unwrap_or_else(|| v.to_string())))
        .collect::<Vec<_>>()
        .join("，")
}

/// The key, and who the row is about where the table says so.
pub fn row(conn: &Connection, tb: &Table, key: &str) -> String {
    let k = key_only(tb, key);
    let values: Vec<Value> = serde_json::from_str(key).unwrap_or_default();
    let first = values.first().cloned().unwrap_or(Value::Null);
    let sql = match tb.name {
        "dossiers" => "SELECT '「' || u.full_name || '」' FROM dossiers d JOIN units u ON u.code = d.unit_code WHERE d.id = ?1",
        "assignments" | "scores" | "returned_sheets" => {
            "SELECT '专家「' || e.name || '」评「' || u.full_name || '」' FROM assignments a JOIN experts e ON e.id = a.expert_id
             JOIN dossiers d ON d.id = a.dossier_id JOIN units u ON u.code = d.unit_code WHERE a.id = ?1"
        }
        "funding_lines" => "SELECT '「' || u.full_name || '」' FROM funding_lines f JOIN dossiers d ON d.id = f.dossier_id JOIN units u ON u.code = d.unit_code WHERE f.id = ?1",
        "attachments" | "decisions" | "dossier_files" | "yoy_verifications" | "meeting_votes" => {
            let t = tb.name;
            let col = if matches!(t, "dossier_files" | "meeting_votes") { "dossier_id" } else { "id" };
            return with(conn, &format!("SELECT '「' || u.full_name || '」' FROM {t} x JOIN dossiers d ON d.id = x.dossier_id JOIN units u ON u.code = d.unit_code WHERE x.{col} = ?1"), &first, k);
        }
        "meeting_members" => {
            let second = values.get(1).cloned().unwrap_or(Value::Null);
            return with(conn, "SELECT '专家「' || name || '」' FROM experts WHERE id = ?1", &second, k);
        }
        "experts" | "conflicts" => "SELECT '专家「' || name || '」' FROM experts WHERE id = ?1",
        "users" => "SELECT '登录名「' || login || '」' FROM users WHERE id = ?1",
        "objections" => "SELECT '异议人「' || name || '」' FROM objections WHERE id = ?1",
        _ => return k,
    };
    with(conn, sql, &first, k)
}

/// A row deleted outside the app: as `row` where what it belongs to still exists (a score's
/// sheet), else by the dossier its last recorded values name (a funding line), else the key.
pub fn gone_row(conn: &Connection, tb: &Table, key: &str, then: &serde_json::Map<String, Value>) -> String {
    let k = key_only(tb, key);
    let described = row(conn, tb, key);
    match then.get("dossier_id") {
        Some(d) if described == k => with(
            conn,
            "SELECT '「' || u.full_name || '」' FROM dossiers d JOIN units u ON u.code = d.unit_code WHERE d.id = ?1",
            d,
            k,
        ),
        _ => described,
    }
}

fn with(conn: &Connection, sql: &str, first: &Value, k: String) -> String {
    let p: rusqlite::types::Value = match first {
        Value::Number(n) => n.as_i64().map(rusqlite::types::Value::Integer).unwrap_or(rusqlite::types::Value::Null),
        Value::String(s) => rusqlite::types::Value::Text(s.clone()),
        _ => rusqlite::types::Value::Null,
    };
    match conn.query_row(sql, [p], |r| r.get::<_, String>(0)).optional() {
        Ok(Some(who)) => format!("{k}，{who}"),
        _ => k,
    }
}

/// A column with its Chinese name where it has one: 「comment（评语）」.
pub fn field(col: &str) -> String {
    let label = match col {
        "centi" => "分数（百分之一分）",
        "comment" => "评语",
        "state" => "状态",
        "stage" => "阶段",
        "amount_yuan" => "金额（元）",
        "matching_yuan" => "配套资金（元）",
        "reason" => "理由",
        "kind" => "类别",
        "unit_code" => "单位",
        "award" => "申报类别",
        "password_hash" => "密码",
        "role" => "角色",
        "active" => "是否启用",
        "name" => "姓名",
        "content" => "内容",
        "resolution" => "处理结果",
        "list_json" => "公示名单",
        "policy_json" => "评审规则设置",
        "late" => "逾期",
        "submitted_on" => "提交日期",
        "note" => "核实说明",
        "repeat_of_year" => "上年评过该单位",
        "votes_for" => "赞成票",
        "votes_against" => "反对票",
        "votes_abstain" => "弃权票",
        "passed" => "表决结果",
        c if c.starts_with("narrative_") => "申报材料文字部分",
        _ => return col.to_string(),
    };
    format!("{col}（{label}）")
}
