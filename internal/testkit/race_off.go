//go:build !race

package testkit

// raceDetector says whether the test binary runs under the race detector.
const raceDetector = false
