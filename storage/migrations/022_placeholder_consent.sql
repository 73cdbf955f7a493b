-- PLACEHOLDER of branch i15-instances, so that its migration 025 applies
-- (tern refuses a gap). Delete this file when merging: part 3 (consent)
-- brings the real 022.
SELECT 1;
