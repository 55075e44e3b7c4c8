package plotting

import (
	"fmt"
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/palette"
	"gonum.org/v1/plot/palette/moreland"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// HeatmapFigure is a matrix drawn as colored cells, row 0 at the top (as
// the matrix is printed: attention query i is row i), with a color bar on
// the right. Plot holds the cells, ticks and optional cell annotations;
// Bar the color scale; Z the values, row-major.
type HeatmapFigure struct {
	Plot       *plot.Plot
	Bar        *plot.Plot
	Rows, Cols int
	Z          [][]float64
}

// Heatmap draws z (rows of equal length) with the viridis color map.
// xLabels name the columns (attention keys, predicted classes) and yLabels
// the rows; nil labels number them. When Annotate is wanted, use
// AnnotateCells. Heatmap panics with *ShapeError on ragged rows or labels
// of the wrong length.
func Heatmap(a Axes, z [][]float64, xLabels, yLabels []string) *HeatmapFigure {
	rows := len(z)
	cols := 0
	if rows > 0 {
		cols = len(z[0])
	}
	for i, r := range z {
		if len(r) != cols {
			shapePanic("Heatmap", "row %d has %d values, row 0 has %d", i, len(r), cols)
		}
	}
	if xLabels != nil && len(xLabels) != cols {
		shapePanic("Heatmap", "%d x labels for %d columns", len(xLabels), cols)
	}
	if yLabels != nil && len(yLabels) != rows {
		shapePanic("Heatmap", "%d y labels for %d rows", len(yLabels), rows)
	}
	p := NewPlot(a)
	h := &HeatmapFigure{Plot: p, Rows: rows, Cols: cols, Z: z}
	if rows == 0 || cols == 0 {
		return h
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, r := range z {
		for _, v := range r {
			if !math.IsNaN(v) {
				lo, hi = math.Min(lo, v), math.Max(hi, v)
			}
		}
	}
	if !(hi > lo) { // constant or all NaN
		lo, hi = lo-0.5, lo+0.5
		if math.IsInf(lo, 0) || math.IsNaN(lo) {
			lo, hi = 0, 1
		}
	}
	hm := plotter.NewHeatMap(grid{z}, viridis(lo, hi).Palette(256))
	hm.Min, hm.Max = lo, hi
	hm.NaN = color.Gray{Y: 200}
	p.Add(hm)
	p.X.Tick.Marker = cellTicks(xLabels, cols, false)
	p.Y.Tick.Marker = cellTicks(yLabels, rows, true)
	for _, ax := range []*plot.Axis{&p.X, &p.Y} {
		ax.Tick.Length = vg.Points(4) // an invisible tick: a gap before the label
		ax.Tick.LineStyle.Width = 0
		ax.LineStyle.Width = 0
	}
	if long(xLabels) || cols > 12 && xLabels != nil {
		p.X.Tick.Label.Rotation = math.Pi / 2
		p.X.Tick.Label.XAlign = draw.XRight
		p.X.Tick.Label.YAlign = draw.YCenter
	}

	bar := plot.New()
	cb := &plotter.ColorBar{ColorMap: viridis(lo, hi), Vertical: true}
	bar.Add(cb)
	bar.HideX()
	bar.Y.Tick.Label.Font.Size = TickSize
	bar.Y.Padding = 0
	h.Bar = bar
	return h
}

// AnnotateCells writes each cell's value in it, formatted with format
// (e.g. "%.0f" for counts, "%.2f" for probabilities), white on dark cells
// and black on light ones. Readable up to about 20 x 20 cells.
func (h *HeatmapFigure) AnnotateCells(format string) *HeatmapFigure {
	if h.Rows == 0 || h.Cols == 0 {
		return h
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, r := range h.Z {
		for _, v := range r {
			lo, hi = math.Min(lo, v), math.Max(hi, v)
		}
	}
	var xyl plotter.XYLabels
	for r, row := range h.Z {
		for c, v := range row {
			xyl.XYs = append(xyl.XYs, plotter.XY{X: float64(c), Y: float64(h.Rows - 1 - r)})
			xyl.Labels = append(xyl.Labels, fmt.Sprintf(format, v))
		}
	}
	l, err := plotter.NewLabels(xyl)
	if err != nil {
		return h
	}
	size := vg.Points(math.Max(7, math.Min(12, 180/float64(max(h.Rows, h.Cols)))))
	for i := range l.TextStyle {
		v := h.Z[i/h.Cols][i%h.Cols]
		c := color.Color(color.White)
		if hi > lo && (v-lo)/(hi-lo) > 0.6 { // viridis is light at the top
			c = color.Black
		}
		l.TextStyle[i] = text.Style{Color: c, Font: fontOf(size), XAlign: draw.XCenter,
			YAlign: draw.YCenter, Handler: h.Plot.TextHandler}
	}
	h.Plot.Add(l)
	return h
}

// ConfusionMatrix draws counts[true][predicted] with the counts written in
// the cells and classes naming both axes.
func ConfusionMatrix(counts [][]int, classes []string) *HeatmapFigure {
	z := make([][]float64, len(counts))
	for i, r := range counts {
		z[i] = make([]float64, len(r))
		for j, v := range r {
			z[i][j] = float64(v)
		}
	}
	return Heatmap(Axes{Title: "Confusion matrix", X: "predicted", Y: "true"},
		z, classes, classes).AnnotateCells("%.0f")
}

// Size is the default size, squarer for square matrices.
func (h *HeatmapFigure) Size() (w, hgt vg.Length) {
	if h.Rows > 0 && h.Cols > 0 && h.Rows*2 > h.Cols && h.Cols*2 > h.Rows {
		return 6.5 * vg.Inch, 5.5 * vg.Inch
	}
	return DefaultWidth, DefaultHeight
}

// Draw puts the cells on the left and the color bar in a narrow strip on
// the right, level with the cells.
func (h *HeatmapFigure) Draw(c draw.Canvas) {
	if h.Bar == nil {
		h.Plot.Draw(c)
		return
	}
	barW := vg.Inch * 0.9
	main := c
	main.Max.X -= barW
	h.Plot.Draw(main)
	data := h.Plot.DataCanvas(main)
	side := c
	side.Min.X = main.Max.X + vg.Points(8)
	side.Min.Y, side.Max.Y = data.Min.Y, data.Max.Y
	h.Bar.Draw(side)
}

// grid adapts [][]float64 to gonum's GridXYZ with row 0 at the top.
type grid struct{ z [][]float64 }

func (g grid) Dims() (c, r int)   { return len(g.z[0]), len(g.z) }
func (g grid) Z(c, r int) float64 { return g.z[len(g.z)-1-r][c] }
func (g grid) X(c int) float64    { return float64(c) }
func (g grid) Y(r int) float64    { return float64(r) }

// cellTicks labels cell centers; without labels it numbers them, thinned
// to about 12 numbers. flip maps row 0 to the top.
func cellTicks(labels []string, n int, flip bool) plot.ConstantTicks {
	step := 1
	if labels == nil && n > 12 {
		step = (n + 11) / 12
	}
	var ticks plot.ConstantTicks
	for i := 0; i < n; i++ {
		pos := float64(i)
		if flip {
			pos = float64(n - 1 - i)
		}
		switch {
		case labels != nil:
			ticks = append(ticks, plot.Tick{Value: pos, Label: labels[i]})
		case i%step == 0:
			ticks = append(ticks, plot.Tick{Value: pos, Label: fmt.Sprint(i)})
		}
	}
	return ticks
}

func long(labels []string) bool {
	for _, l := range labels {
		if len(l) > 3 {
			return len(labels) > 6
		}
	}
	return false
}

// viridis is matplotlib's default sequential color map (perceptually
// uniform, readable in grey), built from ten of its control colors.
func viridis(lo, hi float64) palette.ColorMap {
	hex := []uint32{0x440154, 0x482878, 0x3e4989, 0x31688e, 0x26828e,
		0x1f9e89, 0x35b779, 0x6ece58, 0xb5de2b, 0xfde725}
	cs := make([]color.Color, len(hex))
	for i, h := range hex {
		cs[i] = color.NRGBA{uint8(h >> 16), uint8(h >> 8), uint8(h), 255}
	}
	cm, err := moreland.NewLuminance(cs)
	if err != nil {
		panic(err) // the control colors are fixed and increase in luminance
	}
	cm.SetMin(lo)
	cm.SetMax(hi)
	return cm
}
