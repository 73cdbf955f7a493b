-- PLACEHOLDER of branch i15-instances, so that its migration 025 applies
-- (tern refuses a gap). Delete this file when merging: part 4 (retention)
-- brings the real 023, or renumber if it brings none.
SELECT 1;
