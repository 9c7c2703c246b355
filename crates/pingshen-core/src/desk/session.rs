//! Who may enter without a password: the local secretariat on a single-user machine.

use super::{Actor, Desk, Role};
use crate::error::{Error, Result};

impl Desk {
    /// Whether any active account of `role` exists.
    pub fn has_accounts(&self, role: Role) -> Result<bool> {
        let n: i64 = self.conn.query_row("SELECT count(*) FROM users WHERE role = ?1 AND active", [role.code()], |r| r.get(0))?;
        Ok(n > 0)
    }

    /// The local secretariat without a password, as the window offers it on a single-user
    /// machine: allowed only while no secretariat account exists (once one does, the
    /// secretariat logs in with its password like everyone else).
    pub fn local_secretariat_login(&self) -> Result<Actor> {
        if self.has_accounts(Role::Secretariat)? {
            return Err(Error::Forbidden("本数据库已设置秘书处账号，请用登录名和密码登录".into()));
        }
        Ok(self.local_secretariat())
    }
}
