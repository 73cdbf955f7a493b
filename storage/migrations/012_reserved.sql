-- Placeholder: number 012 is reserved for a branch in flight (tern refuses
-- a gap before 013_appointments.sql). It changes nothing; drop this file
-- when the branch that brings the real 012 is merged.
SELECT 1;
