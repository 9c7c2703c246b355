//! The database's identity and each year's keys for exchange files: the ed25519 signing key and
//! the age X25519 identity, made when the year opens (or at first use for an older year), kept in
//! the database (so a backup carries them) and never shown.

use super::Actor;
use crate::error::{Error, Result};
use crate::exchange::crypto;
use crate::store;
use crate::AuditAction;
use crate::{msg, t};
use rusqlite::{params, Connection, OptionalExtension, Transaction};

/// A year's keys.
pub(crate) struct YearKeys {
    pub sign_secret: [u8; 32],
    pub enc_identity: String,
}

impl YearKeys {
    pub fn sign_public_hex(&self) -> String {
        hex::encode(crypto::public_of(&self.sign_secret))
    }
    pub fn recipient(&self) -> Result<String> {
        crypto::age_recipient_of(&self.enc_identity)
    }
}

/// This database's id (made by the migration).
pub(crate) fn database_id(conn: &Connection) -> Result<String> {
    conn.query_row("SELECT value FROM meta WHERE key = 'database_id'", [], |r| r.get(0))
        .optional()?
        .ok_or_else(|| Error::other(t!(msg::EXCHANGE_NO_DATABASE_ID)))
}

pub(crate) fn meta(conn: &Connection, key: &str) -> Result<Option<String>> {
    Ok(conn.query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0)).optional()?)
}

pub(crate) fn set_meta(tx: &Transaction, key: &str, value: &str) -> Result<()> {
    tx.execute(
        "INSERT INTO meta (key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        params![key, value],
    )?;
    Ok(())
}

pub(crate) fn parse_secret(hex_secret: &str) -> Result<[u8; 32]> {
    hex::decode(hex_secret)
        .ok()
        .and_then(|b| b.try_into().ok())
        .ok_or_else(|| Error::other(t!(msg::EXCHANGE_SIGN_KEY_DAMAGED)))
}

/// The keys of a year, made now (audited, the public halves only) if the year has none yet.
pub(crate) fn ensure_keys(tx: &Transaction, actor: &Actor, campaign_id: i64, year: i32) -> Result<YearKeys> {
    let row: Option<(String, String)> = tx
        .query_row("SELECT sign_secret, enc_identity FROM campaign_keys WHERE campaign_id = ?1", [campaign_id], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?;
    if let Some((s, e)) = row {
        return Ok(YearKeys { sign_secret: parse_secret(&s)?, enc_identity: e });
    }
    let keys = YearKeys { sign_secret: crypto::new_signing_key()?, enc_identity: crypto::new_age_identity() };
    tx.execute(
        "INSERT INTO campaign_keys (campaign_id, sign_secret, enc_identity, created_at) VALUES (?1, ?2, ?3, ?4)",
        params![campaign_id, hex::encode(keys.sign_secret), keys.enc_identity, store::now_utc()],
    )?;
    store::audit(
        tx,
        &actor.audit_name(),
        AuditAction::CampaignKeys,
        &format!("campaign:{year}"),
        &serde_json::json!({"sign_public": keys.sign_public_hex(), "recipient": keys.recipient()?}),
    )?;
    Ok(keys)
}

/// Every year's keys (to try a score return against).
pub(crate) fn all_keys(conn: &Connection) -> Result<Vec<(i64, YearKeys)>> {
    let mut st = conn.prepare("SELECT campaign_id, sign_secret, enc_identity FROM campaign_keys")?;
    let rows: Vec<(i64, String, String)> =
        st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?.collect::<std::result::Result<_, _>>()?;
    rows.into_iter().map(|(c, s, e)| Ok((c, YearKeys { sign_secret: parse_secret(&s)?, enc_identity: e }))).collect()
}
