package ui

// ru is the Russian of the interface, keyed by its English.
var ru = map[string]string{}
