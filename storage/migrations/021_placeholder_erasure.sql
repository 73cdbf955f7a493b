-- PLACEHOLDER of branch i15-retention, so that its migration 023 applies
-- (tern refuses a gap). Delete this file when merging: part 2 (erasure)
-- brings the real 021.
SELECT 1;
