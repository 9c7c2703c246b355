-- Years of the working-day calendar beyond the bundled data, read from the State Council's
-- holiday notice by `calendar import` (holiday_notice.rs). One row per year; the named days as
-- the calendar's YearDays JSON; the notice text's SHA-256 and who imported it when.
CREATE TABLE calendar_years (
    year         INTEGER PRIMARY KEY,
    days_json    TEXT NOT NULL,
    file_name    TEXT NOT NULL,
    text_sha256  TEXT NOT NULL,
    actor        TEXT NOT NULL,
    imported_at  TEXT NOT NULL
);
