-- Pingshen schema v1. Money in integer yuan, scores in integer hundredths, dates ISO (YYYY-MM-DD),
-- timestamps UTC RFC 3339.

CREATE TABLE units (
    code        TEXT PRIMARY KEY,
    ord         INTEGER NOT NULL UNIQUE,
    kind        TEXT NOT NULL,
    region      TEXT NOT NULL,
    province    TEXT NOT NULL,
    full_name   TEXT NOT NULL UNIQUE,
    short_name  TEXT NOT NULL UNIQUE
);

CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    login         TEXT NOT NULL UNIQUE,
    display_name  TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('secretariat', 'expert', 'applicant')),
    password_hash TEXT NOT NULL,
    unit_code     TEXT REFERENCES units(code),
    active        INTEGER NOT NULL DEFAULT 1,
    created_at    TEXT NOT NULL
);

CREATE TABLE campaigns (
    id              INTEGER PRIMARY KEY,
    year            INTEGER NOT NULL UNIQUE,
    stage           TEXT NOT NULL,
    policy_json     TEXT NOT NULL,
    rubric_pilot    TEXT NOT NULL,   -- frozen copy (JSON) of the rubric
    rubric_subsidy  TEXT NOT NULL,
    notice_date     TEXT NOT NULL,
    deadline        TEXT NOT NULL,
    pilot_pay_by    TEXT NOT NULL,
    subsidy_pay_by  TEXT NOT NULL,
    doc_number      TEXT,            -- award notice number, e.g. 科协计函企字〔2014〕NN号
    created_at      TEXT NOT NULL
);

CREATE TABLE dossiers (
    id                  INTEGER PRIMARY KEY,
    campaign_id         INTEGER NOT NULL REFERENCES campaigns(id),
    unit_code           TEXT NOT NULL REFERENCES units(code),
    award               TEXT NOT NULL CHECK (award IN ('pilot', 'subsidy')),
    state               TEXT NOT NULL,
    late                INTEGER NOT NULL DEFAULT 0,
    contact_name        TEXT NOT NULL DEFAULT '',
    contact_phone       TEXT NOT NULL DEFAULT '',
    submitted_on        TEXT,
    industrial_enterprises           INTEGER NOT NULL DEFAULT 0,
    associations_total               INTEGER NOT NULL DEFAULT 0,
    associations_new                 INTEGER NOT NULL DEFAULT 0,
    building_task                    INTEGER NOT NULL DEFAULT 0,
    liaison_enterprises              INTEGER NOT NULL DEFAULT 0,
    zones                            INTEGER NOT NULL DEFAULT 0,
    zones_with_association           INTEGER NOT NULL DEFAULT 0,
    national_zones                   INTEGER NOT NULL DEFAULT 0,
    national_zones_with_association  INTEGER NOT NULL DEFAULT 0,
    workstations                     INTEGER NOT NULL DEFAULT 0,
    county_points                    INTEGER NOT NULL DEFAULT 0,
    matching_funds_yuan INTEGER NOT NULL DEFAULT 0,
    narrative_leadership  TEXT NOT NULL DEFAULT '',
    narrative_building    TEXT NOT NULL DEFAULT '',
    narrative_services    TEXT NOT NULL DEFAULT '',
    narrative_distinctive TEXT NOT NULL DEFAULT '',
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL
);
-- One dossier per unit and award in a campaign (an index, so the benchmark can drop it to load
-- 10,000 synthetic dossiers; the importer checks it too).
CREATE UNIQUE INDEX dossiers_one_per_unit_award ON dossiers (campaign_id, unit_code, award);

-- Attachment contents, content-addressed by SHA-256.
CREATE TABLE blobs (
    sha256  TEXT PRIMARY KEY,
    size    INTEGER NOT NULL,
    data    BLOB NOT NULL
);

CREATE TABLE attachments (
    id          INTEGER PRIMARY KEY,
    dossier_id  INTEGER NOT NULL REFERENCES dossiers(id),
    kind        TEXT NOT NULL DEFAULT '',
    file_name   TEXT NOT NULL,
    media_type  TEXT NOT NULL,
    sha256      TEXT NOT NULL REFERENCES blobs(sha256),
    added_at    TEXT NOT NULL
);

