-- PLACEHOLDER of branch i15-instances, so that its migration 025 applies
-- (tern refuses a gap). Delete this file when merging: part 6 (statistics)
-- brings the real 024, or renumber if it brings none.
SELECT 1;
