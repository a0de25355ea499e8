package pdf

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"codeberg.org/go-pdf/fpdf"
	"golang.org/x/image/font/sfnt"

	"secretariat"
)

// defaultFontDir is where Debian's fonts-dejavu-core puts DejaVu Sans. A variable so
// that tests can point it elsewhere.
var defaultFontDir = "/usr/share/fonts/truetype/dejavu"

// The default faces, in defaultFontDir.
const (
	defaultRegular = "DejaVuSans.ttf"
	defaultBold    = "DejaVuSans-Bold.ttf"
)

// fontSet is the faces the document is set in. bold is nil when the caller gave one font
// file for everything: bold is then faked by stroking the regular face.
type fontSet struct {
	regular, bold *face
}

// face is one TrueType font file, checked and ready to register with fpdf.
type face struct {
	path string
	data []byte
	// ps is the font's PostScript name, reduced to the characters a PDF name may hold.
	ps string
	// family is the name the face is registered under in fpdf. fpdf writes the font's
	// name into the PDF as "utf8" + family; the name is chosen so that it has exactly
	// the length of the subset name tagSubsets puts in its place.
	family string
}

func (s *fontSet) faces() []*face {
	if s.bold == nil {
		return []*face{s.regular}
	}
	return []*face{s.regular, s.bold}
}

// loadFonts reads and checks the fonts: path for both faces, or DejaVu Sans and DejaVu
// Sans Bold when path is empty.
func loadFonts(path string) (*fontSet, error) {
	regular, bold := filepath.Join(defaultFontDir, defaultRegular), filepath.Join(defaultFontDir, defaultBold)
	if path != "" {
		regular, bold = path, ""
	}
	var set fontSet
	var err error
	if set.regular, err = readFace(regular, "sr"); err != nil {
		return nil, err
	}
	if bold != "" {
		if set.bold, err = readFace(bold, "sb"); err != nil {
			return nil, err
		}
	}
	for _, fc := range set.faces() {
		if err := fc.try(); err != nil {
			return nil, err
		}
	}
	return &set, nil
}

// fontHelp ends every font error with what to do about it.
const fontHelp = "install Debian's fonts-dejavu-core (apt-get install fonts-dejavu-core) or pass --font FILE"

// readFace reads and checks a font file. prefix starts the fpdf family name, which must
// differ between faces.
func readFace(path, prefix string) (*face, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, secretariat.Errorf(secretariat.EINVALID, "the PDF needs a Cyrillic TrueType font: %s is missing; %s", path, fontHelp)
		}
		return nil, secretariat.Errorf(secretariat.EINVALID, "the PDF needs a Cyrillic TrueType font: %s cannot be read (%v); %s", path, err, fontHelp)
	}
	ps, err := checkTrueType(data)
	if err != nil {
		return nil, secretariat.Errorf(secretariat.EINVALID, "the PDF needs a Cyrillic TrueType font: %s %v; %s", path, err, fontHelp)
	}
	return &face{path: path, data: data, ps: ps, family: prefix + strings.Repeat("x", 1+len(ps))}, nil
}

// try sets a line of Latin and Cyrillic text in the face and writes the document away.
// fpdf parses a font piecemeal and may panic on a damaged one, at registration or only
// when it cuts the subset on output; trying first lets that be reported as a font error
// rather than as a failed rendering.
func (fc *face) try() (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = secretariat.Errorf(secretariat.EINVALID, "the PDF needs a Cyrillic TrueType font: %s is damaged or of a kind fpdf cannot read (%v); %s", fc.path, p, fontHelp)
		}
	}()
	f := fpdf.New("P", "pt", "A4", "")
	if err := fc.register(f); err != nil {
		return err
	}
	f.AddPage()
	f.SetFont(fc.family, "", 10)
	f.Text(10, 10, "Aa Zz 0123456789 Жж Яя")
	if err := f.Output(io.Discard); err != nil {
		return secretariat.Errorf(secretariat.EINVALID, "the PDF needs a Cyrillic TrueType font: fpdf cannot use %s (%v); %s", fc.path, err, fontHelp)
	}
	return nil
}

// register adds the face to a document.
func (fc *face) register(f *fpdf.Fpdf) error {
	f.AddUTF8FontFromBytes(fc.family, "", fc.data)
	if err := f.Error(); err != nil {
		return secretariat.Errorf(secretariat.EINVALID, "the PDF needs a Cyrillic TrueType font: fpdf cannot use %s (%v); %s", fc.path, err, fontHelp)
	}
	// fpdf reports some parse failures only on standard output and then leaves the font
	// out; a face it did not keep has no metrics.
	if d := f.GetFontDesc(fc.family, ""); d.Ascent == 0 && d.Descent == 0 && d.CapHeight == 0 {
		return secretariat.Errorf(secretariat.EINVALID, "the PDF needs a Cyrillic TrueType font: fpdf could not load %s; %s", fc.path, fontHelp)
	}
	return nil
}

// register adds the set's faces to a document.
func (s *fontSet) register(f *fpdf.Fpdf) error {
	for _, fc := range s.faces() {
		if err := fc.register(f); err != nil {
			return err
		}
	}
	return nil
}

// reviewRunes are the letters, digits and signs the review is set in: the Russian and
// Latin alphabets, and the punctuation of its fixed wording. A font must have a glyph for
// each; text beyond them (a name in another script, an emoji) is set in whatever glyph
// the font has.
const reviewRunes = "АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдеёжзийклмнопрстуфхцчшщъыьэюя" +
	"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789" +
	".,:;!?()[]%+-–—«»“”„№…·/"

