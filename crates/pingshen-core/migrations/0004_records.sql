-- Issue 9: failed sign-ins per login name (lock-out) and the desk's own settings (how many
-- automatic backups to keep). Both tables are recorded in the audit log like every other
-- (store/record.rs).
CREATE TABLE access_failures (
    login         TEXT PRIMARY KEY,
    failures      INTEGER NOT NULL,
    locked_until  TEXT
);

CREATE TABLE settings (
    key    TEXT PRIMARY KEY,
    value  TEXT NOT NULL
);
