package pdf

import (
	"bytes"
	"context"
	"encoding/binary"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"secretariat/internal/testkit"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"

	"secretariat"
	"secretariat/internal/demo"
	"secretariat/internal/report"
	"secretariat/internal/store"
)

// demoReview builds the review of 2019 from the demo record, as the secretariat sees it.
func demoReview(t *testing.T) *report.YearReview {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "d.db"), store.Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := demo.Load(ctx, st, nil); err != nil {
		t.Fatal(err)
	}
	r, err := report.Build(ctx, st, 2019, time.Time{}, secretariat.Secretariat)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// needTools ends the test when poppler's tools are missing: a skip here, a failure on CI.
func needTools(t *testing.T, tools ...string) {
	t.Helper()
	for _, tool := range tools {
		testkit.NeedTool(t, tool, "poppler-utils")
	}
}

// needFont ends the test when the default font is not installed (the error it would
// give is tested on its own).
func needFont(t *testing.T) {
	t.Helper()
	for _, name := range []string{defaultRegular, defaultBold} {
		testkit.NeedFile(t, filepath.Join(defaultFontDir, name), "install fonts-dejavu-core (apt-get install fonts-dejavu-core)")
	}
}

func render(t *testing.T, r *report.YearReview, opts report.RenderOptions) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Render(&buf, r, opts); err != nil {
		t.Fatalf("Render: %v", err)
	}
	if !bytes.HasPrefix(buf.Bytes(), []byte("%PDF-")) {
		t.Fatalf("Render wrote %q…, not a PDF", buf.Bytes()[:min(buf.Len(), 20)])
	}
	return buf.Bytes()
}

func run(t *testing.T, name string, args ...string) string {
	t.Helper()
	out, err := exec.Command(name, args...).Output()
	if err != nil {
		var stderr string
		if ee, ok := err.(*exec.ExitError); ok {
			stderr = string(ee.Stderr)
		}
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, stderr)
	}
	return string(out)
}

var (
	hyphenBreak = regexp.MustCompile(`-\n\s*`)
	spaces      = regexp.MustCompile(`\s+`)
)

// normalize undoes what text extraction does to running text: line breaks (a word cut
// after its own hyphen is joined again) and runs of spaces, no-break spaces included.
func normalize(s string) string {
	s = hyphenBreak.ReplaceAllString(s, "-")
	s = strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return ' '
		}
		return r
	}, s)
	return spaces.ReplaceAllString(s, " ")
}

