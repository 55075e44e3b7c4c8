package plotting

import (
	"bytes"
	"fmt"
	"image/color"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"
)

// Figure is anything that draws itself on a canvas: a *plot.Plot, a
// Panels grid of plots, a GraphFigure of the tape. Figures are plain values:
// build one, inspect its fields in a test, render it with PNG or SVG, or
// hand it to Show.
type Figure interface {
	Draw(c draw.Canvas)
}

// Sizer is implemented by figures that know the size they look best at
// (an image grid, the drawing of a tape). PNG, SVG and Show use it when the
// caller passes a zero size.
type Sizer interface {
	Size() (w, h vg.Length)
}

// Default figure size and resolution: 7 x 4.5 inches at 96 DPI is a
// 672 x 432 pixel PNG, the width of a notebook output area, with 12-point
// text that reads as 16 pixels.
const (
	DefaultWidth  = 7 * vg.Inch
	DefaultHeight = 4.5 * vg.Inch
	DefaultDPI    = 96
)

// figureSize picks the size to render f at: the given one, else the
// figure's own, else the default.
func figureSize(f Figure, w, h vg.Length) (vg.Length, vg.Length) {
	if w > 0 && h > 0 {
		return w, h
	}
	if s, ok := f.(Sizer); ok {
		sw, sh := s.Size()
		if w <= 0 {
			w = sw
		}
		if h <= 0 {
			h = sh
		}
	}
	if w <= 0 {
		w = DefaultWidth
	}
	if h <= 0 {
		h = DefaultHeight
	}
	return w, h
}

// PNG renders f as PNG bytes, w by h (zero means the figure's own size or
// the default) at DefaultDPI.
func PNG(f Figure, w, h vg.Length) ([]byte, error) {
	return PNGAt(f, w, h, DefaultDPI)
}

// PNGAt is PNG at a chosen resolution (dots per inch); 192 gives crisp
// figures on high-density screens at four times the bytes.
func PNGAt(f Figure, w, h vg.Length, dpi int) ([]byte, error) {
	w, h = figureSize(f, w, h)
	c := vgimg.NewWith(vgimg.UseWH(w, h), vgimg.UseDPI(dpi))
	dc := draw.New(c)
	fillWhite(dc)
	f.Draw(dc)
	var buf bytes.Buffer
	if _, err := (vgimg.PngCanvas{Canvas: c}).WriteTo(&buf); err != nil {
		return nil, fmt.Errorf("plotting: encoding PNG: %w", err)
	}
	return buf.Bytes(), nil
}

// SVG renders f as an SVG document, w by h (zero means the figure's own
// size or the default).
func SVG(f Figure, w, h vg.Length) ([]byte, error) {
	w, h = figureSize(f, w, h)
	c := vgsvg.New(w, h)
	dc := draw.New(c)
	fillWhite(dc)
	f.Draw(dc)
	var buf bytes.Buffer
	if _, err := c.WriteTo(&buf); err != nil {
		return nil, fmt.Errorf("plotting: encoding SVG: %w", err)
	}
	return buf.Bytes(), nil
}

// fillWhite paints the background, so figures that are not a *plot.Plot
// (which paints its own) are not transparent in dark-themed notebooks.
func fillWhite(c draw.Canvas) {
	c.SetColor(color.White)
	c.Fill(c.Rectangle.Path())
}

// Panels is a grid of plots drawn side by side with aligned data areas:
// one panel per metric in the live tracker and in PlotRuns. Plots is
// row-major, Rows*Cols long; nil entries leave a blank tile.
type Panels struct {
	Rows, Cols int
	Plots      []*plot.Plot
	// PanelWidth and PanelHeight size one tile for Size (zero: 4.5 x 3.5
	// inches).
	PanelWidth, PanelHeight vg.Length
}

// NewPanels lays plots out in rows of at most cols panels.
func NewPanels(cols int, plots ...*plot.Plot) *Panels {
	if cols < 1 {
		cols = 1
	}
	if len(plots) < cols {
		cols = max(len(plots), 1)
	}
	rows := (len(plots) + cols - 1) / cols
	return &Panels{Rows: max(rows, 1), Cols: cols, Plots: plots}
}

// Size is one tile's size times the grid.
func (g *Panels) Size() (w, h vg.Length) {
	pw, ph := g.PanelWidth, g.PanelHeight
	if pw <= 0 {
		pw = 4.5 * vg.Inch
	}
	if ph <= 0 {
		ph = 3.5 * vg.Inch
	}
	if g.Cols == 1 && g.Rows == 1 {
		return DefaultWidth, DefaultHeight
	}
	return pw * vg.Length(g.Cols), ph * vg.Length(g.Rows)
}

// Draw aligns the panels' data areas and draws each plot in its tile.
func (g *Panels) Draw(c draw.Canvas) {
	if g.Rows < 1 || g.Cols < 1 {
		return
	}
	grid := make([][]*plot.Plot, g.Rows)
	for r := range grid {
		grid[r] = make([]*plot.Plot, g.Cols)
		for col := range grid[r] {
			if i := r*g.Cols + col; i < len(g.Plots) {
				grid[r][col] = g.Plots[i]
			}
		}
	}
	tiles := draw.Tiles{Rows: g.Rows, Cols: g.Cols,
		PadX: vg.Millimeter * 6, PadY: vg.Millimeter * 6,
		PadTop: vg.Millimeter * 2, PadBottom: vg.Millimeter * 2,
		PadLeft: vg.Millimeter * 2, PadRight: vg.Millimeter * 3}
	canvases := plot.Align(grid, tiles, c)
	for r := range grid {
		for col, p := range grid[r] {
			if p != nil {
				p.Draw(canvases[r][col])
			}
		}
	}
}
