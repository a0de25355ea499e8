package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"runtime"
	"strings"
	"time"

	sqlite3 "modernc.org/sqlite/lib"

	"secretariat"
)

// Options configure Open.
type Options struct {
	// Create makes a new database when the file does not exist, and migrates an existing
	// one to the newest schema. Without it, Open refuses a missing file and an older
	// schema, and never changes the file's schema.
	Create bool
	// ReadOnly opens only readers: nothing can be written.
	ReadOnly bool
	// Clock gives the time of journal entries; time.Now when nil.
	Clock func() time.Time
	// ReadDB is a streaming replica of a PostgreSQL primary to read from (replica.go).
	ReadDB string
	// BusyTimeout is how long to wait for another process's lock; 5 s when zero.
	BusyTimeout time.Duration
	// Actor names who writes, in journal entries: "cli", "demo", a user name.
	Actor string
}

// Store is an open record.
type Store struct {
	path    string
	writer  *db // one connection: SQLite has one writer at a time
	readers *db
	opts    Options
	clock   func() time.Time
	// closer replaces Close for stores that own temporary files (AsOf).
	closer func() error
	// batch, when set, is the one transaction all verbs of a Batch run in.
	batch *batch
	// d is the dialect of the database.
	d dialect
	// primaryReads, on a store whose reads go to a replica, reads the primary: for a
	// reader who must see a write the replica has not replayed yet (replica.go).
	primaryReads *db
	*replicaState
	// past is set on a store that reads the record as of journal entry asOf (AsOf).
	past bool
	asOf int64
	// columns are the filterable columns of each kind's table (filterColumns).
	columns map[string]map[string]string
	// tableColumns are every column of each kind's table, in order.
	tableColumns map[string][]string
}

// batch is the state a Batch shares among its verbs: the transaction, prepared
// statements, and the member states, which a long import reads for every roll call.
type batch struct {
	tx     *sqlTx
	stmts  map[string]*sql.Stmt
	states map[string]*secretariat.MemberState // nil until loaded; cleared when a state is written
	bodies map[string]*secretariat.Body        // bodies read by the batch's verbs; cleared when a body is written
	// known holds records seen to exist by verbs that completed: records are never
	// deleted, so a record once known stays known for the rest of the batch.
	known map[string]bool
	// abandoned is set when a verb failed after it had written: its writes cannot be
	// taken back alone, so the whole batch is rolled back.
	abandoned error
}

// Path returns the database file's path.
func (s *Store) Path() string { return s.path }

