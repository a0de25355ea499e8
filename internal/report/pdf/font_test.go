package pdf

import (
	"bytes"
	"encoding/binary"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/sfnt"

	"secretariat"
	"secretariat/internal/report"
)

// fontTable returns the offset and length of a table of a font.
func fontTable(t *testing.T, font []byte, tag string) (int, int) {
	t.Helper()
	for i := range int(binary.BigEndian.Uint16(font[4:])) {
		rec := font[12+16*i:]
		if string(rec[:4]) == tag {
			return int(binary.BigEndian.Uint32(rec[8:])), int(binary.BigEndian.Uint32(rec[12:]))
		}
	}
	t.Fatalf("the font has no %s table", tag)
	return 0, 0
}

// withoutCyrillic returns a copy of a font whose character map no longer maps the
// Cyrillic letters А–я: each format 4 segment that covers them is cut to its last
// character, and each format 12 group to its last.
func withoutCyrillic(t *testing.T, font []byte) []byte {
	t.Helper()
	font = bytes.Clone(font)
	cmapAt, _ := fontTable(t, font, "cmap")
	cmap := font[cmapAt:]
	u16 := func(b []byte, at int) int { return int(binary.BigEndian.Uint16(b[at:])) }
	u32 := func(b []byte, at int) int { return int(binary.BigEndian.Uint32(b[at:])) }
	covers := func(start, end int) bool { return start <= 0x44F && end >= 0x410 }
	done := map[int]bool{}
	for i := range u16(cmap, 2) {
		off := u32(cmap, 8+8*i)
		if done[off] {
			continue
		}
		done[off] = true
		sub := cmap[off:]
		switch u16(sub, 0) {
		case 4:
			segs := u16(sub, 6) / 2
			for s := range segs {
				end, start := u16(sub, 14+2*s), u16(sub, 16+2*segs+2*s)
				if covers(start, end) {
					cut := end // the segment keeps its last character only
					if end >= 0x450 {
						cut = 0x450 // or what follows я
					}
					binary.BigEndian.PutUint16(sub[16+2*segs+2*s:], uint16(cut))
				}
			}
		case 12:
			for g := range u32(sub, 12) {
				rec := sub[16+12*g:]
				start, end, glyph := u32(rec, 0), u32(rec, 4), u32(rec, 8)
				if covers(start, end) {
					binary.BigEndian.PutUint32(rec, uint32(end))
					binary.BigEndian.PutUint32(rec[8:], uint32(glyph+end-start))
				}
			}
		}
	}
	return font
}

// The fonts the PDF is checked with: the Go fonts (shipped with golang.org/x/image, so
// this test needs nothing installed) and, where installed, DejaVu Sans.
func TestCheckTrueType(t *testing.T) {
	ps, err := checkTrueType(goregular.TTF)
	if err != nil || ps != "GoRegular" {
		t.Errorf("Go Regular: %q, %v", ps, err)
	}
	latin := withoutCyrillic(t, goregular.TTF)
	f, err := sfnt.Parse(latin)
	if err != nil {
		t.Fatalf("the font without Cyrillic does not parse: %v", err)
	}
	var buf sfnt.Buffer
	if g, _ := f.GlyphIndex(&buf, 'A'); g == 0 {
		t.Fatal("the font without Cyrillic lost its Latin letters too")
	}
	_, err = checkTrueType(latin)
	if err == nil || !strings.Contains(err.Error(), "letters and signs the review is set in (А Б В Г Д Е Ё Ж З И Й К …)") {
		t.Errorf("a font without Cyrillic: %v", err)
	}

	damaged := bytes.Clone(goregular.TTF)
	head, _ := fontTable(t, damaged, "head")
	binary.BigEndian.PutUint16(damaged[head+52:], 7) // the glyph data format fpdf trusts
	if _, err := checkTrueType(damaged); err == nil || !strings.Contains(err.Error(), "unknown glyph format") {
		t.Errorf("an unknown glyph format: %v", err)
	}
	hhea, _ := fontTable(t, goregular.TTF, "hhea")
	damaged = bytes.Clone(goregular.TTF)
	binary.BigEndian.PutUint16(damaged[hhea+32:], 1)
	if _, err := checkTrueType(damaged); err == nil || !strings.Contains(err.Error(), "unknown metrics format") {
		t.Errorf("an unknown metrics format: %v", err)
	}
	for _, name := range []string{"", "Font", "Дежа Ву", "a b/c(d)", strings.Repeat("x", 60)} {
		if got := pdfName(name); got == "" || len(got) > 48 || strings.ContainsAny(got, " /()") {
			t.Errorf("pdfName(%q) = %q", name, got)
		}
	}

	needFont(t)
	data, err := os.ReadFile(filepath.Join(defaultFontDir, defaultRegular))
	if err != nil {
		t.Fatal(err)
	}
	if ps, err := checkTrueType(data); err != nil || ps != "DejaVuSans" {
		t.Errorf("DejaVu Sans: %q, %v", ps, err)
	}
	if _, err := checkTrueType(withoutCyrillic(t, data)); err == nil || !strings.Contains(err.Error(), "has no glyphs") {
		t.Errorf("DejaVu Sans without Cyrillic: %v", err)
	}
}

// A font without the review's letters is refused before anything is drawn, with the
// error the command line shows: what is missing, and what to install.
func TestRenderRefusesAFontWithoutCyrillic(t *testing.T) {
	path := filepath.Join(t.TempDir(), "latin.ttf")
	if err := os.WriteFile(path, withoutCyrillic(t, goregular.TTF), 0o644); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	err := Render(&buf, &report.YearReview{Year: 2019}, report.RenderOptions{FontPath: path})
	if secretariat.ErrorCode(err) != secretariat.EINVALID || !strings.Contains(err.Error(), "latin.ttf has no glyphs for") ||
		!strings.Contains(err.Error(), "fonts-dejavu-core") || buf.Len() > 0 {
		t.Errorf("%v (%d bytes written)", err, buf.Len())
	}
	// The Go font has them all, and fpdf embeds it.
	path = filepath.Join(t.TempDir(), "go.ttf")
	if err := os.WriteFile(path, goregular.TTF, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := Render(&buf, &report.YearReview{Year: 2019}, report.RenderOptions{FontPath: path, Lang: secretariat.RU}); err != nil || !bytes.HasPrefix(buf.Bytes(), []byte("%PDF")) {
		t.Errorf("the Go font: %v", err)
	}
}
