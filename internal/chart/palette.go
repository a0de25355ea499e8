package chart

import (
	"fmt"
	"math"
)

// The Okabe–Ito colours: eight hues chosen to stay distinguishable under the common forms
// of colour blindness and in greyscale print. Series take them in the order Palette gives;
// callers that want a fixed meaning per series (such as "not adopted" always vermillion
// whatever else is charted) set Series.Color to one of these.
var (
	Orange        = Color{R: 0xE6, G: 0x9F, B: 0x00}
	SkyBlue       = Color{R: 0x56, G: 0xB4, B: 0xE9}
	BluishGreen   = Color{R: 0x00, G: 0x9E, B: 0x73}
	Yellow        = Color{R: 0xF0, G: 0xE4, B: 0x42}
	Blue          = Color{R: 0x00, G: 0x72, B: 0xB2}
	Vermillion    = Color{R: 0xD5, G: 0x5E, B: 0x00}
	ReddishPurple = Color{R: 0xCC, G: 0x79, B: 0xA7}
	Black         = Color{}
)

// Transparent is the colour that paints nothing.
var Transparent = Color{None: true}

// The colours of the chart's furniture, shared by every chart so all figures in the
// report look alike.
var (
	inkColor   = Color{R: 0x22, G: 0x22, B: 0x22} // texts
	mutedColor = Color{R: 0x5F, G: 0x5F, B: 0x5F} // ticks, captions, "no data"
	axisColor  = Color{R: 0x5F, G: 0x5F, B: 0x5F}
	gridColor  = Color{R: 0xDD, G: 0xDD, B: 0xDD}
	white      = Color{R: 0xFF, G: 0xFF, B: 0xFF}
)

// Palette returns the series colours in the order series use them. Yellow and black come
// last: yellow is faint on white paper, and black is the colour of text. The slice is a
// fresh copy, so callers may keep or change it.
func Palette() []Color {
	return []Color{Blue, Orange, BluishGreen, Vermillion, ReddishPurple, SkyBlue, Yellow, Black}
}

// SeriesColor returns the colour of the i-th series (counting from 0), the one the charts
// use when Series.Color is nil. Beyond the palette the colours repeat.
func SeriesColor(i int) Color {
	p := Palette()
	if i < 0 {
		i = 0
	}
	return p[i%len(p)]
}

// Hex returns the colour as CSS writes it, "#RRGGBB", or "none" for a colour that paints
// nothing, so an HTML legend can match the SVG exactly.
func (c Color) Hex() string {
	if c.None {
		return "none"
	}
	return fmt.Sprintf("#%02X%02X%02X", c.R, c.G, c.B)
}

// luminance is the WCAG relative luminance of the colour.
func (c Color) luminance() float64 {
	lin := func(v uint8) float64 {
		s := float64(v) / 255
		if s <= 0.04045 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(c.R) + 0.7152*lin(c.G) + 0.0722*lin(c.B)
}

// textOn returns the text colour, white or ink, with the higher contrast on background bg,
// for value labels drawn inside bars.
func textOn(bg Color) Color {
	l := bg.luminance()
	onWhite := 1.05 / (l + 0.05)
	onInk := (l + 0.05) / (inkColor.luminance() + 0.05)
	if onWhite > onInk {
		return white
	}
	return inkColor
}
