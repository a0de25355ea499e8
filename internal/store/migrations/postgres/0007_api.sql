-- The JSON API's tables. Like the accounts (0002), they are not part of the record: no
-- verb journals them and verify does not replay them.

-- A token for automation, bound to an account. The token itself is shown once, when it
-- is made; only its SHA-256 is kept. token_id is the part of it that names it in
-- listings, the journal's actor and revocation.
CREATE TABLE api_token (
  token_id   TEXT PRIMARY KEY CHECK (length(token_id) BETWEEN 1 AND 32),
  token_hash TEXT NOT NULL UNIQUE CHECK (length(token_hash) = 64),
  account    TEXT NOT NULL REFERENCES account(login),
  scope      TEXT NOT NULL CHECK (scope IN ('read', 'write')),
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  revoked_at TEXT
);
CREATE INDEX api_token_account ON api_token(account);

-- A write remembered by its Idempotency-Key: the same key and request again returns the
-- answer built from the journal entry it wrote (seq), and writes nothing. The row is
-- written in the verb's own transaction, so that a write and its key commit together.
CREATE TABLE api_idempotency (
  token_id     TEXT NOT NULL,
  idem_key     TEXT NOT NULL CHECK (length(idem_key) BETWEEN 1 AND 255),
  request_hash TEXT NOT NULL CHECK (length(request_hash) = 64),
  seq          BIGINT NOT NULL,
  created_at   TEXT NOT NULL,
  PRIMARY KEY (token_id, idem_key)
);
CREATE INDEX api_idempotency_created ON api_idempotency(created_at);
