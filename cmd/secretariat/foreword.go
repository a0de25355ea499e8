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
	body := secretariat.Text{Authentic: f.language()}
	title := secretariat.Text{Authentic: f.language()}
	if f.language() == secretariat.RU {
		body.RU, title.RU = text, fmt.Sprintf("Предисловие к итогам %d года", *year)
	} else {
		body.EN, title.EN = text, fmt.Sprintf("Foreword to the %d review", *year)
	}
	st, err := f.openWrite(false)
	if err != nil {
		return err
	}
	defer st.Close()
	id := fmt.Sprintf("foreword-%d-%s", *year, f.language())
	_, err = st.Publish(e.ctx, secretariat.Publication{ID: id, Kind: secretariat.Statement, Section: "foreword",
		Date: secretariat.NewDate(*year, 12, 31), Title: title, Languages: []secretariat.Lang{f.language()},
		Parts: []secretariat.PublicationPart{{Body: body}}})
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "recorded the foreword %s; `secretariat report --year %d` shows it apart from the generated text\n", id, *year)
	return nil
}
