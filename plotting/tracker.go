package plotting

import (
	"maps"
	"slices"
	"strings"
	"sync"
	"time"

	"gonum.org/v1/plot/vg"
)

// TrackerOptions configure a Tracker. The zero value is usable: the first
// frame a second after the first Add, then at most one a second and never
// more than 1.5% of the wall time in total, raw
// values, linear y, x in steps, shown in the notebook if there is one.
type TrackerOptions struct {
	// Every is the least wall time between two redraws (default 1s).
	Every time.Duration
	// Budget is the most of the wall time since the first Add that
	// redrawing may take in total (default 0.015, leaving room under 2%
	// for the Add calls themselves): after a frame that took d, the next
	// waits until drawing one more like it stays within Budget. Only the
	// final frame (Close) is drawn regardless.
	Budget float64
	// Smoothing is the weight of the past in an exponential moving
	// average drawn over the raw values, in [0, 1): 0 draws raw values
	// only; 0.9 suits noisy minibatch losses. The average is debiased
	// (divided by 1-Smoothing^n), so it starts at the first value.
	Smoothing float64
	// LogY puts every panel's y axis on a log scale (values <= 0 are not
	// drawn).
	LogY bool
	// StepsPerEpoch, when > 0, labels the x axis in epochs: x = step /
	// StepsPerEpoch, so per-step training losses and per-epoch
	// validation losses from nested loops share one axis.
	StepsPerEpoch int
	// Cols is the number of panels per row (default 2).
	Cols int
	// Width and Height override the figure size.
	Width, Height vg.Length
	// SVG sends frames as SVG instead of PNG.
	SVG bool
	// Display receives the frames (default Notebook(); Discard{} for
	// none).
	Display Display
	// Now is the clock (default time.Now); tests pass a fake one.
	Now func() time.Time
}

// Tracker draws live training curves: a training loop calls Add(step,
// name, value) for each metric, and the Tracker redraws one figure in
// place in the cell's output (display_data once, then update_display_data
// under the same display ID), throttled by wall time. Close draws the
// final frame, which is what a saved notebook keeps.
//
// Names group into panels: "train/loss" and "val/loss" are the series
// "train" and "val" in the panel "loss"; a name without a slash is a panel
// with one series. A Tracker is safe for concurrent use.
type Tracker struct {
	mu     sync.Mutex
	opt    TrackerOptions
	id     string
	series map[string]*series
	order  []*series // in order of first Add
	labels []string  // series labels in order of first Add (for colors)

	next     time.Time // no redraw before this
	start    time.Time
	adds     int
	frames   int
	drawTime time.Duration
	err      error
	closed   bool
}

// series is one named metric's points.
type series struct {
	name, panel, label string
	steps              []int
	values             []float64
}

// TrackerStats is what a Tracker has done so far: Adds calls, Frames sent,
// DrawTime spent building, encoding and sending them, since the first Add.
type TrackerStats struct {
	Adds, Frames int
	DrawTime     time.Duration
	Elapsed      time.Duration
}

// Discard is a Display that drops everything.
type Discard struct{}

// Send does nothing.
func (Discard) Send(Output) error { return nil }

