package main

import (
	"fmt"
	"io"
	"os"
	"strings"

	"secretariat"
	"secretariat/internal/safetext"
)

// maxForewordBytes is the longest text the record keeps (see secretariat.Text).
const maxForewordBytes = 200_000

// readForeword reads the foreword's file, refusing one longer than the record keeps
// before reading all of it.
func readForeword(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("reading the foreword: %w", err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxForewordBytes+1))
	if err != nil {
		return nil, fmt.Errorf("reading the foreword: %w", err)
	}
	if len(data) > maxForewordBytes {
		return nil, fmt.Errorf("%s is longer than %d bytes, the most a text of the record holds; nothing was written", path, maxForewordBytes)
	}
	return data, nil
}

func init() {
	register(command{name: "foreword", summary: "record the secretariat's edited foreword to a year's review, kept apart from the generated text", run: runForeword,
		stopped: "nothing was written: recording the foreword is one transaction, and it was rolled back"})
}

func runForeword(e *env, args []string) error {
	f := newFlags(e, "foreword", "--year YEAR --file FILE [--lang ru|en]").withLang()
	year := f.Int("year", 0, "the year the foreword introduces")
	file := f.String("file", "", "a UTF-8 text file with the foreword")
	if _, err := f.parse(args, 0, 0); err != nil {
		return err
	}
	if *year < 1900 || *year > 2200 || *file == "" {
		return usagef("give --year and --file")
	}
	data, err := readForeword(*file)
	if err != nil {
		return err
	}
	text := strings.TrimSpace(strings.ReplaceAll(string(data), "\r\n", "\n"))
	if text == "" {
		return fmt.Errorf("%s is empty: a foreword needs text", *file)
	}
	if line, p := safetext.LineProblem(text); p != "" {
		return fmt.Errorf("%s line %d: %s; nothing was written", *file, line, p)
	}
	st, err := f.openWrite(false)
	if err != nil {
		return err
	}
	defer st.Close()
	fw := secretariat.Foreword(*year, f.language(), text)
	_, err = st.Publish(e.ctx, fw)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "recorded the foreword %s; `secretariat report --year %d` shows it apart from the generated text\n", fw.ID, *year)
	return nil
}
