package main

import (
	"bytes"
	"fmt"
	"os"
	"slices"
	"strings"
	"time"

	"secretariat/internal/report"
	"secretariat/internal/report/pdf"
)

func init() {
	register(command{name: "report", summary: "the year in review, generated from the record: --year Y [--format md|html|pdf|json] [--lang en|ru] [--out FILE]", run: runReport})
}

func runReport(e *env, args []string) error {
	f := newFlags(e, "report", "--year YEAR [--format md|html|pdf|json] [--lang en|ru] [--out FILE] [--as-of DATE] [--viewer public] [--font FILE]").withAsOf().withViewer().withLang()
	year := f.Int("year", 0, "the year to review")
	format := f.String("format", "md", "md, html, pdf or json")
	out := f.String("out", "", "write to FILE (required for pdf)")
	font := f.String("font", "", "a Cyrillic-capable TrueType font for the PDF (default: DejaVu Sans from fonts-dejavu-core)")
	// --as-of is applied by the store, opened as of that time.
	_, st, err := f.start(args, 0, 0, func([]string) error {
		switch {
		case *year == 0:
			return usagef("--year is required")
		case !slices.Contains(report.Formats, *format):
			return usagef("--format must be one of %s", strings.Join(report.Formats, ", "))
		case *format == "pdf" && *out == "":
			return usagef("a PDF is written to a file: give --out FILE")
		}
		return nil
	})
	if err != nil {
		return err
	}
	defer st.Close()
	r, err := report.Build(e.ctx, st, *year, time.Time{}, f.reader())
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	opts := report.RenderOptions{Lang: f.language(), FontPath: *font}
	if *format == "pdf" {
		err = pdf.Render(&buf, r, opts)
	} else {
		err = report.Render(&buf, r, *format, opts)
	}
	if err != nil {
		return err
	}
	if *out == "" {
		_, err := buf.WriteTo(e.data)
		return err
	}
	if err := os.WriteFile(*out, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("writing %s: %w", *out, err)
	}
	fmt.Fprintf(e.stderr, "wrote the %d review (%s, %s) to %s\n", *year, *format, f.language(), *out)
	return nil
}
