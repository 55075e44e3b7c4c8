package plotting

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
)

// Run is one run's log read back: its name (the file name without
// .jsonl), its config, and every metric value in file order.
type Run struct {
	Name   string
	Config map[string]any
	Points []Point
}

// Point is one logged metric value.
type Point struct {
	Step  int
	Name  string
	Value float64
	Time  float64 // Unix seconds
}

// line is the JSON shape of one log line.
type line struct {
	Config map[string]any  `json:"config"`
	Step   *int            `json:"step"`
	Name   string          `json:"name"`
	Value  json.RawMessage `json:"value"`
	Time   float64         `json:"time"`
}

// ReadRun reads a run log written by RunLog. Blank lines are skipped; a
// torn last line (the program was killed mid-write) is ignored; any other
// malformed line is an error naming its line number.
func ReadRun(path string) (Run, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return Run{}, fmt.Errorf("plotting: read run: %w", err)
	}
	run, err := parseRun(data)
	run.Name = strings.TrimSuffix(filepath.Base(path), ".jsonl")
	if err != nil {
		return run, fmt.Errorf("plotting: read run %s: %w", path, err)
	}
	return run, nil
}

func parseRun(data []byte) (Run, error) {
	var run Run
	lines := bytes.Split(data, []byte("\n"))
	for i, text := range lines {
		text = bytes.TrimSpace(text)
		if len(text) == 0 {
			continue
		}
		var l line
		if err := json.Unmarshal(text, &l); err != nil {
			if i == len(lines)-1 {
				break // torn final line: no newline after it
			}
			return run, fmt.Errorf("line %d: %w", i+1, err)
		}
		if l.Config != nil {
			if run.Config == nil {
				run.Config = map[string]any{}
			}
			maps.Copy(run.Config, l.Config)
			continue
		}
		if l.Step == nil || l.Name == "" {
			return run, fmt.Errorf("line %d: want step and name", i+1)
		}
		v, err := parseValue(l.Value)
		if err != nil {
			return run, fmt.Errorf("line %d: %w", i+1, err)
		}
		run.Points = append(run.Points, Point{Step: *l.Step, Name: l.Name, Value: v, Time: l.Time})
	}
	return run, nil
}

func parseValue(raw json.RawMessage) (float64, error) {
	var v float64
	if err := json.Unmarshal(raw, &v); err == nil {
		return v, nil
	}
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		return 0, fmt.Errorf("value %s is not a number", raw)
	}
	switch s {
	case "NaN":
		return math.NaN(), nil
	case "+Inf", "Inf":
		return math.Inf(1), nil
	case "-Inf":
		return math.Inf(-1), nil
	}
	return 0, fmt.Errorf("value %q is not a number", s)
}

// LoadRuns reads the runs named under dir, or every *.jsonl there (sorted
// by name) when no names are given.
func LoadRuns(dir string, names ...string) ([]Run, error) {
	if len(names) == 0 {
		paths, err := filepath.Glob(filepath.Join(dir, "*.jsonl"))
		if err != nil {
			return nil, fmt.Errorf("plotting: load runs: %w", err)
		}
		slices.Sort(paths)
		for _, p := range paths {
			names = append(names, strings.TrimSuffix(filepath.Base(p), ".jsonl"))
		}
	}
	runs := make([]Run, 0, len(names))
	for _, name := range names {
		r, err := ReadRun(filepath.Join(dir, name+".jsonl"))
		if err != nil {
			return nil, err
		}
		runs = append(runs, r)
	}
	return runs, nil
}

// Names returns the run's metric names in order of first appearance.
func (r Run) Names() []string {
	var names []string
	for _, p := range r.Points {
		if !slices.Contains(names, p.Name) {
			names = append(names, p.Name)
		}
	}
	return names
}

// Series returns metric name as a Series named after the run: x the
// steps, y the values.
func (r Run) Series(name string) Series {
	s := Series{Name: r.Name}
	for _, p := range r.Points {
		if p.Name == name {
			s.X = append(s.X, float64(p.Step))
			s.Y = append(s.Y, p.Value)
		}
	}
	return s
}

// RunsOptions choose what PlotRuns draws.
type RunsOptions struct {
	// Metrics to draw, one panel each (default: every metric, in order
	// of first appearance across the runs).
	Metrics []string
	// Smoothing is the moving-average weight, as in TrackerOptions.
	Smoothing float64
	LogY      bool
	// Cols is the number of panels per row (default 2).
	Cols int
}

// PlotRuns compares runs side by side: one panel per metric, one line per
// run, in the same color for a run in every panel.
func PlotRuns(runs []Run, opt RunsOptions) *Panels {
	metrics := opt.Metrics
	if len(metrics) == 0 {
		for _, r := range runs {
			for _, n := range r.Names() {
				if !slices.Contains(metrics, n) {
					metrics = append(metrics, n)
				}
			}
		}
	}
	if opt.Cols <= 0 {
		opt.Cols = 2
	}
	plots := make([]*plot.Plot, len(metrics))
	for i, m := range metrics {
		p := NewPlot(Axes{Title: m, X: "step", LogY: opt.LogY})
		addGrid(p)
		var all []plotter.XYs
		for j, r := range runs {
			s := r.Series(m)
			if opt.Smoothing > 0 && opt.Smoothing < 1 {
				s.Y = ema(s.Y, opt.Smoothing)
			}
			pts := s.xys("PlotRuns", opt.LogY)
			if len(pts) == 0 {
				continue
			}
			all = append(all, pts)
			l, err := plotter.NewLine(pts)
			if err != nil {
				continue
			}
			l.Color = Color(j)
			l.Width = vg.Points(1.8)
			p.Add(l)
			p.Legend.Add(r.Name, l)
		}
		placeLegend(p, all...)
		plots[i] = p
	}
	return NewPanels(opt.Cols, plots...)
}