// NewTracker returns a Tracker with its own display ID.
func NewTracker(opt TrackerOptions) *Tracker {
	if opt.Every <= 0 {
		opt.Every = time.Second
	}
	if opt.Budget <= 0 {
		opt.Budget = 0.015
	}
	if opt.Smoothing < 0 || opt.Smoothing >= 1 {
		opt.Smoothing = 0
	}
	if opt.Cols <= 0 {
		opt.Cols = 2
	}
	if opt.Display == nil {
		opt.Display = Notebook()
	}
	if _, ok := opt.Display.(Discard); ok {
		opt.Display = nil // render nothing at all
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	return &Tracker{opt: opt, id: NewDisplayID("gendl_tracker"), series: map[string]*series{}}
}

// DisplayID is the ID of the output area the tracker updates.
func (t *Tracker) DisplayID() string { return t.id }

// Add records value for metric name at step (a global step counter: in
// nested loops, epoch*stepsPerEpoch + i) and redraws if the throttle
// allows. NaN values are kept (and not drawn); a step may repeat.
func (t *Tracker) Add(step int, name string, value float64) {
	t.mu.Lock()
	defer t.mu.Unlock()
	s := t.series[name]
	if s == nil {
		s = newSeries(name)
		t.series[name] = s
		t.order = append(t.order, s)
		if !slices.Contains(t.labels, s.label) {
			t.labels = append(t.labels, s.label)
		}
	}
	s.steps = append(s.steps, step)
	s.values = append(s.values, value)
	t.adds++
	if t.closed || t.opt.Display == nil || t.err != nil {
		return
	}
	now := t.opt.Now()
	if t.start.IsZero() {
		t.start = now
		t.next = now.Add(t.opt.Every) // a first frame of one point is noise
		return
	}
	if now.Before(t.next) {
		return
	}
	t.redrawLocked(now)
}

// AddAll records several metrics at one step, e.g. the values of a
// map[string]float64 returned by an evaluation, in sorted name order.
func (t *Tracker) AddAll(step int, metrics map[string]float64) {
	for _, name := range slices.Sorted(maps.Keys(metrics)) {
		t.Add(step, name, metrics[name])
	}
}

// redrawLocked renders and sends a frame and sets the next allowed time.
func (t *Tracker) redrawLocked(now time.Time) {
	if len(t.order) == 0 {
		return
	}
	out, err := render(t.figureLocked(), t.opt.SVG, t.opt.Width, t.opt.Height, DefaultDPI)
	if err == nil {
		out.DisplayID = t.id
		err = t.opt.Display.Send(out)
	}
	if err != nil {
		t.err = err
		return
	}
	d := t.opt.Now().Sub(now)
	t.frames++
	t.drawTime += d
	// The next frame waits Every, and until drawing it (as long as this
	// one took) keeps the total drawing time within Budget of the time
	// since the first Add.
	t.next = now.Add(t.opt.Every)
	if b := t.start.Add(time.Duration(float64(t.drawTime+d) / t.opt.Budget)); b.After(t.next) {
		t.next = b
	}
}

// Flush redraws now, ignoring the throttle (e.g. at the end of an epoch).
func (t *Tracker) Flush() error {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.opt.Display != nil && t.err == nil && !t.closed {
		t.redrawLocked(t.opt.Now())
	}
	return t.err
}

// Close draws the final frame in the same output area, so the notebook
// saves the finished curves, and waits until it reached the front end. It
// returns the first error the display reported. Later Adds are recorded
// but not drawn; Close is idempotent.
func (t *Tracker) Close() error {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.closed {
		return t.err
	}
	t.closed = true
	if t.opt.Display == nil || t.err != nil {
		return t.err
	}
	t.redrawLocked(t.opt.Now())
	if s, ok := t.opt.Display.(Syncer); ok {
		s.Sync()
	}
	return t.err
}

// Stats reports the tracker's work so far, to check its overhead.
func (t *Tracker) Stats() TrackerStats {
	t.mu.Lock()
	defer t.mu.Unlock()
	st := TrackerStats{Adds: t.adds, Frames: t.frames, DrawTime: t.drawTime}
	if !t.start.IsZero() {
		st.Elapsed = t.opt.Now().Sub(t.start)
	}
	return st
}

// Values returns copies of the steps and values recorded for name.
func (t *Tracker) Values(name string) (steps []int, values []float64) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if s := t.series[name]; s != nil {
		return append([]int(nil), s.steps...), append([]float64(nil), s.values...)
	}
	return nil, nil
}

// Names returns the metric names in the order they were first added.
func (t *Tracker) Names() []string {
	t.mu.Lock()
	defer t.mu.Unlock()
	names := make([]string, len(t.order))
	for i, s := range t.order {
		names[i] = s.name
	}
	return names
}

func newSeries(name string) *series {
	s := &series{name: name, panel: name, label: name}
	if i := strings.LastIndexByte(name, '/'); i > 0 && i < len(name)-1 {
		s.label, s.panel = name[:i], name[i+1:]
	}
	return s
}
