package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" driver for database/sql

	"secretariat"
)

// IsPostgres reports whether a --db value names a PostgreSQL database (a postgres:// or
// postgresql:// URL) rather than a SQLite file.
func IsPostgres(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

// redactURL returns a database URL without its password, for messages and Path.
func redactURL(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil {
		return "postgres://…"
	}
	if _, has := u.User.Password(); has {
		u.User = url.UserPassword(u.User.Username(), "xxxxx")
	}
	return u.String()
}

// openPostgres opens the record in a PostgreSQL database. Several processes may open
// the same database: each write takes an advisory lock for its transaction, so that
// the journal stays one unbroken chain whoever appends to it.
func openPostgres(ctx context.Context, dsn string, opts Options) (*Store, error) {
	opts.Actor = strings.ToValidUTF8(opts.Actor, "\uFFFD")
	s := &Store{path: redactURL(dsn), opts: opts, clock: opts.Clock, d: postgresDialect{}, replicaState: new(replicaState)}
	if s.clock == nil {
		s.clock = time.Now
	}
	h, err := openPool(ctx, dsn, s.d)
	if err != nil {
		return nil, err
	}
	s.readers = h
	if !opts.ReadOnly {
		s.writer = h
	}
	if err := s.checkPostgres(ctx, opts); err != nil {
		h.Close()
		return nil, err
	}
	if opts.Create && !opts.ReadOnly {
		if err := migrate(ctx, h); err != nil {
			h.Close()
			return nil, err
		}
	}
	if opts.ReadDB != "" {
		if !IsPostgres(opts.ReadDB) {
			h.Close()
			return nil, secretariat.Errorf(secretariat.EINVALID, "--read-db %s is not a PostgreSQL URL: a replica is read with postgres://…", opts.ReadDB)
		}
		replica, err := openPool(ctx, opts.ReadDB, s.d)
		if err != nil {
			h.Close()
			return nil, err
		}
		s.readers, s.primaryReads = replica, h
	}
	// The schema as the primary has it: a replica may not have replayed a migration yet.
	if s.columns, s.tableColumns, err = filterColumns(ctx, s.primary(), s.d); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// openPool connects a pool to a PostgreSQL URL and checks that the server answers.
func openPool(ctx context.Context, dsn string, d dialect) (*db, error) {
	pool, err := sql.Open("pgx", dsn)
	if err != nil {
		return nil, secretariat.Errorf(secretariat.EINVALID, "%s is not a PostgreSQL URL: %v", redactURL(dsn), err)
	}
	pool.SetMaxOpenConns(16)
	pool.SetConnMaxIdleTime(5 * time.Minute)
	h := &db{pool: pool, d: d}
	if err := pool.PingContext(ctx); err != nil {
		pool.Close()
		return nil, classify(err, "connecting to "+redactURL(dsn))
	}
	return h, nil
}

// checkPostgres refuses a database that holds tables of another application, or a
// schema newer than this program, and one older unless the store may migrate it.
func (s *Store) checkPostgres(ctx context.Context, opts Options) error {
	var tables, ours int
	err := s.readers.QueryRowContext(ctx, `SELECT count(*), count(*) FILTER (WHERE table_name = 'schema_migrations')
		FROM information_schema.tables WHERE table_schema = current_schema()`).Scan(&tables, &ours)
	if err != nil {
		return classify(err, "reading the schema of "+s.path)
	}
	switch {
	case tables == 0 && !opts.Create:
		return secretariat.Errorf(secretariat.ENOTFOUND, "there is no record in %s: create one with `secretariat init --db %s`", s.path, s.path)
	case tables == 0:
		return nil
	case ours == 0:
		return secretariat.Errorf(secretariat.EINVALID, "%s holds tables of another application, not a secretariat record; secretariat will not touch it", s.path)
	}
	have, err := schemaVersion(ctx, s.readers)
	if err != nil {
		return classify(err, "reading the schema version of "+s.path)
	}
	know := SchemaVersion()
	if have > know {
		return newerSchemaError(have, know)
	}
	if have < know && (!opts.Create || opts.ReadOnly) {
		return secretariat.Errorf(secretariat.EINVALID,
			"%s has schema version %d, older than this program's %d: upgrade it with `secretariat init --db %s`", s.path, have, know, s.path)
	}
	return nil
}

// journalLock is the advisory lock key every write on PostgreSQL takes for its
// transaction: appends to the journal happen one at a time, whichever server makes them.
const journalLock = 0x53454352_4a524e4c // "SECRJRNL"

// classifyPostgres turns a PostgreSQL error into an application error by its SQLSTATE,
// never by its message.
func classifyPostgres(pe *pgconn.PgError, doing string, err error) error {
	switch {
	case pe.Code == "23505": // unique_violation
		return secretariat.Errorf(secretariat.ECONFLICT, "%s: a record with the same key already exists", doing)
	case pe.Code == "23503": // foreign_key_violation
		return secretariat.Errorf(secretariat.EINVALID, "%s: the record refers to a record that does not exist", doing)
	case pe.Code == "23000": // integrity_constraint_violation, raised by secretariat_refuse
		return secretariat.Errorf(secretariat.EFORBIDDEN, "%s: %s", doing, pe.Message)
	case pe.Code == "25006": // read_only_sql_transaction
		return secretariat.Errorf(secretariat.EFORBIDDEN, "%s: the database is read-only", doing)
	case pe.Code == "40001" || pe.Code == "40P01" || pe.Code == "55P03": // serialization, deadlock, lock not available
		return secretariat.Errorf(secretariat.ECONFLICT, "%s: the database is busy with another writer; try again", doing)
	case pe.Code == "53100": // disk_full
		return secretariat.Errorf(secretariat.EINTERNAL, "%s: the database server's disk is full", doing)
	case strings.HasPrefix(pe.Code, "08") || pe.Code == "28P01" || pe.Code == "3D000": // connection, password, no database
		return secretariat.Errorf(secretariat.EINVALID, "%s: %s", doing, pe.Message)
	}
	return fmt.Errorf("%s: %w", doing, err)
}

// isPgError returns the PostgreSQL error in err, if there is one.
func isPgError(err error) (*pgconn.PgError, bool) {
	var pe *pgconn.PgError
	return pe, errors.As(err, &pe)
}
