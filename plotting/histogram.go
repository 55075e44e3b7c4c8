package plotting

import (
	"fmt"
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
)

// Histogram plots the distribution of values in bins bins (0: a bin per
// ~sqrt(n) values, between 10 and 60), the figure to check weights at
// initialisation or gradients that vanish or explode. When a.X is empty the
// x label states n, mean and standard deviation. NaN and Inf values are
// left out and counted in the label, since one of them is itself the news.
func Histogram(a Axes, values []float64, bins int) *plot.Plot {
	finite := make(plotter.Values, 0, len(values))
	bad := 0
	for _, v := range values {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			bad++
			continue
		}
		finite = append(finite, v)
	}
	if bins <= 0 {
		bins = min(max(int(math.Sqrt(float64(len(finite)))), 10), 60)
	}
	if a.Y == "" {
		a.Y = "count"
	}
	if a.X == "" {
		a.X = summary(finite, bad)
	}
	p := NewPlot(a)
	addGrid(p)
	if len(finite) == 0 {
		return p
	}
	h, err := plotter.NewHist(finite, bins)
	if err != nil {
		return p
	}
	h.FillColor = withAlpha(Color(0), 190)
	h.LineStyle.Color = color.White
	h.LineStyle.Width = vg.Points(0.5)
	p.Add(h)
	return p
}

// summary is "n 1000, mean 0.0123, std 0.987" (plus ", 3 NaN/Inf").
func summary(v []float64, bad int) string {
	var sum, sq float64
	for _, x := range v {
		sum += x
	}
	mean := sum / float64(max(len(v), 1))
	for _, x := range v {
		sq += (x - mean) * (x - mean)
	}
	std := math.Sqrt(sq / float64(max(len(v), 1)))
	s := fmt.Sprintf("n %d, mean %.3g, std %.3g", len(v), mean, std)
	if bad > 0 {
		s += fmt.Sprintf(", %d NaN/Inf", bad)
	}
	return s
}

func withAlpha(c color.Color, a uint8) color.Color {
	r, g, b, _ := c.RGBA()
	return color.NRGBA{uint8(r >> 8), uint8(g >> 8), uint8(b >> 8), a}
}
