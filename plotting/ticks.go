package plotting

import (
	"math"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
)

// niceTicks puts four to seven labelled ticks at round numbers (1, 2, 2.5 or
// 5 times a power of ten) with unlabelled minor ticks between, and prints
// labels with no more digits than the step needs: "0 100 200 300", not
// gonum's "0.00 250.00".
type niceTicks struct{}

func (niceTicks) Ticks(lo, hi float64) []plot.Tick {
	if !(hi > lo) || math.IsInf(lo, 0) || math.IsInf(hi, 0) {
		return []plot.Tick{{Value: lo, Label: strconv.FormatFloat(lo, 'g', 4, 64)}}
	}
	step := niceStep((hi - lo) / 6)
	minor := step / 2
	if m := step / math.Pow(10, math.Floor(math.Log10(step))); m == 1 || m == 5 {
		minor = step / 5
	}
	prec := max(0, -int(math.Floor(math.Log10(step)+1e-9)))
	if m := step / math.Pow(10, math.Floor(math.Log10(step))); m == 2.5 {
		prec++
	}
	var ticks []plot.Tick
	for v := math.Ceil(lo/minor-1e-9) * minor; v <= hi+minor*1e-9; v += minor {
		t := plot.Tick{Value: v}
		if r := math.Abs(math.Remainder(v, step)); r < minor*1e-6 {
			if math.Abs(v) < step*1e-9 {
				v = 0
			}
			t.Value = v
			t.Label = strconv.FormatFloat(v, 'f', prec, 64)
		}
		ticks = append(ticks, t)
	}
	return ticks
}

// niceStep rounds x up to 1, 2, 2.5 or 5 times a power of ten.
func niceStep(x float64) float64 {
	p := math.Pow(10, math.Floor(math.Log10(x)))
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if m*p >= x*(1-1e-9) {
			return m * p
		}
	}
	return 10 * p
}

// placeLegend moves the legend to the corner of the data area with the
// fewest points under it (top right preferred, then bottom right, top
// left, bottom left), so it does not hide a rising accuracy curve.
func placeLegend(p *plot.Plot, sets ...plotter.XYs) {
	xlo, xhi, ylo, yhi := p.X.Min, p.X.Max, p.Y.Min, p.Y.Max
	logY := false
	if _, ok := p.Y.Scale.(plot.LogScale); ok && ylo > 0 {
		logY = true
		ylo, yhi = math.Log(ylo), math.Log(yhi)
	}
	if !(xhi > xlo) || !(yhi > ylo) {
		return
	}
	type corner struct{ top, left bool }
	corners := []corner{{true, false}, {false, false}, {true, true}, {false, true}}
	counts := make([]int, len(corners))
	for _, pts := range sets {
		for _, pt := range pts {
			fx := (pt.X - xlo) / (xhi - xlo)
			y := pt.Y
			if logY {
				y = math.Log(y)
			}
			fy := (y - ylo) / (yhi - ylo)
			for i, c := range corners {
				inX := (c.left && fx < 0.35) || (!c.left && fx > 0.65)
				inY := (c.top && fy > 0.7) || (!c.top && fy < 0.3)
				if inX && inY {
					counts[i]++
				}
			}
		}
	}
	best := 0
	for i := range corners {
		if counts[i] < counts[best] {
			best = i
		}
	}
	p.Legend.Top, p.Legend.Left = corners[best].top, corners[best].left
}
