-- Issue 16 (items 4 and 5): the clerk's 已核实 on a year-over-year finding of the formal check,
-- and the draw's repeated pairs (an expert drawn again for a unit they scored the year before,
-- kept only when rotation could not avoid it). Both recorded in the audit log like every table.
CREATE TABLE yoy_verifications (
    id          INTEGER PRIMARY KEY,
    dossier_id  INTEGER NOT NULL REFERENCES dossiers(id),
    code        TEXT NOT NULL,      -- yoy_decrease_workstations, yoy_copied_leadership, …
    this_year   TEXT NOT NULL,      -- both values as the clerk saw them: a changed figure needs a new look
    last_year   TEXT NOT NULL,
    note        TEXT NOT NULL,
    actor       TEXT NOT NULL,
    at          TEXT NOT NULL
);
CREATE INDEX yoy_verifications_dossier ON yoy_verifications(dossier_id);

ALTER TABLE assignments ADD COLUMN repeat_of_year INTEGER;  -- the earlier year the pair repeats, NULL when none
