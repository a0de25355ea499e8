package store

import (
	"context"
	"database/sql"
)

// Every statement of the store passes through these handles, so that the dialect can
// rewrite it: the store writes SQL with ? placeholders, which PostgreSQL numbers ($1, $2…).
// They wrap database/sql's handles one for one.

// db is a pool of connections to the record.
type db struct {
	pool *sql.DB
	d    dialect
}

func (h *db) ExecContext(ctx context.Context, q string, args ...any) (sql.Result, error) {
	return h.pool.ExecContext(ctx, h.d.rebind(q), args...)
}

func (h *db) QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	return h.pool.QueryContext(ctx, h.d.rebind(q), args...)
}

func (h *db) QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row {
	return h.pool.QueryRowContext(ctx, h.d.rebind(q), args...)
}

// Exec, Query and QueryRow are the context-free forms, for tests.
func (h *db) Exec(q string, args ...any) (sql.Result, error) {
	return h.ExecContext(context.Background(), q, args...)
}

func (h *db) Query(q string, args ...any) (*sql.Rows, error) {
	return h.QueryContext(context.Background(), q, args...)
}

func (h *db) QueryRow(q string, args ...any) *sql.Row {
	return h.QueryRowContext(context.Background(), q, args...)
}

func (h *db) BeginTx(ctx context.Context, opts *sql.TxOptions) (*sqlTx, error) {
	tx, err := h.pool.BeginTx(ctx, opts)
	if err != nil {
		return nil, err
	}
	return &sqlTx{tx: tx, d: h.d}, nil
}

func (h *db) Conn(ctx context.Context) (*sqlConn, error) {
	c, err := h.pool.Conn(ctx)
	if err != nil {
		return nil, err
	}
	return &sqlConn{c: c, d: h.d}, nil
}

func (h *db) PingContext(ctx context.Context) error { return h.pool.PingContext(ctx) }
func (h *db) Close() error                          { return h.pool.Close() }

// sqlTx is a transaction.
type sqlTx struct {
	tx *sql.Tx
	d  dialect
}

func (t *sqlTx) ExecContext(ctx context.Context, q string, args ...any) (sql.Result, error) {
	return t.tx.ExecContext(ctx, t.d.rebind(q), args...)
}

func (t *sqlTx) QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	return t.tx.QueryContext(ctx, t.d.rebind(q), args...)
}

func (t *sqlTx) QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row {
	return t.tx.QueryRowContext(ctx, t.d.rebind(q), args...)
}

func (t *sqlTx) PrepareContext(ctx context.Context, q string) (*sql.Stmt, error) {
	return t.tx.PrepareContext(ctx, t.d.rebind(q))
}

func (t *sqlTx) Commit() error   { return t.tx.Commit() }
func (t *sqlTx) Rollback() error { return t.tx.Rollback() }

// sqlConn is one connection taken from a pool.
type sqlConn struct {
	c *sql.Conn
	d dialect
}

func (c *sqlConn) ExecContext(ctx context.Context, q string, args ...any) (sql.Result, error) {
	return c.c.ExecContext(ctx, c.d.rebind(q), args...)
}

func (c *sqlConn) QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	return c.c.QueryContext(ctx, c.d.rebind(q), args...)
}

func (c *sqlConn) QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row {
	return c.c.QueryRowContext(ctx, c.d.rebind(q), args...)
}

func (c *sqlConn) BeginTx(ctx context.Context, opts *sql.TxOptions) (*sqlTx, error) {
	tx, err := c.c.BeginTx(ctx, opts)
	if err != nil {
		return nil, err
	}
	return &sqlTx{tx: tx, d: c.d}, nil
}

func (c *sqlConn) Close() error { return c.c.Close() }