// checkTrueType checks that data is a TrueType font fpdf can embed and that has a glyph
// for each of reviewRunes, and returns its PostScript name. The font is parsed and checked
// by golang.org/x/image/font/sfnt; fpdf itself only prints a complaint about a file that is
// not a font, and indexes past the end of a damaged one.
func checkTrueType(data []byte) (string, error) {
	if len(data) >= 4 {
		// sfnt reads these too; fpdf cannot embed them, and the reader should hear why.
		switch string(data[:4]) {
		case "OTTO":
			return "", errors.New("is an OpenType font with PostScript (CFF) outlines, which fpdf cannot embed: a TrueType (.ttf) font is needed")
		case "ttcf":
			return "", errors.New("is a TrueType collection (.ttc): a single TrueType (.ttf) font is needed")
		}
	}
	font, err := sfnt.Parse(data)
	if err != nil {
		if len(data) < 12 || !bytes.HasPrefix(data, []byte("\x00\x01\x00\x00")) && !bytes.HasPrefix(data, []byte("true")) {
			return "", errors.New("is not a TrueType font")
		}
		return "", fmt.Errorf("is damaged (%v)", strings.TrimPrefix(err.Error(), "sfnt: "))
	}
	if err := checkForFpdf(data); err != nil {
		return "", err
	}
	var buf sfnt.Buffer
	var missing []string
	for _, r := range reviewRunes {
		if g, err := font.GlyphIndex(&buf, r); err != nil || g == 0 {
			missing = append(missing, string(r))
		}
	}
	if n := len(missing); n > 0 {
		if n > 12 {
			missing = append(missing[:12], "…")
		}
		return "", fmt.Errorf("has no glyphs for %d of the letters and signs the review is set in (%s)", n, strings.Join(missing, " "))
	}
	ps, err := font.Name(&buf, sfnt.NameIDPostScript)
	if err != nil {
		ps = ""
	}
	return pdfName(ps), nil
}

// checkForFpdf checks what fpdf reads without checking and sfnt does not need: the
// tables fpdf reads exist, their formats are the ones fpdf knows, and the character map
// has the one kind of Unicode subtable fpdf reads (format 4). sfnt has checked the table
// directory and every table's bounds already.
func checkForFpdf(data []byte) error {
	tables := map[string][]byte{}
	n := int(binary.BigEndian.Uint16(data[4:]))
	for i := range n {
		rec := data[12+16*i:]
		off, size := binary.BigEndian.Uint32(rec[8:]), binary.BigEndian.Uint32(rec[12:])
		tables[string(rec[:4])] = data[off : off+size]
	}
	for _, t := range []string{"cmap", "glyf", "head", "hhea", "hmtx", "loca", "maxp", "name", "post"} {
		if _, ok := tables[t]; !ok {
			return fmt.Errorf("is not a complete TrueType font: it has no %q table", t)
		}
	}
	u16 := func(t []byte, at int) int {
		if at+2 > len(t) {
			return -1
		}
		return int(binary.BigEndian.Uint16(t[at:]))
	}
	switch {
	case u16(tables["head"], 52) != 0:
		return errors.New("is damaged: its \"head\" table gives an unknown glyph format")
	case u16(tables["hhea"], 32) != 0:
		return errors.New("is damaged: its \"hhea\" table gives an unknown metrics format")
	case u16(tables["name"], 0) != 0:
		return errors.New("has a \"name\" table of a format fpdf cannot read")
	}
	cmap := tables["cmap"]
	for i := range max(u16(cmap, 2), 0) {
		platform, encoding := u16(cmap, 4+8*i), u16(cmap, 6+8*i)
		if at := 8 + 8*i; at+4 <= len(cmap) && (platform == 3 && encoding == 1 || platform == 0) {
			if off := int(binary.BigEndian.Uint32(cmap[at:])); u16(cmap, off) == 4 {
				return nil
			}
		}
	}
	return errors.New("has no Unicode character map of format 4, the only one fpdf reads")
}

// pdfName keeps a PostScript name to the characters a PDF name needs no escapes for, and
// to 48 of them. It gives "Font" when nothing is left.
func pdfName(name string) string {
	var b strings.Builder
	for _, r := range name {
		if r < 0x80 && (r == '-' || r == '_' || r >= '0' && r <= '9' || r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z') {
			b.WriteRune(r)
		}
	}
	if b.Len() == 0 {
		return "Font"
	}
	return b.String()[:min(b.Len(), 48)]
}

// tagSubsets gives each embedded font the name of a subset: a tag of six capital letters
// and a plus sign before its PostScript name, as the PDF specification asks of a subset
// (ISO 32000-1, 9.6.4) and as viewers and pdffonts expect. fpdf does cut the fonts to the
// glyphs used but names them "utf8" + family. The family was chosen to make that name as
// long as the new one, so the swap moves no byte and the cross-reference table stays
// right. The tag is a hash of the document: the same document, the same tags.
func tagSubsets(pdf []byte, fonts *fontSet) []byte {
	sum := sha256.Sum256(pdf)
	for i, fc := range fonts.faces() {
		tag := make([]byte, 6)
		for j := range tag {
			tag[j] = 'A' + sum[6*i+j]%26
		}
		old := []byte("/utf8" + fc.family)
		repl := []byte("/" + string(tag) + "+" + fc.ps)
		if len(old) != len(repl) {
			continue // cannot happen: family is built for it; never shift the offsets
		}
		pdf = bytes.ReplaceAll(pdf, old, repl)
	}
	return pdf
}
