package store

import (
	"database/sql/driver"

	"modernc.org/sqlite"

	"secretariat"
)

// fold(text) is secretariat.Fold in SQL: SQLite's lower() folds ASCII only, and a filter
// on Russian text must match "Зась" with "зась". NULL and non-text values pass through.
func init() {
	sqlite.MustRegisterDeterministicScalarFunction("fold", 1, func(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
		switch v := args[0].(type) {
		case string:
			return secretariat.Fold(v), nil
		case []byte:
			return secretariat.Fold(string(v)), nil
		}
		return args[0], nil
	})
}
