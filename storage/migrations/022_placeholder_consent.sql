-- PLACEHOLDER of branch i15-retention, so that its migration 023 applies
-- (tern refuses a gap). Delete this file when merging: part 3 (consent)
-- brings the real 022.
SELECT 1;
