// Package secretariat holds the domain of an intergovernmental organization's record:
// member states, bodies and their decision rules, sessions and agenda items, positions,
// decisions, tasks and their implementation, chairmanships, threats, operations and
// publications. It also holds the pure functions that the rest of the program relies on:
// validation, the adoption rule engine, the task workflow, figure arithmetic and the
// access policy.
//
// The package does no I/O. The store executes the verbs that change the record in
// transactions and journals them; this package decides what those verbs mean.
package secretariat
