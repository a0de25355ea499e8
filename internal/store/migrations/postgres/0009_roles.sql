-- The role the application servers write as: it may read and write the record, and
-- only append to what is append-only (the journal, the versions, the tree, checkpoints,
-- cosignatures and the account audit log). The triggers already refuse such changes;
-- the missing privilege refuses them even to someone who drops a trigger, unless they
-- own the tables. Give the servers a login role that is a member of this one:
--   CREATE ROLE secretariat_app LOGIN PASSWORD '…' IN ROLE secretariat_writer;
-- Roles belong to the whole server, so the role is made once and may exist already. A
-- user that may not create roles migrates the schema without it, with a notice; the
-- README says how an administrator grants it afterwards. A copy of the database
-- (CREATE DATABASE … TEMPLATE) keeps the table privileges but not the database's own.
DO $roles$
DECLARE
  schema_name text := current_schema();
  t record;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'secretariat_writer') THEN
    IF NOT (SELECT rolcreaterole OR rolsuper FROM pg_roles WHERE rolname = current_user) THEN
      RAISE NOTICE 'secretariat: the role secretariat_writer does not exist and % may not create it: the record is kept without it', current_user;
      RETURN;
    END IF;
    BEGIN
      CREATE ROLE secretariat_writer NOLOGIN;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN
      NULL; -- another database's migration made it at the same moment
    END;
  END IF;
  EXECUTE format('GRANT CONNECT, TEMPORARY, CREATE ON DATABASE %I TO secretariat_writer', current_database());
  EXECUTE format('GRANT USAGE ON SCHEMA %I TO secretariat_writer', schema_name);
  EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA %I TO secretariat_writer', schema_name);
  EXECUTE format('GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA %I TO secretariat_writer', schema_name);
  -- Records are never deleted either: only the tables of sessions, sign-in attempts,
  -- idempotency keys and the search index lose rows.
  FOR t IN SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = schema_name AND c.relkind IN ('r', 'p')
        AND c.relname NOT IN ('signin_session', 'signin_attempt', 'api_idempotency', 'search_doc')
  LOOP
    EXECUTE format('REVOKE DELETE, TRUNCATE ON %I.%I FROM secretariat_writer', schema_name, t.relname);
  END LOOP;
  FOR t IN SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = schema_name AND c.relkind IN ('r', 'p')
        AND (c.relname IN ('journal', 'tree_hash', 'checkpoint', 'cosignature', 'account_audit') OR c.relname LIKE '%\_history')
  LOOP
    EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE ON %I.%I FROM secretariat_writer', schema_name, t.relname);
  END LOOP;
  -- verify checks the indexes with amcheck, where the database has it.
  FOR t IN SELECT p.oid::regprocedure AS fn FROM pg_proc p JOIN pg_depend d ON d.objid = p.oid AND d.deptype = 'e'
      JOIN pg_extension e ON e.oid = d.refobjid WHERE e.extname = 'amcheck' AND p.proname = 'bt_index_check'
  LOOP
    EXECUTE format('GRANT EXECUTE ON FUNCTION %s TO secretariat_writer', t.fn);
  END LOOP;
END
$roles$;