// Open opens the record at path. It never writes to a file it cannot recognize as a
// secretariat database: a missing file (without Create), a file that is not SQLite, a
// SQLite file of another application, a corrupt file or a newer schema are refused with
// a message that says what to do.
func Open(ctx context.Context, path string, opts Options) (*Store, error) {
	if opts.BusyTimeout == 0 {
		opts.BusyTimeout = 5 * time.Second
	}
	if IsPostgres(path) {
		return openPostgres(ctx, path, opts)
	}
	fresh, err := checkFile(path, opts.Create)
	if err != nil {
		return nil, err
	}
	if !fresh {
		if err := checkExisting(ctx, path, opts); err != nil {
			return nil, err
		}
	}
	// The actor goes into hashed journal entries: keep it valid UTF-8, so that every JSON
	// library reads it back as it was hashed.
	opts.Actor = strings.ToValidUTF8(opts.Actor, "\uFFFD")
	if opts.ReadDB != "" {
		return nil, secretariat.Errorf(secretariat.EINVALID, "a replica to read from (--read-db) is for a PostgreSQL record; %s is a SQLite file", path)
	}
	s := &Store{path: path, opts: opts, clock: opts.Clock, d: sqliteDialect{}, replicaState: new(replicaState)}
	if s.clock == nil {
		s.clock = time.Now
	}
	if !opts.ReadOnly {
		if fresh {
			// Create the file; mode=rw would refuse a missing one. Another process may
			// have created it since it was looked at: then it is that process's new
			// database, and the migration below waits for it and finds the work done.
			f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o640)
			switch {
			case errors.Is(err, fs.ErrExist):
				if err := checkExisting(ctx, path, opts); err != nil {
					return nil, err
				}
			case err != nil:
				return nil, fmt.Errorf("creating %s: %w", path, err)
			default:
				f.Close()
			}
		}
		pool, err := sql.Open("sqlite", dsn(path, false, opts.BusyTimeout))
		if err != nil {
			return nil, fmt.Errorf("opening %s: %w", path, err)
		}
		pool.SetMaxOpenConns(1)
		pool.SetConnMaxIdleTime(0)
		s.writer = &db{pool: pool, d: s.d}
		if err := whileBusy(ctx, opts.BusyTimeout, func() error {
			_, err := s.writer.ExecContext(ctx, "PRAGMA journal_mode=WAL")
			return err
		}); err != nil {
			s.Close()
			return nil, classify(err, "opening "+path)
		}
		if opts.Create {
			if err := migrate(ctx, s.writer); err != nil {
				s.Close()
				return nil, err
			}
		}
	}
	pool, err := sql.Open("sqlite", dsn(path, true, opts.BusyTimeout))
	if err != nil {
		s.Close()
		return nil, fmt.Errorf("opening %s for reading: %w", path, err)
	}
	pool.SetMaxOpenConns(max(4, runtime.NumCPU()))
	s.readers = &db{pool: pool, d: s.d}
	if err := whileBusy(ctx, opts.BusyTimeout, func() error { return s.readers.PingContext(ctx) }); err != nil {
		s.Close()
		return nil, classify(err, "opening "+path)
	}
	if s.columns, s.tableColumns, err = filterColumns(ctx, s.readers, s.d); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// checkFile looks at the file before SQLite does. It reports whether the database is
// to be created.
func checkFile(path string, create bool) (fresh bool, err error) {
	fi, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		if !create {
			return false, secretariat.Errorf(secretariat.ENOTFOUND,
				"there is no database at %s: create one with `secretariat init --db %s` (or load the demo with `secretariat demo --db %s`)", path, path, path)
		}
		return true, nil
	}
	if err != nil {
		return false, fmt.Errorf("looking at %s: %w", path, err)
	}
	if fi.IsDir() {
		return false, secretariat.Errorf(secretariat.EINVALID, "%s is a directory, not a database file", path)
	}
	f, err := os.Open(path)
	if err != nil {
		return false, secretariat.Errorf(secretariat.EINVALID, "cannot read %s: %v", path, err)
	}
	defer f.Close()
	head := make([]byte, len(sqliteHeader))
	n, err := io.ReadFull(f, head)
	if n == 0 && (err == io.EOF || err == io.ErrUnexpectedEOF) {
		if !create {
			return false, secretariat.Errorf(secretariat.EINVALID, "%s is empty, not a secretariat database: run `secretariat init --db %s`", path, path)
		}
		return false, nil
	}
	if string(head[:n]) != sqliteHeader {
		return false, secretariat.Errorf(secretariat.EINVALID,
			"%s is not a secretariat database (it is not a SQLite file); secretariat will not touch it", path)
	}
	return false, nil
}

// whileBusy runs fn again while SQLite answers that the file is busy, for up to timeout.
// Switching a new file to WAL, and a first connection to a WAL file whose index another
// process is still setting up, are answered SQLITE_BUSY at once, without the busy
// handler's wait: two processes creating the same file would otherwise see one of them
// refused instead of waiting for the other, as every other statement waits.
func whileBusy(ctx context.Context, timeout time.Duration, fn func() error) error {
	deadline := time.Now().Add(timeout)
	for {
		err := fn()
		code := sqliteCode(err) & 0xff
		if err == nil || (code != sqlite3.SQLITE_BUSY && code != sqlite3.SQLITE_LOCKED) || time.Now().After(deadline) {
			return err
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(10 * time.Millisecond):
		}
	}
}

