package plotting

import (
	"fmt"
	"image/color"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
)

// Axes holds what every chart needs said about it: a title, the axis
// labels, and whether y is on a log scale (a loss spanning decades).
type Axes struct {
	Title, X, Y string
	LogY        bool
}

// Font sizes in points; at DefaultDPI a 12-point label is 16 pixels tall,
// readable in a notebook without zooming.
const (
	TitleSize = 14
	LabelSize = 12
	TickSize  = 10.5
)

// Palette is the series colors in order (matplotlib's tab10, which
// students recognise and which stays distinct for color-blind readers
// better than gonum's default).
var Palette = []color.Color{
	color.RGBA{31, 119, 180, 255},  // blue
	color.RGBA{255, 127, 14, 255},  // orange
	color.RGBA{44, 160, 44, 255},   // green
	color.RGBA{214, 39, 40, 255},   // red
	color.RGBA{148, 103, 189, 255}, // purple
	color.RGBA{140, 86, 75, 255},   // brown
	color.RGBA{227, 119, 194, 255}, // pink
	color.RGBA{127, 127, 127, 255}, // grey
	color.RGBA{188, 189, 34, 255},  // olive
	color.RGBA{23, 190, 207, 255},  // cyan
}

// Color returns the i-th series color, cycling through Palette.
func Color(i int) color.Color { return Palette[((i%len(Palette))+len(Palette))%len(Palette)] }

// NewPlot returns an empty plot styled like every chart in this package:
// readable font sizes, light grid lines, legend at the top right.
func NewPlot(a Axes) *plot.Plot {
	p := plot.New()
	p.Title.Text = a.Title
	p.Title.TextStyle.Font.Size = TitleSize
	p.Title.Padding = vg.Points(6)
	p.X.Label.Text = a.X
	p.Y.Label.Text = a.Y
	for _, ax := range []*plot.Axis{&p.X, &p.Y} {
		ax.Label.TextStyle.Font.Size = LabelSize
		ax.Tick.Label.Font.Size = TickSize
		ax.Padding = vg.Points(2)
	}
	p.Legend.TextStyle.Font.Size = TickSize
	p.Legend.Top = true
	p.Legend.Padding = vg.Points(2)
	p.X.Tick.Marker = niceTicks{}
	p.Y.Tick.Marker = niceTicks{}
	if a.LogY {
		p.Y.Scale = plot.LogScale{}
		p.Y.Tick.Marker = plot.LogTicks{Prec: -1}
	}
	return p
}

// addGrid adds light grey grid lines behind the data.
func addGrid(p *plot.Plot) {
	g := plotter.NewGrid()
	g.Vertical.Color = color.Gray{Y: 225}
	g.Horizontal.Color = color.Gray{Y: 225}
	p.Add(g)
}

// fontOf returns the package's font at size points.
func fontOf(size vg.Length) font.Font {
	return font.From(plot.DefaultFont, size)
}

// describe is the text/plain fallback shown where images are not: the
// figure's kind and title.
func describe(f Figure) string {
	switch f := f.(type) {
	case *plot.Plot:
		return fmt.Sprintf("<plot %q>", f.Title.Text)
	case *Panels:
		titles := make([]string, 0, len(f.Plots))
		for _, p := range f.Plots {
			if p != nil {
				titles = append(titles, p.Title.Text)
			}
		}
		return fmt.Sprintf("<plots %q>", titles)
	case *HeatmapFigure:
		return fmt.Sprintf("<heatmap %q: %d x %d>", f.Plot.Title.Text, f.Rows, f.Cols)
	case *ImageGridFigure:
		return fmt.Sprintf("<image grid %q: %d images %dx%d>", f.Title, f.N, f.H, f.W)
	case *GraphFigure:
		return fmt.Sprintf("<graph %q: %d nodes>", f.Title, len(f.Graph.Nodes))
	}
	return fmt.Sprintf("<figure %T>", f)
}
