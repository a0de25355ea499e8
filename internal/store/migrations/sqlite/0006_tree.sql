-- The transparency log over the journal. Every journal entry is a leaf of an RFC 6962
-- Merkle tree whose data is the entry's canonical bytes, as the chain hashes them.

-- The tree's stored hashes, in the order of golang.org/x/mod/sumdb/tlog
-- (StoredHashIndex): each entry's verb writes the hashes its leaf completes in its own
-- transaction, so the tree is never behind the journal, and seq names that entry.
-- Replay recomputes them; verify compares them row by row.
CREATE TABLE tree_hash (
  idx  INTEGER PRIMARY KEY,
  seq  INTEGER NOT NULL REFERENCES journal(seq),
  hash BLOB NOT NULL CHECK (length(hash) = 32)
);
CREATE TRIGGER tree_hash_no_update BEFORE UPDATE ON tree_hash BEGIN
  SELECT RAISE(ABORT, 'the tree is append-only: its hashes cannot be changed');
END;
CREATE TRIGGER tree_hash_no_delete BEFORE DELETE ON tree_hash BEGIN
  SELECT RAISE(ABORT, 'the tree is append-only: its hashes cannot be deleted');
END;

-- Signed checkpoints of the tree (C2SP tlog-checkpoint), and the member states'
-- cosignatures of them (C2SP tlog-cosignature). They are signatures over the chain, not
-- record data, so no journal entry holds them; verify checks each against the tree it
-- recomputes and against the keys that made it.
CREATE TABLE checkpoint (
  size      INTEGER PRIMARY KEY CHECK (size > 0),
  origin    TEXT NOT NULL,
  root      TEXT NOT NULL,
  note      TEXT NOT NULL,
  log_key   TEXT NOT NULL,
  signed_at TEXT NOT NULL
);
CREATE TRIGGER checkpoint_no_update BEFORE UPDATE ON checkpoint BEGIN
  SELECT RAISE(ABORT, 'checkpoints are signed once and never changed');
END;
CREATE TRIGGER checkpoint_no_delete BEFORE DELETE ON checkpoint BEGIN
  SELECT RAISE(ABORT, 'checkpoints are never deleted');
END;

CREATE TABLE cosignature (
  size        INTEGER NOT NULL REFERENCES checkpoint(size),
  state       TEXT NOT NULL REFERENCES state(id),
  witness_key TEXT NOT NULL,
  line        TEXT NOT NULL,
  cosigned_at TEXT NOT NULL,
  received_at TEXT NOT NULL,
  PRIMARY KEY (size, state)
);
CREATE TRIGGER cosignature_no_update BEFORE UPDATE ON cosignature BEGIN
  SELECT RAISE(ABORT, 'cosignatures are never changed');
END;
CREATE TRIGGER cosignature_no_delete BEFORE DELETE ON cosignature BEGIN
  SELECT RAISE(ABORT, 'cosignatures are never deleted');
END;