func TestRender(t *testing.T) {
	needFont(t)
	needTools(t, "pdftotext", "pdftoppm")
	r := demoReview(t)
	dir := testkit.Artifacts(t)
	for _, tc := range []struct {
		lang       secretariat.Lang
		want       []string
		chartTitle string
	}{
		{secretariat.EN, []string{"17 items", "all 17 were adopted", "about 600", "more than 30", "39", "all 12 had been fulfilled",
			"all 6 were fulfilled", "Chairmanship", "page 2 of ", "Records (secretariat get KIND ID):"}, "Threat levels over time"},
		{secretariat.RU, []string{"17 вопросов", "приняты все 17", "около 600", "более 30", "выполнены все 12", "выполнены все 6",
			"Председательство", "Совместные операции", "стр. 2 из ", "Записи (secretariat get KIND ID):"}, "Уровни угроз во времени"},
	} {
		t.Run(string(tc.lang), func(t *testing.T) {
			pdf := render(t, r, report.RenderOptions{Lang: tc.lang})
			file := filepath.Join(dir, "review-2019-"+string(tc.lang)+".pdf")
			if err := os.WriteFile(file, pdf, 0o644); err != nil {
				t.Fatal(err)
			}
			t.Logf("PDF: %s (%d bytes)", file, len(pdf))
			text := run(t, "pdftotext", "-layout", file, "-")
			all := normalize(text)
			for _, w := range tc.want {
				if !strings.Contains(all, w) {
					t.Errorf("the %s PDF does not say %q", tc.lang, w)
				}
			}
			// The last page's footer knows how many pages there are.
			pages := strings.Split(strings.TrimSuffix(text, "\f"), "\f")
			// The cover: the organization, the title, the year and the head hash of the
			// journal the review was built from, and no page number.
			cover := normalize(pages[0])
			for _, w := range []string{r.Organization.In(tc.lang), "2019", r.Journal.Head[:32], r.Journal.Head[32:],
				map[secretariat.Lang]string{secretariat.EN: "The year in review", secretariat.RU: "Итоги года"}[tc.lang]} {
				if !strings.Contains(cover, w) {
					t.Errorf("the %s cover does not show %q: %q", tc.lang, w, cover)
				}
			}
			if strings.Contains(cover, "page 1") || strings.Contains(cover, "стр. 1") {
				t.Errorf("the cover carries a page number")
			}
			last := normalize(pages[len(pages)-1])
			if n := len(pages); !strings.Contains(last, map[secretariat.Lang]string{secretariat.EN: "page ", secretariat.RU: "стр. "}[tc.lang]+strconv.Itoa(n)+" ") {
				t.Errorf("the last page's footer does not count %d pages: %q", n, last[max(0, len(last)-60):])
			}
			shots := map[string]int{"page1": 1}
			for i, p := range pages {
				if strings.Contains(normalize(p), tc.chartTitle) {
					shots["threats"] = i + 1
					break
				}
			}
			if shots["threats"] == 0 {
				t.Errorf("no page carries the threat chart %q", tc.chartTitle)
			}
			for name, page := range shots {
				prefix := filepath.Join(dir, "review-2019-"+string(tc.lang)+"-"+name)
				n := strconv.Itoa(page)
				run(t, "pdftoppm", "-png", "-r", "60", "-f", n, "-l", n, "-singlefile", file, prefix)
				t.Logf("page %d: %s.png", page, prefix)
			}
		})
	}
}

func TestFontsEmbeddedAsSubsets(t *testing.T) {
	needFont(t)
	needTools(t, "pdffonts")
	file := filepath.Join(t.TempDir(), "r.pdf")
	if err := os.WriteFile(file, render(t, demoReview(t), report.RenderOptions{Lang: secretariat.RU}), 0o644); err != nil {
		t.Fatal(err)
	}
	out := run(t, "pdffonts", file)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) < 3 {
		t.Fatalf("pdffonts lists no font:\n%s", out)
	}
	subset := regexp.MustCompile(`^[A-Z]{6}\+\S+$`)
	for _, l := range lines[2:] {
		// name type encoding emb sub uni object ID; the type may hold spaces, so the
		// flags are counted from the end.
		f := strings.Fields(l)
		if len(f) < 7 {
			t.Fatalf("cannot read pdffonts line %q", l)
		}
		name, emb, sub := f[0], f[len(f)-5], f[len(f)-4]
		if emb != "yes" || sub != "yes" || !subset.MatchString(name) {
			t.Errorf("font %s: embedded %s, subset %s; want an embedded subset named XXXXXX+Name\n%s", name, emb, sub, out)
		}
		if !strings.Contains(name, "DejaVuSans") {
			t.Errorf("font %s is not DejaVu Sans", name)
		}
	}
}

func TestDeterministic(t *testing.T) {
	needFont(t)
	r := demoReview(t)
	for _, lang := range []secretariat.Lang{secretariat.EN, secretariat.RU} {
		a := render(t, r, report.RenderOptions{Lang: lang})
		b := render(t, r, report.RenderOptions{Lang: lang})
		if !bytes.Equal(a, b) {
			t.Errorf("%s: two renderings of one review differ", lang)
		}
		if !bytes.Contains(a, []byte("/CreationDate (D:20191231235959)")) {
			t.Errorf("%s: the creation date is not the review's as-of time", lang)
		}
	}
}

