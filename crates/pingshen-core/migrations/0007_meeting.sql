-- Issue 18: the panel meeting (会议评审) of a year whose policy holds one (`Policy::meeting`).
-- One meeting a year, opened after the written review; the members present; one vote per
-- agenda item (a dossier), entered again with a reason until the meeting closes (every entry in
-- the audit log). A year without a meeting has no rows here.
CREATE TABLE meetings (
    campaign_id INTEGER PRIMARY KEY REFERENCES campaigns(id),
    held_on     TEXT NOT NULL,          -- the day it sat (YYYY-MM-DD)
    place       TEXT NOT NULL,
    chair_id    INTEGER NOT NULL REFERENCES experts(id),
    opened_at   TEXT NOT NULL,
    closed_at   TEXT                    -- NULL while it sits
);

CREATE TABLE meeting_members (
    campaign_id INTEGER NOT NULL REFERENCES meetings(campaign_id),
    expert_id   INTEGER NOT NULL REFERENCES experts(id),
    PRIMARY KEY (campaign_id, expert_id)
);

CREATE TABLE meeting_votes (
    dossier_id    INTEGER PRIMARY KEY REFERENCES dossiers(id),
    votes_for     INTEGER NOT NULL CHECK (votes_for >= 0),
    votes_against INTEGER NOT NULL CHECK (votes_against >= 0),
    votes_abstain INTEGER NOT NULL CHECK (votes_abstain >= 0),
    eligible      INTEGER NOT NULL,     -- present minus those who left the room for the item
    passed        INTEGER NOT NULL CHECK (passed IN (0, 1)),
    note          TEXT NOT NULL DEFAULT '',
    entries       INTEGER NOT NULL DEFAULT 1,   -- how many times it was entered
    reason        TEXT NOT NULL DEFAULT '',     -- why it was entered again (the last time)
    entered_at    TEXT NOT NULL
);
