package plotting

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// maxDrawn caps the points drawn per series: a frame must stay cheap after
// a million steps, and a 700-pixel-wide panel cannot show more anyway.
const maxDrawn = 2000

// sparse is the most points a series may have to be drawn with dots and
// without smoothing: a validation loss logged once an epoch is data, not
// noise, and a moving average over five points would only make it lag.
const sparse = 60

// Figure returns the tracker's current figure (one panel per metric), the
// same one the next frame would show: to save it, or to inspect it.
func (t *Tracker) Figure() *Panels {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.figureLocked()
}

func (t *Tracker) figureLocked() *Panels {
	var panels []string
	byPanel := map[string][]*series{}
	for _, s := range t.order {
		if byPanel[s.panel] == nil {
			panels = append(panels, s.panel)
		}
		byPanel[s.panel] = append(byPanel[s.panel], s)
	}
	xLabel := "step"
	if t.opt.StepsPerEpoch > 0 {
		xLabel = "epoch"
	}
	plots := make([]*plot.Plot, len(panels))
	for i, name := range panels {
		plots[i] = t.panel(name, xLabel, byPanel[name])
	}
	g := NewPanels(t.opt.Cols, plots...)
	return g
}

// panel draws one metric: per series, the raw values (faded when smoothed)
// and the moving average; sparse series (validation once per epoch) are
// drawn raw with dots, so single points show.
func (t *Tracker) panel(name, xLabel string, ss []*series) *plot.Plot {
	var latest []string
	for _, s := range ss {
		if n := len(s.values); n > 0 {
			v := fmt.Sprintf("%.4g", s.values[n-1])
			if len(ss) > 1 || s.label != s.panel {
				v = s.label + " " + v
			}
			latest = append(latest, v)
		}
	}
	title := name
	if len(latest) > 0 {
		title += " (" + strings.Join(latest, ", ") + ")"
	}
	p := NewPlot(Axes{Title: title, X: xLabel, LogY: t.opt.LogY})
	addGrid(p)
	var all []plotter.XYs
	for _, s := range ss {
		c := Color(slices.Index(t.labels, s.label))
		raw := t.points(s.steps, s.values)
		if len(raw) == 0 {
			continue
		}
		all = append(all, raw)
		var legendThumb plot.Thumbnailer
		if t.opt.Smoothing > 0 && len(raw) > sparse {
			faded, _ := plotter.NewLine(raw)
			faded.Color = withAlpha(c, 70)
			faded.Width = vg.Points(1)
			smooth, _ := plotter.NewLine(t.points(s.steps, ema(s.values, t.opt.Smoothing)))
			smooth.Color = c
			smooth.Width = vg.Points(2)
			p.Add(faded, smooth)
			legendThumb = smooth
		} else {
			l, _ := plotter.NewLine(raw)
			l.Color = c
			l.Width = vg.Points(1.8)
			p.Add(l)
			legendThumb = l
		}
		if len(raw) <= sparse {
			dots, _ := plotter.NewScatter(raw)
			dots.GlyphStyle = draw.GlyphStyle{Color: c, Radius: vg.Points(2.5), Shape: draw.CircleGlyph{}}
			p.Add(dots)
		}
		if len(ss) > 1 || s.label != s.panel {
			p.Legend.Add(s.label, legendThumb)
		}
	}
	placeLegend(p, all...)
	return p
}

// points converts a series to plot coordinates, dropping values a log axis
// cannot show and NaN/Inf, and keeping at most maxDrawn points (evenly
// strided, always including the last).
func (t *Tracker) points(steps []int, values []float64) plotter.XYs {
	stride := max(1, (len(values)+maxDrawn-1)/maxDrawn)
	out := make(plotter.XYs, 0, min(len(values), maxDrawn+1))
	for i := 0; i < len(values); i++ {
		if i%stride != 0 && i != len(values)-1 {
			continue
		}
		v := values[i]
		if math.IsNaN(v) || math.IsInf(v, 0) || (t.opt.LogY && v <= 0) {
			continue
		}
		x := float64(steps[i])
		if t.opt.StepsPerEpoch > 0 {
			x /= float64(t.opt.StepsPerEpoch)
		}
		out = append(out, plotter.XY{X: x, Y: v})
	}
	return out
}

// ema is the debiased exponential moving average of values with weight
// beta on the past (as TensorBoard's smoothing): s_n = beta*s_{n-1} +
// (1-beta)*v_n, reported as s_n / (1-beta^n). NaN and Inf values are
// skipped (the average carries over them).
func ema(values []float64, beta float64) []float64 {
	out := make([]float64, len(values))
	s, w := 0.0, 0.0
	for i, v := range values {
		if !math.IsNaN(v) && !math.IsInf(v, 0) {
			s = beta*s + (1-beta)*v
			w = beta*w + (1 - beta)
		}
		if w == 0 {
			out[i] = math.NaN()
			continue
		}
		out[i] = s / w
	}
	return out
}
