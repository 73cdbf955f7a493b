-- PLACEHOLDER of branch i15-instances, so that its migration 025 applies
-- (tern refuses a gap). Delete this file when merging: part 2 (erasure)
-- brings the real 021.
SELECT 1;
