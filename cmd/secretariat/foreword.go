package main

import (
	"fmt"
	"os"
	"strings"

	"secretariat"
)

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
	data, err := os.ReadFile(*file)
	if err != nil {
		return fmt.Errorf("reading the foreword: %w", err)
	}
	text := strings.TrimSpace(string(data))
	if text == "" {
		return fmt.Errorf("%s is empty: a foreword needs text", *file)
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
