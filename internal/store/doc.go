// Package store is the only package that speaks SQL. It keeps the record in one table
// per kind of record (the record's canonical JSON and columns generated from it), runs
// every verb as one transaction that appends one hash-chained journal entry, and
// answers the questions the record is kept for.
//
// SQLite is the embedded default: one file in WAL mode, one writer connection and a
// pool of readers. The differences a second database would bring (placeholders, error
// codes, full-text search) are kept in dialect.go.
package store