func TestMetadata(t *testing.T) {
	needFont(t)
	needTools(t, "pdfinfo")
	r := demoReview(t)
	file := filepath.Join(t.TempDir(), "r.pdf")
	if err := os.WriteFile(file, render(t, r, report.RenderOptions{Lang: secretariat.RU}), 0o644); err != nil {
		t.Fatal(err)
	}
	info := run(t, "pdfinfo", file)
	for _, want := range []string{report.Title(r, secretariat.RU), "Author:          secretariat", "Page size:       595.28 x 841.89 pts (A4)"} {
		if !strings.Contains(info, want) {
			t.Errorf("pdfinfo does not show %q:\n%s", want, info)
		}
	}
}

func TestLinks(t *testing.T) {
	needFont(t)
	r := demoReview(t)
	web := render(t, r, report.RenderOptions{Links: func(kind, id string) string { return "https://record.example/" + kind + "/" + id }})
	if !bytes.Contains(web, []byte("/URI (https://record.example/item/csc-2019-11-28-1)")) {
		t.Error("a record is not linked to its address")
	}
	if bytes.Contains(web, []byte("secretariat get KIND ID):")) {
		t.Error("linked records are still labelled with the command")
	}
	// A relative address leads nowhere from a PDF file: the record is cited as text.
	rel := render(t, r, report.RenderOptions{Links: func(kind, id string) string { return "/" + kind + "/" + id }})
	if bytes.Contains(rel, []byte("/URI (/")) {
		t.Error("a relative address became a link")
	}
}

func TestFontErrors(t *testing.T) {
	r := &report.YearReview{Year: 2019, AsOf: "2021-08-20T12:00:00Z"}
	dir := t.TempDir()
	text := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(text, []byte("This is not a font at all, just some text.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cff := filepath.Join(dir, "cff.otf")
	if err := os.WriteFile(cff, append([]byte("OTTO"), make([]byte, 64)...), 0o644); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name, path string
		want       []string
	}{
		{"missing", filepath.Join(dir, "none.ttf"), []string{"none.ttf is missing", "fonts-dejavu-core", "--font FILE"}},
		{"directory", dir, []string{"cannot be read", "fonts-dejavu-core"}},
		{"text", text, []string{"notes.txt is not a TrueType font", "fonts-dejavu-core"}},
		{"cff", cff, []string{"PostScript (CFF) outlines"}},
	}
	if data, err := os.ReadFile(filepath.Join(defaultFontDir, defaultRegular)); err == nil {
		// A font cut short, and one whose tables are overwritten: fpdf would panic on both.
		cut := filepath.Join(dir, "cut.ttf")
		if err := os.WriteFile(cut, data[:4096], 0o644); err != nil {
			t.Fatal(err)
		}
		broken := bytes.Clone(data)
		for i := 512; i < len(broken); i += 7 {
			broken[i] ^= 0x5a
		}
		bad := filepath.Join(dir, "broken.ttf")
		if err := os.WriteFile(bad, broken, 0o644); err != nil {
			t.Fatal(err)
		}
		// Glyph offsets past the end of the glyphs: the tables look right, and fpdf
		// panics only when it cuts the subset.
		glyphs := bytes.Clone(data)
		for i := range int(binary.BigEndian.Uint16(glyphs[4:])) {
			rec := glyphs[12+16*i:]
			if string(rec[:4]) == "loca" {
				off, size := binary.BigEndian.Uint32(rec[8:]), binary.BigEndian.Uint32(rec[12:])
				for j := off + 8; j < off+size; j++ {
					glyphs[j] = 0xff
				}
			}
		}
		loca := filepath.Join(dir, "loca.ttf")
		if err := os.WriteFile(loca, glyphs, 0o644); err != nil {
			t.Fatal(err)
		}
		cases = append(cases, struct {
			name, path string
			want       []string
		}{"cut", cut, []string{"cut.ttf is damaged"}}, struct {
			name, path string
			want       []string
		}{"broken", bad, []string{"broken.ttf", "fonts-dejavu-core"}}, struct {
			name, path string
			want       []string
		}{"loca", loca, []string{"loca.ttf is damaged or of a kind fpdf cannot read", "fonts-dejavu-core"}})
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			err := Render(&buf, r, report.RenderOptions{FontPath: tc.path})
			if err == nil {
				t.Fatal("no error")
			}
			if code := secretariat.ErrorCode(err); code != secretariat.EINVALID {
				t.Errorf("error code %s, want %s: %v", code, secretariat.EINVALID, err)
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not say %q", err, w)
				}
			}
			if buf.Len() > 0 {
				t.Errorf("%d bytes written despite the error", buf.Len())
			}
		})
	}
	t.Run("default missing", func(t *testing.T) {
		old := defaultFontDir
		defaultFontDir = filepath.Join(dir, "no-such-dir")
		defer func() { defaultFontDir = old }()
		err := Render(&bytes.Buffer{}, r, report.RenderOptions{})
		want := "the PDF needs a Cyrillic TrueType font: " + filepath.Join(defaultFontDir, defaultRegular) +
			" is missing; install Debian's fonts-dejavu-core (apt-get install fonts-dejavu-core) or pass --font FILE"
		if err == nil || err.Error() != want {
			t.Errorf("error %v, want %q", err, want)
		}
	})
}

