package report

import (
	"strings"

	"secretariat"
	"secretariat/internal/chart"
)

// Document is a review composed for reading in one language: its words, tables and
// charts in order. Markdown, HTML and PDF all draw the same Document, so they cannot
// say different things.
type Document struct {
	Lang  secretariat.Lang
	Title string
	Cover Cover
	// Provenance says what the review was built from.
	Provenance []Span
	Foreword   *ForewordPart
	Sections   []Section
}

// Cover is what the title page of a printed review shows.
type Cover struct {
	Organization string
	Title        string
	Year         string
	// Lines are the record's identification: the day of the record, its journal
	// entry and head hash, the reader.
	Lines []CoverLine
}

// CoverLine is a labelled line of the cover.
type CoverLine struct {
	Label, Value string
	// Mono sets the value in a fixed-width face (a hash).
	Mono bool
}

// ForewordPart is the secretariat's foreword, set apart from the generated text.
type ForewordPart struct {
	Heading, Note, Text string
}

// Section is one part of the review.
type Section struct {
	ID      string
	Heading string
	Blocks  []Block
	// Records are the records behind the section's figures, for the reader to check.
	Records []Ref
}

// BlockKind is what a block is.
type BlockKind int

// Kinds of block.
const (
	// Para is a paragraph; Lead, when set, starts it in bold.
	Para BlockKind = iota
	// List is a list of paragraphs, each with an optional bold lead.
	List
	// TableBlock is a table.
	TableBlock
	// ChartBlock is a chart.
	ChartBlock
	// Small is a paragraph in small print: notes, how to read.
	Small
)

// Block is one paragraph, list, table or chart.
type Block struct {
	Kind  BlockKind
	Lead  string
	Spans []Span
	Items []Item
	Table *Table
	Chart *chart.Scene
}

// Item is one entry of a list.
type Item struct {
	Lead  string
	Spans []Span
}

// Span is a run of text, plain, linked or set as code.
type Span struct {
	Text string
	// Href links the text to an address.
	Href string
	// Code sets the text as a command to type.
	Code bool
}

// Table is a table with a caption, column heads and rows.
type Table struct {
	Caption string
	Columns []Column
	Rows    []Row
}

// Column is a table column: its head, its share of the width, and whether its figures
// are set flush right.
type Column struct {
	Head  string
	Share float64
	Right bool
}

// Row is a table row. Marked sets a row apart: a figure shown beside the counted one, an
// overdue task.
type Row struct {
	Cells  []string
	Marked bool
}

// Text returns the block's words as plain text, spans joined.
func (b Block) Text() string { return spansText(b.Spans) }

func spansText(spans []Span) string {
	var sb strings.Builder
	for _, s := range spans {
		sb.WriteString(s.Text)
	}
	return sb.String()
}

// plain is a span list of one plain text.
func plain(s string) []Span { return []Span{{Text: s}} }

// para is a paragraph of plain text.
func para(s string) Block { return Block{Kind: Para, Spans: plain(s)} }

// sentences joins sentences with spaces, leaving out empty ones.
func sentences(ss ...string) string {
	var out []string
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return strings.Join(out, " ")
}
