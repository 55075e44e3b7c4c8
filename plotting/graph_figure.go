package plotting

import (
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// GraphFigure draws a Graph as boxes in layers with arrows from inputs:
// ops in blue, parameters in orange, data in grey, the last node (the
// loss) with a heavy border. It sizes itself to the graph (Size) and
// scales down to fit a smaller canvas.
type GraphFigure struct {
	Graph  Graph
	Layout Layout
	// Vertical lays layers out top to bottom instead of left to right.
	Vertical bool
	Title    string
}

// DrawGraph lays g out and returns its figure.
func DrawGraph(g Graph, title string, vertical bool) *GraphFigure {
	return &GraphFigure{Graph: g, Layout: g.Layout(), Vertical: vertical, Title: title}
}

// Geometry in points.
const (
	graphFont   = 10
	graphPadX   = 6
	graphPadY   = 4
	graphGapL   = 36 // between layers
	graphGapS   = 12 // between slots
	graphMargin = 16
	graphMaxDim = 40 * vg.Inch
)

var (
	opFill     = color.RGBA{219, 233, 246, 255}
	opLine     = color.RGBA{31, 119, 180, 255}
	paramFill  = color.RGBA{253, 226, 196, 255}
	paramLine  = color.RGBA{230, 120, 20, 255}
	dataFill   = color.RGBA{238, 238, 238, 255}
	dataLine   = color.RGBA{120, 120, 120, 255}
	edgeColor  = color.RGBA{90, 90, 90, 255}
	titleColor = color.Black
)

func (f *GraphFigure) style() text.Style {
	return text.Style{Color: color.Black, Font: fontOf(graphFont), XAlign: draw.XCenter,
		YAlign: draw.YCenter, Handler: plot.DefaultTextHandler}
}

// box is the size of every node's box: wide and tall enough for the
// longest label and the most lines.
func (f *GraphFigure) box() (w, h vg.Length) {
	sty := f.style()
	lines := 1
	for _, n := range f.Graph.Nodes {
		ls := n.Lines()
		lines = max(lines, len(ls))
		for _, l := range ls {
			w = max(w, sty.Width(l))
		}
	}
	lineH := sty.FontExtents().Height
	return w + 2*graphPadX, vg.Length(lines)*lineH + 2*graphPadY
}

// natural is the unscaled size of the drawing.
func (f *GraphFigure) natural() (w, h vg.Length) {
	bw, bh := f.box()
	layers, slots := vg.Length(len(f.Layout.Layers)), vg.Length(f.Layout.Width())
	top := vg.Length(0)
	if f.Title != "" {
		top = TitleSize * 2
	}
	if f.Vertical {
		w = slots*(bw+graphGapS) - graphGapS + 2*graphMargin
		h = layers*(bh+graphGapL) - graphGapL + 2*graphMargin + top
	} else {
		w = layers*(bw+graphGapL) - graphGapL + 2*graphMargin
		h = slots*(bh+graphGapS) - graphGapS + 2*graphMargin + top
	}
	return max(w, 2*vg.Inch), max(h, vg.Inch)
}

// Size is the natural size, capped at 40 inches a side.
func (f *GraphFigure) Size() (w, h vg.Length) {
	w, h = f.natural()
	if s := min(1, graphMaxDim/w, graphMaxDim/h); s < 1 {
		w, h = w*s, h*s
	}
	return w, h
}

// centers returns each node's box center in natural coordinates
// (origin bottom left), layers and slots centered on each other.
func (f *GraphFigure) centers(w, h vg.Length) []vg.Point {
	bw, bh := f.box()
	top := vg.Length(0)
	if f.Title != "" {
		top = TitleSize * 2
	}
	pts := make([]vg.Point, len(f.Graph.Nodes))
	for l, ids := range f.Layout.Layers {
		for s, id := range ids {
			if f.Vertical {
				rowW := vg.Length(len(ids))*(bw+graphGapS) - graphGapS
				x := (w-rowW)/2 + vg.Length(s)*(bw+graphGapS) + bw/2
				y := h - top - graphMargin - vg.Length(l)*(bh+graphGapL) - bh/2
				pts[id] = vg.Point{X: x, Y: y}
			} else {
				colH := vg.Length(len(ids))*(bh+graphGapS) - graphGapS
				x := graphMargin + vg.Length(l)*(bw+graphGapL) + bw/2
				y := (h-top)/2 + colH/2 - vg.Length(s)*(bh+graphGapS) - bh/2
				pts[id] = vg.Point{X: x, Y: y}
			}
		}
	}
	return pts
}

// Draw draws the graph, scaled down uniformly if the canvas is smaller
// than the natural size, and centered.
func (f *GraphFigure) Draw(c draw.Canvas) {
	w, h := f.natural()
	cw, ch := c.Max.X-c.Min.X, c.Max.Y-c.Min.Y
	s := min(1, cw/w, ch/h)
	c.Push()
	defer c.Pop()
	c.Translate(vg.Point{X: c.Min.X + (cw-w*s)/2, Y: c.Min.Y + (ch-h*s)/2})
	c.Scale(float64(s), float64(s))
	pts := f.centers(w, h)
	bw, bh := f.box()
	sty := f.style()
	if f.Title != "" {
		ts := sty
		ts.Font = fontOf(TitleSize)
		ts.YAlign = draw.YTop
		ts.Color = titleColor
		c.FillText(ts, vg.Point{X: w / 2, Y: h - graphMargin/2}, f.Title)
	}
	edge := draw.LineStyle{Color: edgeColor, Width: vg.Points(1)}
	for i, n := range f.Graph.Nodes {
		for _, in := range n.Inputs {
			from, to := pts[in], pts[i]
			if f.Vertical {
				from.Y -= bh / 2
				to.Y += bh / 2
			} else {
				from.X += bw / 2
				to.X -= bw / 2
			}
			c.StrokeLines(edge, []vg.Point{from, to})
			arrowHead(c, from, to)
		}
	}
	last := len(f.Graph.Nodes) - 1
	for i, n := range f.Graph.Nodes {
		fill, line := opFill, opLine
		switch {
		case n.Leaf && n.Param:
			fill, line = paramFill, paramLine
		case n.Leaf:
			fill, line = dataFill, dataLine
		}
		p := pts[i]
		rect := []vg.Point{{X: p.X - bw/2, Y: p.Y - bh/2}, {X: p.X + bw/2, Y: p.Y - bh/2},
			{X: p.X + bw/2, Y: p.Y + bh/2}, {X: p.X - bw/2, Y: p.Y + bh/2}}
		c.FillPolygon(fill, rect)
		width := vg.Points(1)
		if i == last && !n.Leaf {
			width = vg.Points(2.5)
		}
		c.StrokeLines(draw.LineStyle{Color: line, Width: width}, append(rect, rect[0]))
		lines := n.Lines()
		lineH := sty.FontExtents().Height
		for j, l := range lines {
			y := p.Y + (vg.Length(len(lines)-1)/2-vg.Length(j))*lineH
			c.FillText(sty, vg.Point{X: p.X, Y: y}, l)
		}
	}
}

// arrowHead draws a filled triangle at to, pointing from from.
func arrowHead(c draw.Canvas, from, to vg.Point) {
	d := to.Sub(from)
	l := vg.Length(math.Hypot(float64(d.X), float64(d.Y)))
	if l == 0 {
		return
	}
	u := vg.Point{X: d.X / l, Y: d.Y / l}
	n := vg.Point{X: -u.Y, Y: u.X}
	size := vg.Points(6)
	base := to.Sub(u.Scale(size))
	c.FillPolygon(edgeColor, []vg.Point{to, base.Add(n.Scale(size / 2.5)), base.Sub(n.Scale(size / 2.5))})
}
