package store

// CheckTreeIndependently holds a store's tree to transparency-dev/merkle, for the tests
// of package store_test, which load the demo.
var CheckTreeIndependently = checkTreeIndependently

// KeepTree turns the tree off and on, for the import benchmark's baseline.
func KeepTree(on bool) { keepTree = on }

// MeasureTree times building the tree of leaves from scratch against raw SHA-256.
var MeasureTree = measureTree

// BenchmarkProofs times inclusion proofs in a store's journal, made and checked.
var BenchmarkProofs = benchmarkProofs
