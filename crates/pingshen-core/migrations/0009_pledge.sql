-- Issue 19: the experts' pledge (评审专家承诺书). A year's text, when the secretariat set one or
-- the year carried it from the year before (a year without a row uses the program's default
-- text, `desk::pledge::default_text`); editable until the draw.
CREATE TABLE pledges (
    campaign_id  INTEGER PRIMARY KEY REFERENCES campaigns(id),
    title        TEXT NOT NULL,
    intro        TEXT NOT NULL,
    points_json  TEXT NOT NULL,     -- the numbered points, in order, without their numbers
    closing      TEXT NOT NULL,
    updated_by   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);

-- An expert's acceptance of the year's pledge, made before their first score: the name they
-- typed (or signed), when, where (window: the secretariat's database; package: the expert's own
-- database opened from a review package, carried to the secretariat in the score return; paper:
-- the signature on a paper score sheet entered from the spreadsheet) and the SHA-256 of the text
-- they accepted.
CREATE TABLE pledge_acceptances (
    expert_id    INTEGER PRIMARY KEY REFERENCES experts(id),
    name         TEXT NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('window', 'package', 'paper')),
    accepted_at  TEXT NOT NULL,
    text_sha256  TEXT NOT NULL
);