-- Every recorded decision on a dossier: late accept/refuse, recommend/return/reject, pilot
-- selection, consensus; with who, when and why.
CREATE TABLE decisions (
    id          INTEGER PRIMARY KEY,
    dossier_id  INTEGER NOT NULL REFERENCES dossiers(id),
    kind        TEXT NOT NULL,
    reason      TEXT NOT NULL,
    actor       TEXT NOT NULL,
    at          TEXT NOT NULL
);

CREATE TABLE experts (
    id          INTEGER PRIMARY KEY,
    campaign_id INTEGER NOT NULL REFERENCES campaigns(id),
    user_id     INTEGER REFERENCES users(id),
    name        TEXT NOT NULL,
    employer    TEXT NOT NULL,
    province    TEXT NOT NULL,
    field       TEXT NOT NULL DEFAULT '',
    phone       TEXT NOT NULL DEFAULT '',
    UNIQUE (campaign_id, name)
);

CREATE TABLE conflicts (
    expert_id   INTEGER NOT NULL REFERENCES experts(id),
    unit_code   TEXT NOT NULL REFERENCES units(code),
    reason      TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (expert_id, unit_code)
);

CREATE TABLE draws (
    id           INTEGER PRIMARY KEY,
    campaign_id  INTEGER NOT NULL REFERENCES campaigns(id),
    seed         INTEGER NOT NULL,
    per_dossier  INTEGER NOT NULL,
    actor        TEXT NOT NULL,
    at           TEXT NOT NULL
);

CREATE TABLE assignments (
    id            INTEGER PRIMARY KEY,
    campaign_id   INTEGER NOT NULL REFERENCES campaigns(id),
    dossier_id    INTEGER NOT NULL REFERENCES dossiers(id),
    expert_id     INTEGER NOT NULL REFERENCES experts(id),
    state         TEXT NOT NULL,
    submitted_at  TEXT,
    UNIQUE (dossier_id, expert_id)
);
CREATE INDEX assignments_expert ON assignments(expert_id);

CREATE TABLE scores (
    assignment_id  INTEGER NOT NULL REFERENCES assignments(id),
    criterion      TEXT NOT NULL,
    centi          INTEGER NOT NULL,
    comment        TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (assignment_id, criterion)
) WITHOUT ROWID;

CREATE TABLE funding_lines (
    id            INTEGER PRIMARY KEY,
    campaign_id   INTEGER NOT NULL REFERENCES campaigns(id),
    dossier_id    INTEGER NOT NULL UNIQUE REFERENCES dossiers(id),
    award         TEXT NOT NULL,
    amount_yuan   INTEGER NOT NULL,
    matching_yuan INTEGER NOT NULL DEFAULT 0,
    pay_by        TEXT NOT NULL,
    note          TEXT NOT NULL DEFAULT ''
);

CREATE TABLE publicity (
    campaign_id  INTEGER PRIMARY KEY REFERENCES campaigns(id),
    start_on     TEXT NOT NULL,
    end_on       TEXT NOT NULL,
    working_days INTEGER NOT NULL,
    list_json    TEXT NOT NULL,      -- the list as published (frozen)
    closed_on    TEXT,
    published_on TEXT
);

CREATE TABLE objections (
    id           INTEGER PRIMARY KEY,
    campaign_id  INTEGER NOT NULL REFERENCES campaigns(id),
    dossier_id   INTEGER REFERENCES dossiers(id),
    name         TEXT NOT NULL,
    contact      TEXT NOT NULL,
    received_on  TEXT NOT NULL,
    content      TEXT NOT NULL,
    state        TEXT NOT NULL CHECK (state IN ('open', 'upheld', 'dismissed')),
    resolution   TEXT NOT NULL DEFAULT '',
    resolved_at  TEXT
);

-- Append-only audit log; each row's hash covers the previous row's hash.
CREATE TABLE audit (
    seq        INTEGER PRIMARY KEY,
    at         TEXT NOT NULL,
    actor      TEXT NOT NULL,
    action     TEXT NOT NULL,
    subject    TEXT NOT NULL,
    detail     TEXT NOT NULL,
    prev_hash  TEXT NOT NULL,
    hash       TEXT NOT NULL
);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN
    SELECT RAISE(ABORT, 'audit log is append-only');
END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN
    SELECT RAISE(ABORT, 'audit log is append-only');
END;
