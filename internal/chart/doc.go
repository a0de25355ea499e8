// Package chart draws the report's charts as small device-independent scenes, so that the
// HTML page and the PDF show the same picture.
//
// A chart function (Bars, HBars, Lines) turns a spec into a Scene: a canvas measured in
// points and an ordered list of primitive shapes (rectangles, lines, polylines, circles and
// single-line text). SVG writes a scene as a standalone <svg> element for the HTML page; the
// PDF renderer walks the same shapes and draws them with its own primitives. Layout (where
// the axes go, which labels fit, how they are shortened) happens here, once, so the two
// outputs cannot drift apart.
//
// # What a renderer may rely on
//
// Every scene built by this package satisfies:
//   - all coordinates and sizes are finite, and every shape, including the estimated extent
//     of every text, lies inside [0, Width] × [0, Height];
//   - shapes are listed in paint order: later shapes are drawn over earlier ones;
//   - texts are single lines of valid UTF-8 without control characters, already shortened
//     to fit, so a renderer draws them as they are and never wraps;
//   - links are relative references or http, https or mailto URLs; anything else is dropped.
//
// # Text measurement
//
// Layout cannot see the fonts of the browser or the PDF, so it estimates a text's width
// (see TextWidth) as 0.55 em per character, 0.68 em per capital letter, and 9% more in bold.
// These figures are measured averages of DejaVu Sans Condensed, the Cyrillic-capable font
// bundled with fpdf, over Russian and English report labels; Arial, Helvetica and
// Liberation Sans are within a few percent. The PDF renderer should therefore draw texts in
// DejaVu Sans Condensed, and SVG names it first in its font stack. Labels that do not fit
// their room are shortened with "…" (bar categories may also wrap to two lines), never
// rotated: rotated text is hard to read and its extent is harder to keep inside the canvas.
// A shortened label keeps its full text as the shape's Title (the SVG tooltip).
//
// # Data rules
//
// Chart functions never fail and never panic: whatever the spec holds, they return a
// drawable scene, showing the spec's NoData text when there is nothing to draw. Bad data is
// the business of the specs' Validate methods, which callers should run first; what the
// chart functions do with data Validate would refuse is documented on each spec.
package chart
