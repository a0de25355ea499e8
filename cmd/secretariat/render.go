package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"secretariat/internal/present"
)

// writeJSON writes v as indented JSON.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// writeFields writes path: value lines.
func writeFields(w io.Writer, fs []present.Field) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	for _, f := range fs {
		if f.Value == "" {
			continue
		}
		fmt.Fprintf(tw, "%s\t%s\n", f.Path, oneLine(f.Value, 160))
	}
	return tw.Flush()
}

// oneLine flattens newlines and cuts a value to n runes for a table cell.
func oneLine(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}