// TestOneFont renders with one font file for both faces, and a review with nothing in
// it but odd text: neither may fail.
func TestOneFont(t *testing.T) {
	needFont(t)
	r := demoReview(t)
	r.Foreword = &report.Foreword{Text: secretariat.Text{EN: "A foreword\nover two lines, with \x00 control characters, an emoji 🙂, a very-long-hyphenated-word-that-cannot-fit-on-any-line-of-this-page-at-all-however-hard-one-tries-to-make-it-fit-there and\ttabs."}}
	for i := range r.Threats.Threats {
		r.Threats.Threats[i].Name.EN += " " + strings.Repeat("long name ", 40)
	}
	// A table row taller than a page is split across pages.
	r.Threats.Threats[0].Name.EN += strings.Repeat(" very long name", 700)
	pdf := render(t, r, report.RenderOptions{FontPath: filepath.Join(defaultFontDir, defaultRegular)})
	file := filepath.Join(testkit.Artifacts(t), "review-2019-one-font.pdf")
	if err := os.WriteFile(file, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("PDF: %s", file)
	if _, err := exec.LookPath("pdffonts"); err == nil {
		if out := run(t, "pdffonts", file); strings.Count(out, "DejaVuSans") != 1 {
			t.Errorf("one font file should be embedded once:\n%s", out)
		}
	}
	empty := render(t, &report.YearReview{Year: 2019}, report.RenderOptions{Lang: secretariat.RU})
	if len(empty) == 0 {
		t.Error("an empty review gives no PDF")
	}
}

// The foreword, where there is one, follows the cover, apart from the generated text.
func TestForewordFollowsTheCover(t *testing.T) {
	needFont(t)
	needTools(t, "pdftotext")
	r := *demoReview(t)
	r.Foreword = &report.Foreword{Text: secretariat.T("Год был напряженным.", "The year was tense."), Publication: report.Ref{Kind: "publication", ID: "foreword-2019"}}
	for _, lang := range []secretariat.Lang{secretariat.EN, secretariat.RU} {
		file := filepath.Join(t.TempDir(), "r.pdf")
		if err := os.WriteFile(file, render(t, &r, report.RenderOptions{Lang: lang}), 0o644); err != nil {
			t.Fatal(err)
		}
		pages := strings.Split(run(t, "pdftotext", file, "-"), "\f")
		second := normalize(pages[1])
		heading := map[secretariat.Lang]string{secretariat.EN: "Foreword by the Secretariat The year was tense.",
			secretariat.RU: "Предисловие Секретариата Этот текст написан Секретариатом"}[lang]
		if !strings.Contains(second, strings.Fields(heading)[0]) || !strings.Contains(second, r.Foreword.Text.In(lang)) {
			t.Errorf("%s: the foreword is not on the page after the cover: %q", lang, second)
		}
	}
}
