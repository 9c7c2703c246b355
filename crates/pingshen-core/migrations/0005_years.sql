-- Issue 16, year after year: a declared conflict carried into the next year (`init --from`) is
-- kept but marked 待确认 (confirmed = 0) until the secretariat confirms it or the expert declares
-- it again. A pending conflict still recuses (the safer reading). Conflicts declared in the year
-- itself are confirmed.
ALTER TABLE conflicts ADD COLUMN confirmed INTEGER NOT NULL DEFAULT 1 CHECK (confirmed IN (0, 1));