// checkExisting checks an existing file before it is opened for writing. A file whose
// creator was killed in its first transaction, before the database took WAL mode, has a
// hot rollback journal that only a writing connection can roll back: a command that may
// write (init, demo, an import) rolls it back first; a read-only one says what to run.
func checkExisting(ctx context.Context, path string, opts Options) error {
	err := checkDatabase(ctx, path, opts)
	if sqliteCode(err) != sqlite3.SQLITE_READONLY_ROLLBACK {
		return err
	}
	if opts.ReadOnly {
		return secretariat.Errorf(secretariat.EINVALID, "%s was left by a process killed while it wrote: run `secretariat init --db %s` to recover it", path, path)
	}
	db, oerr := sql.Open("sqlite", dsn(path, false, opts.BusyTimeout))
	if oerr != nil {
		return fmt.Errorf("recovering %s: %w", path, oerr)
	}
	var n int
	rerr := db.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_master").Scan(&n)
	db.Close()
	if rerr != nil {
		return classify(rerr, "recovering "+path)
	}
	return checkDatabase(ctx, path, opts)
}

// checkDatabase opens an existing file read-only and checks that it is ours and not newer
// than this program, before anything opens it for writing.
func checkDatabase(ctx context.Context, path string, opts Options) error {
	db, err := sql.Open("sqlite", dsn(path, true, opts.BusyTimeout))
	if err != nil {
		return fmt.Errorf("opening %s: %w", path, err)
	}
	defer db.Close()
	var appID, tables int
	if err := db.QueryRowContext(ctx, "PRAGMA application_id").Scan(&appID); err != nil {
		return classify(err, "reading "+path)
	}
	if err := db.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_master").Scan(&tables); err != nil {
		return classify(err, "reading "+path)
	}
	switch {
	case appID == applicationID:
	case tables == 0 && opts.Create:
		return nil // an empty SQLite file becomes a new record
	case appID == 0 && tables == 0:
		return secretariat.Errorf(secretariat.EINVALID, "%s is an empty SQLite file, not a secretariat database: run `secretariat init --db %s`", path, path)
	default:
		return secretariat.Errorf(secretariat.EINVALID,
			"%s is a SQLite database of another application (application_id %#x), not a secretariat database; secretariat will not touch it", path, appID)
	}
	have, err := schemaVersion(ctx, db)
	if err != nil {
		return classify(err, "reading the schema version of "+path)
	}
	know := SchemaVersion()
	if have > know {
		return newerSchemaError(have, know)
	}
	if have < know && (!opts.Create || opts.ReadOnly) {
		return secretariat.Errorf(secretariat.EINVALID,
			"%s has schema version %d, older than this program's %d: upgrade it with `secretariat init --db %s`", path, have, know, path)
	}
	return nil
}

// Close closes the database.
func (s *Store) Close() error {
	if s.closer != nil {
		return s.closer()
	}
	var errs []error
	if s.writer != nil {
		if s.d.name() == "sqlite" {
			// Fold the WAL back into the main file so the database is one file at rest.
			s.writer.Exec("PRAGMA wal_checkpoint(TRUNCATE)")
		}
		errs = append(errs, s.writer.Close())
	}
	if s.readers != nil && s.readers != s.writer {
		errs = append(errs, s.readers.Close())
	}
	if s.primaryReads != nil && s.primaryReads != s.writer {
		errs = append(errs, s.primaryReads.Close())
	}
	return errors.Join(errs...)
}

// WithClock returns a store that shares s's connections but stamps journal entries with
// clock. The demo loader uses it to record a past year as it happened.
func (s *Store) WithClock(clock func() time.Time) *Store {
	c := *s
	c.clock = clock
	return &c
}

// WithActor returns a store that shares s's connections but names actor in journal entries.
func (s *Store) WithActor(actor string) *Store {
	c := *s
	c.opts.Actor = strings.ToValidUTF8(actor, "\uFFFD")
	return &c
}
