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
	"unicode/utf16"

	"codeberg.org/go-pdf/fpdf"

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

// The tables fpdf reads to embed a TrueType font.
var requiredTables = []string{"cmap", "glyf", "head", "hhea", "hmtx", "loca", "maxp", "name", "post"}

// checkTrueType checks that data is a TrueType font fpdf can embed and has Cyrillic
// letters, and returns its PostScript name. fpdf itself only prints a complaint about a
// file that is not a font, and indexes past the end of a truncated one.
func checkTrueType(data []byte) (string, error) {
	if len(data) < 12 {
		return "", errors.New("is not a TrueType font (it is too short)")
	}
	switch string(data[:4]) {
	case "\x00\x01\x00\x00", "true":
	case "OTTO":
		return "", errors.New("is an OpenType font with PostScript (CFF) outlines, which fpdf cannot embed: a TrueType (.ttf) font is needed")
	case "ttcf":
		return "", errors.New("is a TrueType collection (.ttc): a single TrueType (.ttf) font is needed")
	default:
		return "", errors.New("is not a TrueType font")
	}
	n := int(binary.BigEndian.Uint16(data[4:]))
	if 12+16*n > len(data) {
		return "", errors.New("is not a TrueType font (its table directory is cut short)")
	}
	tables := map[string][]byte{}
	for i := range n {
		rec := data[12+16*i:]
		off, size := uint64(binary.BigEndian.Uint32(rec[8:])), uint64(binary.BigEndian.Uint32(rec[12:]))
		if off+size > uint64(len(data)) {
			return "", fmt.Errorf("is damaged: its %q table runs past the end of the file", rec[:4])
		}
		tables[string(rec[:4])] = data[off : off+size]
	}
	for _, t := range requiredTables {
		if _, ok := tables[t]; !ok {
			return "", fmt.Errorf("is not a complete TrueType font: it has no %q table", t)
		}
	}
	// fpdf trusts these fields, and only prints a complaint (on standard output) when
	// they are off before it goes on with garbage.
	head, hhea := tables["head"], tables["hhea"]
	switch {
	case len(head) < 54 || binary.BigEndian.Uint32(head[12:]) != 0x5F0F3CF5:
		return "", errors.New("is damaged: its \"head\" table is not one")
	case binary.BigEndian.Uint16(head[50:]) > 1 || binary.BigEndian.Uint16(head[52:]) != 0:
		return "", errors.New("is damaged: its \"head\" table gives an unknown glyph format")
	case len(hhea) < 36 || binary.BigEndian.Uint16(hhea[32:]) != 0 || binary.BigEndian.Uint16(hhea[34:]) == 0:
		return "", errors.New("is damaged: its \"hhea\" table gives no usable metrics")
	case len(tables["maxp"]) < 6:
		return "", errors.New("is damaged: its \"maxp\" table is cut short")
	}
	if has, known := hasRunes(tables["cmap"], 'Ж', 'я'); known && !has {
		return "", errors.New("has no Cyrillic letters")
	}
	return postScriptName(tables["name"]), nil
}

// postScriptName reads name 6 from a name table, kept to the characters a PDF name
// needs no escapes for. It returns "Font" when the table gives none.
func postScriptName(t []byte) string {
	name := ""
	if len(t) >= 6 {
		count, base := int(binary.BigEndian.Uint16(t[2:])), int(binary.BigEndian.Uint16(t[4:]))
		for i := range count {
			rec := 6 + 12*i
			if rec+12 > len(t) {
				break
			}
			platform, encoding := binary.BigEndian.Uint16(t[rec:]), binary.BigEndian.Uint16(t[rec+2:])
			id, length, off := binary.BigEndian.Uint16(t[rec+6:]), int(binary.BigEndian.Uint16(t[rec+8:])), int(binary.BigEndian.Uint16(t[rec+10:]))
			start := base + off
			if id != 6 || start+length > len(t) {
				continue
			}
			raw := t[start : start+length]
			switch {
			case platform == 3 && (encoding == 1 || encoding == 0), platform == 0:
				u := make([]uint16, len(raw)/2)
				for j := range u {
					u[j] = binary.BigEndian.Uint16(raw[2*j:])
				}
				name = string(utf16.Decode(u))
			case platform == 1 && name == "":
				name = string(raw)
			}
			if name != "" && platform != 1 {
				break
			}
		}
	}
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

// hasRunes reports whether a cmap table maps every one of runes to a glyph. known is
// false when the table has no Unicode subtable of format 4, the one every font for
// Cyrillic text carries, so that the question cannot be answered.
func hasRunes(cmap []byte, runes ...rune) (has, known bool) {
	if len(cmap) < 4 {
		return false, false
	}
	n := int(binary.BigEndian.Uint16(cmap[2:]))
	for i := range n {
		rec := 4 + 8*i
		if rec+8 > len(cmap) {
			break
		}
		platform, encoding := binary.BigEndian.Uint16(cmap[rec:]), binary.BigEndian.Uint16(cmap[rec+2:])
		off := int(binary.BigEndian.Uint32(cmap[rec+4:]))
		if !(platform == 3 && encoding == 1) && platform != 0 {
			continue
		}
		if off+4 > len(cmap) || binary.BigEndian.Uint16(cmap[off:]) != 4 {
			continue
		}
		sub := cmap[off:]
		all := true
		for _, r := range runes {
			g, ok := format4Glyph(sub, r)
			if !ok {
				return false, false
			}
			all = all && g != 0
		}
		return all, true
	}
	return false, false
}

// format4Glyph looks r up in a cmap subtable of format 4. ok is false when the subtable
// is damaged.
func format4Glyph(sub []byte, r rune) (glyph int, ok bool) {
	if len(sub) < 14 {
		return 0, false
	}
	segs := int(binary.BigEndian.Uint16(sub[6:])) / 2
	ends, starts, deltas, ranges := 14, 16+2*segs, 16+4*segs, 16+6*segs
	if ranges+2*segs > len(sub) {
		return 0, false
	}
	u16 := func(at int) int { return int(binary.BigEndian.Uint16(sub[at:])) }
	c := int(r)
	for i := range segs {
		if c > u16(ends+2*i) {
			continue
		}
		start := u16(starts + 2*i)
		if c < start {
			return 0, true
		}
		delta, ro := u16(deltas+2*i), u16(ranges+2*i)
		if ro == 0 {
			return (c + delta) & 0xFFFF, true
		}
		at := ranges + 2*i + ro + 2*(c-start)
		if at+2 > len(sub) {
			return 0, false
		}
		g := u16(at)
		if g == 0 {
			return 0, true
		}
		return (g + delta) & 0xFFFF, true
	}
	return 0, true
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
