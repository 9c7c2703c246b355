-- Issue 19: the issuing body's seal (印章), kept in the database — so in every backup — and
-- nowhere else. One row at most; `seal clear` deletes it. The image is a PNG with transparency
-- of at most 1 MB, checked before it is stored (`desk/seal.rs`); the audit log records its
-- SHA-256 (`store/tables.rs`: digest column), never the bytes.
CREATE TABLE seal (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    png     BLOB NOT NULL,
    sha256  TEXT NOT NULL,
    width   INTEGER NOT NULL,   -- pixels
    height  INTEGER NOT NULL,
    actor   TEXT NOT NULL,
    at      TEXT NOT NULL
);
