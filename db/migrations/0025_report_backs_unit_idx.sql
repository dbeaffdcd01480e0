-- The training numbers ask, per unit, whether it has an accepted report-back (any training): the
-- only index led with training_id, so each unit scanned the whole index (quadratic in units; a
-- national installation's roll-up took seconds on it).
CREATE INDEX "report_backs_unit_idx" ON "report_backs" USING btree ("unit_id");
