package plotting

import (
	"fmt"
	"image/color"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// ShapeError is the panic value for inputs whose lengths or shapes do not
// fit the chart: the first line names the function and the sizes.
type ShapeError struct {
	Op, Detail string
}

func (e *ShapeError) Error() string { return "plotting: " + e.Op + ": " + e.Detail }

func shapePanic(op, format string, args ...any) {
	panic(&ShapeError{Op: op, Detail: fmt.Sprintf(format, args...)})
}

// Series is one named line or set of points. X may be nil: the points are
// then at x = 0, 1, 2, ....
type Series struct {
	Name string
	X, Y []float64
}

// xys converts s to gonum's XYs, dropping points that a log y scale cannot
// show (y <= 0) and NaNs, which gonum would draw as garbage.
func (s Series) xys(op string, logY bool) plotter.XYs {
	if s.X != nil && len(s.X) != len(s.Y) {
		shapePanic(op, "series %q: len(X) %d != len(Y) %d", s.Name, len(s.X), len(s.Y))
	}
	out := make(plotter.XYs, 0, len(s.Y))
	for i, y := range s.Y {
		x := float64(i)
		if s.X != nil {
			x = s.X[i]
		}
		if y != y || x != x || (logY && y <= 0) {
			continue
		}
		out = append(out, plotter.XY{X: x, Y: y})
	}
	return out
}

// Line plots each series as a line in its palette color, with a legend
// when any series is named. Line panics with *ShapeError when a series has
// X and Y of different lengths.
func Line(a Axes, series ...Series) *plot.Plot {
	p := NewPlot(a)
	addGrid(p)
	var all []plotter.XYs
	for i, s := range series {
		pts := s.xys("Line", a.LogY)
		all = append(all, pts)
		if len(pts) == 0 {
			continue
		}
		l, err := plotter.NewLine(pts)
		if err != nil {
			continue // only NaN/Inf, already filtered
		}
		l.Color = Color(i)
		l.Width = vg.Points(1.8)
		p.Add(l)
		if s.Name != "" {
			p.Legend.Add(s.Name, l)
		}
	}
	placeLegend(p, all...)
	return p
}

// Scatter plots each series as dots in its palette color (for embeddings
// coloured by class, pass one series per class). It panics like Line.
func Scatter(a Axes, series ...Series) *plot.Plot {
	p := NewPlot(a)
	addGrid(p)
	var all []plotter.XYs
	for i, s := range series {
		pts := s.xys("Scatter", a.LogY)
		all = append(all, pts)
		if len(pts) == 0 {
			continue
		}
		sc, err := plotter.NewScatter(pts)
		if err != nil {
			continue
		}
		c := Color(i)
		r, g, b, _ := c.RGBA()
		sc.GlyphStyle = draw.GlyphStyle{
			Color:  color.NRGBA{uint8(r >> 8), uint8(g >> 8), uint8(b >> 8), 200},
			Radius: vg.Points(2.5),
			Shape:  draw.CircleGlyph{},
		}
		p.Add(sc)
		if s.Name != "" {
			p.Legend.Add(s.Name, sc)
		}
	}
	placeLegend(p, all...)
	return p
}
