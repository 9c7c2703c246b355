-- Exchange files (docs/exchange-format.md).
-- The database's own identity: exchange files name the database they belong to.
CREATE TABLE meta (
    key    TEXT PRIMARY KEY,
    value  TEXT NOT NULL
);
INSERT INTO meta (key, value) VALUES ('database_id', lower(hex(randomblob(16))));

-- Each year's keys, made when it opens (or at first use for a year opened before this version):
-- the ed25519 signing key (hex secret) and the age X25519 identity (AGE-SECRET-KEY-1…). They live
-- in the database, so a backup carries them.
CREATE TABLE campaign_keys (
    campaign_id   INTEGER PRIMARY KEY REFERENCES campaigns(id),
    sign_secret   TEXT NOT NULL,
    enc_identity  TEXT NOT NULL,
    created_at    TEXT NOT NULL
);

-- Review packages issued by this (secretariat) database: the expert, the one-time public key a
-- score return must be signed with, the assignments it covers, and the last return taken.
CREATE TABLE review_packages (
    package_id       TEXT PRIMARY KEY,
    campaign_id      INTEGER NOT NULL REFERENCES campaigns(id),
    expert_id        INTEGER NOT NULL REFERENCES experts(id),
    return_public    TEXT NOT NULL,
    assignments_json TEXT NOT NULL,
    created_at       TEXT NOT NULL,
    last_return_at   TEXT,
    last_return_sha  TEXT
);

-- The package an expert's own installation holds (at most one per year): where it came from and
-- the one-time key its score returns are signed with.
CREATE TABLE held_packages (
    campaign_id        INTEGER PRIMARY KEY REFERENCES campaigns(id),
    package_id         TEXT NOT NULL,
    expert_id          INTEGER NOT NULL REFERENCES experts(id),
    origin_database_id TEXT NOT NULL,
    return_secret      TEXT NOT NULL,
    year_sign_public   TEXT NOT NULL,
    year_recipient     TEXT NOT NULL,
    opened_at          TEXT NOT NULL
);

-- Sheets whose scores came from a score return (a newer return of the same package may replace
-- them while the review lasts).
CREATE TABLE returned_sheets (
    assignment_id  INTEGER PRIMARY KEY REFERENCES assignments(id),
    package_id     TEXT NOT NULL
);

-- Dossiers received as dossier files: the applicant's own date, when the file was made, its
-- manifest's hash (the same file twice changes nothing).
CREATE TABLE dossier_files (
    dossier_id       INTEGER PRIMARY KEY REFERENCES dossiers(id),
    applicant_on     TEXT,
    file_created_at  TEXT NOT NULL,
    manifest_sha256  TEXT NOT NULL,
    signer           TEXT NOT NULL
);
