-- PostgreSQL's 0009 makes the role the application servers write as, which may only
-- append to the journal. A SQLite file has no roles: whoever may write the file may
-- change it, and verify is what proves it unaltered. This file keeps the two lists of
-- migrations in step.
SELECT 1;
