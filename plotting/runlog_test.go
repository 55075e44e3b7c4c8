package plotting

import (
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestRunLogRoundTrip(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for _, name := range []string{"b-lr0.01", "a-lr0.1"} {
		r, err := OpenRun(dir, name)
		if err != nil {
			t.Fatal(err)
		}
		if err := r.Config(map[string]any{"lr": 0.1, "batch": 32}); err != nil {
			t.Fatal(err)
		}
		for step := 0; step < 5; step++ {
			r.Add(step, "train/loss", 1/float64(step+1))
		}
		r.Add(4, `val/"loss"`, math.NaN())
		r.Add(4, "grad/norm", math.Inf(1))
		if err := r.Close(); err != nil {
			t.Fatal(err)
		}
	}
	runs, err := LoadRuns(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(runs) != 2 || runs[0].Name != "a-lr0.1" || runs[1].Name != "b-lr0.01" {
		t.Fatalf("runs %v", runs)
	}
	r := runs[0]
	if r.Config["batch"] != 32.0 || r.Config["lr"] != 0.1 {
		t.Errorf("config %v", r.Config)
	}
	if got := r.Names(); !slices.Equal(got, []string{"train/loss", `val/"loss"`, "grad/norm"}) {
		t.Errorf("names %q", got)
	}
	s := r.Series("train/loss")
	if !slices.Equal(s.X, []float64{0, 1, 2, 3, 4}) || s.Y[3] != 0.25 || s.Name != "a-lr0.1" {
		t.Errorf("series %+v", s)
	}
	if v := r.Series(`val/"loss"`).Y; len(v) != 1 || !math.IsNaN(v[0]) {
		t.Errorf("NaN read back as %v", v)
	}
	if v := r.Series("grad/norm").Y; len(v) != 1 || !math.IsInf(v[0], 1) {
		t.Errorf("+Inf read back as %v", v)
	}
	if r.Points[0].Time <= 0 {
		t.Error("no time stamp")
	}

	fig := PlotRuns(runs, RunsOptions{Metrics: []string{"train/loss"}})
	if len(fig.Plots) != 1 || fig.Plots[0].Title.Text != "train/loss" {
		t.Fatalf("panels %+v", fig)
	}
	if m := hasAll(drawnText(fig), "a-lr0.1", "b-lr0.01", "step"); m != nil {
		t.Errorf("figure lacks %q", m)
	}
	if all := PlotRuns(runs, RunsOptions{}); len(all.Plots) != 3 {
		t.Errorf("%d panels for every metric, want 3", len(all.Plots))
	}
}

func TestRunLogAppendsAndToleratesATornLine(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for i := 0; i < 2; i++ { // a resumed run appends
		r, err := OpenRun(dir, "run")
		if err != nil {
			t.Fatal(err)
		}
		r.Add(i, "loss", float64(i))
		r.Close()
	}
	path := filepath.Join(dir, "run.jsonl")
	f, _ := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	f.WriteString(`{"step":2,"name":"lo`) // killed mid-write
	f.Close()
	r, err := ReadRun(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Points) != 2 {
		t.Errorf("%d points, want 2", len(r.Points))
	}
}

func TestReadRunErrors(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for name, body := range map[string]string{
		"garbage":  "{\"step\":0,\"name\":\"a\",\"value\":1}\nnot json\n",
		"noname":   "{\"step\":0,\"value\":1}\n",
		"badvalue": "{\"step\":0,\"name\":\"a\",\"value\":\"high\"}\n",
	} {
		path := filepath.Join(dir, name+".jsonl")
		os.WriteFile(path, []byte(body), 0o644)
		_, err := ReadRun(path)
		if err == nil || !strings.Contains(err.Error(), "line ") {
			t.Errorf("%s: err %v, want one naming the line", name, err)
		}
	}
	if _, err := OpenRun(dir, "../escape"); err == nil {
		t.Error("OpenRun accepted a path as a name")
	}
	if _, err := LoadRuns(dir, "missing"); err == nil {
		t.Error("LoadRuns found a missing run")
	}
}

// FuzzParseRun checks that any input parses or fails without panicking,
// and that what parses writes back to the same points.
func FuzzParseRun(f *testing.F) {
	f.Add([]byte("{\"config\":{\"lr\":1}}\n{\"step\":1,\"name\":\"a\",\"value\":\"NaN\",\"time\":2}\n"))
	f.Add([]byte("{\"step\":-3,\"name\":\"\\u00e9\",\"value\":1e300}\n{\"st"))
	f.Fuzz(func(t *testing.T, data []byte) {
		run, err := parseRun(data)
		if err != nil {
			return
		}
		dir := t.TempDir()
		w, err := OpenRun(dir, "r")
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range run.Points {
			w.Add(p.Step, p.Name, p.Value)
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		back, err := ReadRun(w.Path())
		if err != nil {
			t.Fatal(err)
		}
		if len(back.Points) != len(run.Points) {
			t.Fatalf("%d points back, wrote %d", len(back.Points), len(run.Points))
		}
		for i, p := range run.Points {
			q := back.Points[i]
			same := q.Value == p.Value || (math.IsNaN(q.Value) && math.IsNaN(p.Value))
			if q.Step != p.Step || q.Name != p.Name || !same {
				t.Fatalf("point %d: wrote %+v, read %+v", i, p, q)
			}
		}
	})
}
