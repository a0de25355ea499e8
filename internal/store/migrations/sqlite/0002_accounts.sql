-- Accounts and sign-in. These tables are not part of the record: no verb writes them,
-- the journal does not hash them and verify does not replay them. They keep their own
-- audit log (account_audit), which is append-only like the journal.

-- An account: one person who signs in, with one role. A delegate is bound to one
-- member state of the record.
CREATE TABLE account (
  login         TEXT PRIMARY KEY CHECK (length(login) BETWEEN 1 AND 64),
  role          TEXT NOT NULL CHECK (role IN ('admin', 'officer', 'delegate')),
  state         TEXT REFERENCES state(id),
  password_hash TEXT NOT NULL,
  created_at    TEXT NOT NULL,
  password_at   TEXT NOT NULL,
  disabled_at   TEXT,
  CHECK ((role = 'delegate') = (state IS NOT NULL))
);

-- A signed-in browser. The cookie carries a random token; only its SHA-256 is kept, so
-- that a copy of the database does not let anyone sign in.
CREATE TABLE signin_session (
  token_hash TEXT PRIMARY KEY CHECK (length(token_hash) = 64),
  account    TEXT NOT NULL REFERENCES account(login),
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
);
CREATE INDEX signin_session_account ON signin_session(account);

-- Every sign-in attempt, for rate limiting by login and by client address. Columns are
-- named login and client, not name and address: those names are kept out of the schema
-- for data about people an operation identifies (TestTheSchemaHasNoFieldForAPerson).
CREATE TABLE signin_attempt (
  id      INTEGER PRIMARY KEY,
  at      TEXT NOT NULL,
  login   TEXT NOT NULL,
  client  TEXT NOT NULL,
  ok      INTEGER NOT NULL CHECK (ok IN (0, 1))
);
CREATE INDEX signin_attempt_login ON signin_attempt(login, at);
CREATE INDEX signin_attempt_client ON signin_attempt(client, at);

-- What happened to accounts and sign-ins: created, password changed, disabled,
-- enabled, signed in, sign-in refused, sign-in throttled, signed out.
CREATE TABLE account_audit (
  seq     INTEGER PRIMARY KEY,
  at      TEXT NOT NULL,
  actor   TEXT NOT NULL,
  action  TEXT NOT NULL,
  account TEXT NOT NULL,
  client  TEXT NOT NULL DEFAULT '',
  detail  TEXT NOT NULL DEFAULT ''
);
CREATE INDEX account_audit_account ON account_audit(account, seq);

CREATE TRIGGER account_audit_no_update BEFORE UPDATE ON account_audit
BEGIN
  SELECT RAISE(ABORT, 'the account audit log is append-only: entries cannot be changed');
END;

CREATE TRIGGER account_audit_no_delete BEFORE DELETE ON account_audit
BEGIN
  SELECT RAISE(ABORT, 'the account audit log is append-only: entries cannot be deleted');
END;
