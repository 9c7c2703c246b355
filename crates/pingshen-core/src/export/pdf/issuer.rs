//! The issuing body of the publicity list and the award notice, from `assets/issuer.toml`:
//! [`Issuer`], the year's [`Plan`], [`load_issuer`].

use std::path::Path;

use serde::Deserialize;

use crate::error::{Error, Result};
use crate::t;
use crate::text::catalog::msg;

/// File name of the issuing body's data under the assets directory.
pub const ISSUER_FILE: &str = "issuer.toml";

/// The year's implementation plan a notice cites (e.g. 科协计函企字〔2014〕25号).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Plan {
    pub year: i32,
    pub title: String,
    pub doc_number: String,
}

/// The issuing body of the publicity list and the award notice (`assets/issuer.toml`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Issuer {
    /// 发文机关标志 (red header), e.g. 中国科学技术协会计划财务部.
    pub header: String,
    /// 发文机关署名 (signature), e.g. 中国科协计划财务部; objections go here.
    pub name: String,
    /// The parent organisation named in the body (中国科协).
    pub parent: String,
    /// 主送机关 of the notice, without the final colon.
    pub addressee: String,
    /// 抄送机关 in the notice's 版记 (may be empty).
    #[serde(default)]
    pub copy_to: String,
    #[serde(default)]
    pub contacts: Vec<String>,
    pub phone: String,
    pub email: String,
    pub address: String,
    #[serde(default)]
    pub postcode: String,
    #[serde(default)]
    pub plans: Vec<Plan>,
}

impl Issuer {
    /// 北京市海淀区复兴路3号科技会堂1903室（邮编：100863）
    pub fn mailing_address(&self) -> String {
        if self.postcode.trim().is_empty() {
            self.address.clone()
        } else {
            format!("{}（邮编：{}）", self.address, self.postcode)
        }
    }

    /// The plan of `year`, if the file has one.
    pub fn plan(&self, year: i32) -> Option<&Plan> {
        self.plans.iter().find(|p| p.year == year)
    }

    /// 《中国科协2014年推进企业科协组织建设工作实施方案》（科协计函企字〔2014〕25号）, or the plan's
    /// generic name when the file has no entry for the year.
    pub fn basis(&self, year: i32) -> String {
        match self.plan(year) {
            Some(p) if p.doc_number.trim().is_empty() => format!("《{}》", p.title),
            Some(p) => format!("《{}》（{}）", p.title, p.doc_number),
            None => format!("{}{}年推进企业科协组织建设工作实施方案", self.parent, year),
        }
    }

    fn check(&self, path: &Path) -> Result<()> {
        let fields = [
            ("header", &self.header),
            ("name", &self.name),
            ("parent", &self.parent),
            ("addressee", &self.addressee),
            ("phone", &self.phone),
            ("email", &self.email),
            ("address", &self.address),
        ];
        for (key, value) in fields {
            if value.trim().is_empty() {
                return Err(Error::invalid(
                    t!(msg::FILES_FIELD_ISSUER),
                    t!(msg::FILES_ISSUER_FIELD_EMPTY, path = path.display(), key),
                ));
            }
        }
        Ok(())
    }
}

/// Loads the issuing body from `<assets_dir>/issuer.toml`. A missing, unreadable or incomplete
/// file is an error naming it.
pub fn load_issuer(assets_dir: &Path) -> Result<Issuer> {
    let path = assets_dir.join(ISSUER_FILE);
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(Error::other(t!(msg::FILES_ISSUER_MISSING, path = path.display())))
        }
        Err(e) => return Err(Error::io(&path, e)),
    };
    let issuer: Issuer = toml::from_str(&text).map_err(|e| {
        Error::invalid(
            t!(msg::FILES_FIELD_ISSUER),
            t!(msg::FILES_ISSUER_BAD, path = path.display(), detail = e.to_string()),
        )
    })?;
    issuer.check(&path)?;
    Ok(issuer)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::layout::assets_dir;

    #[test]
    fn bundled_issuer_is_complete() {
        let i = load_issuer(&assets_dir()).expect("issuer.toml");
        assert_eq!(i.name, "中国科协计划财务部");
        assert_eq!(i.phone, "010-68571894");
        assert_eq!(i.email, "qykxgzc@cast.org.cn");
        assert_eq!(i.mailing_address(), "北京市海淀区复兴路3号科技会堂1903室（邮编：100863）");
        assert_eq!(i.basis(2014), "《中国科协2014年推进企业科协组织建设工作实施方案》（科协计函企字〔2014〕25号）");
        assert_eq!(i.basis(2015), "中国科协2015年推进企业科协组织建设工作实施方案");
    }

    #[test]
    fn missing_or_broken_issuer_is_named() {
        let dir = tempfile::tempdir().expect("tempdir");
        let msg = load_issuer(dir.path()).expect_err("missing").to_string();
        assert!(msg.contains("缺少发文单位信息文件") && msg.contains("issuer.toml"), "{msg}");
        std::fs::write(dir.path().join(ISSUER_FILE), "header = \"x\"\n").expect("write");
        let msg = load_issuer(dir.path()).expect_err("incomplete").to_string();
        assert!(msg.contains("格式错误") && msg.contains("issuer.toml"), "{msg}");
        let text = std::fs::read_to_string(assets_dir().join(ISSUER_FILE)).expect("read");
        std::fs::write(dir.path().join(ISSUER_FILE), text.replace("010-68571894", " ")).expect("write");
        let msg = load_issuer(dir.path()).expect_err("blank phone").to_string();
        assert!(msg.contains("phone 为空"), "{msg}");
    }
}
