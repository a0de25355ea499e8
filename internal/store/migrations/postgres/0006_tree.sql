-- The transparency log over the journal. Every journal entry is a leaf of an RFC 6962
-- Merkle tree whose data is the entry's canonical bytes, as the chain hashes them.

-- The tree's stored hashes, in the order of golang.org/x/mod/sumdb/tlog
-- (StoredHashIndex): each entry's verb writes the hashes its leaf completes in its own
-- transaction, so the tree is never behind the journal, and seq names that entry.
-- Replay recomputes them; verify compares them row by row.
CREATE TABLE tree_hash (
  idx  BIGINT PRIMARY KEY,
  seq  BIGINT NOT NULL REFERENCES journal(seq),
  hash BYTEA NOT NULL CHECK (length(hash) = 32)
);
CREATE TRIGGER tree_hash_no_update BEFORE UPDATE ON tree_hash FOR EACH ROW EXECUTE FUNCTION secretariat_refuse('the tree is append-only: its hashes cannot be changed');
CREATE TRIGGER tree_hash_no_delete BEFORE DELETE ON tree_hash FOR EACH ROW EXECUTE FUNCTION secretariat_refuse('the tree is append-only: its hashes cannot be deleted');

-- Signed checkpoints of the tree (C2SP tlog-checkpoint), and the member states'
-- cosignatures of them (C2SP tlog-cosignature). They are signatures over the chain, not
-- record data, so no journal entry holds them; verify checks each against the tree it
-- recomputes and against the keys that made it.
CREATE TABLE checkpoint (
  size      BIGINT PRIMARY KEY CHECK (size > 0),
  origin    TEXT NOT NULL,
  root      TEXT NOT NULL,
  note      TEXT NOT NULL,
  log_key   TEXT NOT NULL,
  signed_at TEXT NOT NULL
);
CREATE TRIGGER checkpoint_no_update BEFORE UPDATE ON checkpoint FOR EACH ROW EXECUTE FUNCTION secretariat_refuse('checkpoints are signed once and never changed');
CREATE TRIGGER checkpoint_no_delete BEFORE DELETE ON checkpoint FOR EACH ROW EXECUTE FUNCTION secretariat_refuse('checkpoints are never deleted');

CREATE TABLE cosignature (
  size        BIGINT NOT NULL REFERENCES checkpoint(size),
  state       TEXT NOT NULL REFERENCES state(id),
  witness_key TEXT NOT NULL,
  line        TEXT NOT NULL,
  cosigned_at TEXT NOT NULL,
  received_at TEXT NOT NULL,
  PRIMARY KEY (size, state)
);
CREATE TRIGGER cosignature_no_update BEFORE UPDATE ON cosignature FOR EACH ROW EXECUTE FUNCTION secretariat_refuse('cosignatures are never changed');
CREATE TRIGGER cosignature_no_delete BEFORE DELETE ON cosignature FOR EACH ROW EXECUTE FUNCTION secretariat_refuse('cosignatures are never deleted');
CREATE TRIGGER tree_hash_no_truncate BEFORE TRUNCATE ON tree_hash FOR EACH STATEMENT EXECUTE FUNCTION secretariat_refuse('tree_hash cannot be emptied');
CREATE TRIGGER checkpoint_no_truncate BEFORE TRUNCATE ON checkpoint FOR EACH STATEMENT EXECUTE FUNCTION secretariat_refuse('checkpoint cannot be emptied');
CREATE TRIGGER cosignature_no_truncate BEFORE TRUNCATE ON cosignature FOR EACH STATEMENT EXECUTE FUNCTION secretariat_refuse('cosignature cannot be emptied');
