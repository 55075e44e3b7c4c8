package plotting

import (
	"fmt"
	"html"
	"io"
	"math"
	"os"
	"slices"
	"strings"
	"sync"
	"time"
)

// ProgressOptions configure a Progress bar. The zero value shows in the
// notebook if there is one and prints to os.Stderr otherwise.
type ProgressOptions struct {
	// Label is printed before the bar ("epoch 3", "sampling").
	Label string
	// Every is the least wall time between notebook updates (default
	// 100ms): an HTML update is a few hundred bytes.
	Every time.Duration
	// TerminalEvery is the least wall time between printed lines when
	// there is no notebook (default 2s), so logs stay short.
	TerminalEvery time.Duration
	// Display receives the HTML bar (default Notebook()).
	Display Display
	// Writer receives plain lines when Display is nil (default
	// os.Stderr). Set it to io.Discard to print nothing.
	Writer io.Writer
	// Now is the clock (default time.Now).
	Now func() time.Time
}

// Progress is a progress bar for a loop of known length: steps done,
// rate, time left and the latest metrics. In a notebook it is one HTML
// output updated in place (with a text/plain copy for converters); in a
// terminal it prints a plain line at most every TerminalEvery. It is safe
// for concurrent use.
type Progress struct {
	mu      sync.Mutex
	opt     ProgressOptions
	id      string
	total   int
	done    int
	start   time.Time
	last    time.Time
	metrics map[string]float64
	names   []string
	lines   int
	err     error
	closed  bool
}

// NewProgress returns a bar for total steps (0 if unknown: no percentage
// or time left). The clock starts now.
func NewProgress(total int, opt ProgressOptions) *Progress {
	if opt.Every <= 0 {
		opt.Every = 100 * time.Millisecond
	}
	if opt.TerminalEvery <= 0 {
		opt.TerminalEvery = 2 * time.Second
	}
	if opt.Display == nil {
		opt.Display = Notebook()
	}
	if opt.Writer == nil {
		opt.Writer = os.Stderr
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	return &Progress{opt: opt, id: NewDisplayID("gendl_progress"), total: total,
		start: opt.Now(), metrics: map[string]float64{}}
}

// Set records that done steps are complete and redraws if the throttle
// allows.
func (p *Progress) Set(done int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.done = done
	p.maybeDrawLocked()
}

// Increment records one more step done.
func (p *Progress) Increment() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.done++
	p.maybeDrawLocked()
}

// Add records metric name's latest value at step (0-based), counting
// steps 0..step as done: the same call a Tracker and a RunLog take, so one
// Tee feeds all three.
func (p *Progress) Add(step int, name string, value float64) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if _, ok := p.metrics[name]; !ok {
		p.names = append(p.names, name)
	}
	p.metrics[name] = value
	p.done = max(p.done, step+1)
	p.maybeDrawLocked()
}

// Done draws the final state (elapsed time instead of time left) and
// waits for the notebook to receive it. It returns the display's error.
func (p *Progress) Done() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed {
		return p.err
	}
	p.closed = true
	p.drawLocked(p.opt.Now())
	if s, ok := p.opt.Display.(Syncer); ok && p.opt.Display != nil {
		s.Sync()
	}
	return p.err
}

func (p *Progress) maybeDrawLocked() {
	if p.closed || p.err != nil {
		return
	}
	now := p.opt.Now()
	every := p.opt.Every
	if p.opt.Display == nil {
		every = p.opt.TerminalEvery
	}
	if !p.last.IsZero() && now.Sub(p.last) < every {
		return
	}
	p.drawLocked(now)
}

func (p *Progress) drawLocked(now time.Time) {
	p.last = now
	line := p.lineLocked(now)
	if p.opt.Display == nil {
		_, p.err = fmt.Fprintln(p.opt.Writer, line)
		p.lines++
		return
	}
	p.err = p.opt.Display.Send(Output{DisplayID: p.id, Data: map[string]any{
		MIMEHTML:  p.htmlLocked(line),
		MIMEPlain: line,
	}})
}

// String is the bar's current plain line, e.g.
// "epoch 1  45/100  45%  12.3 it/s  ETA 0:04  loss 0.412".
func (p *Progress) String() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.lineLocked(p.opt.Now())
}

func (p *Progress) lineLocked(now time.Time) string {
	var b strings.Builder
	if p.opt.Label != "" {
		b.WriteString(p.opt.Label + "  ")
	}
	elapsed := now.Sub(p.start)
	if p.total > 0 {
		fmt.Fprintf(&b, "%d/%d  %3.0f%%", p.done, p.total, 100*float64(p.done)/float64(p.total))
	} else {
		fmt.Fprintf(&b, "%d", p.done)
	}
	rate := float64(p.done) / elapsed.Seconds()
	if p.done > 0 && elapsed > 0 {
		fmt.Fprintf(&b, "  %s", formatRate(rate))
	}
	switch {
	case p.closed || (p.total > 0 && p.done >= p.total):
		fmt.Fprintf(&b, "  took %s", clock(elapsed))
	case p.total > 0 && p.done > 0 && elapsed > 0:
		fmt.Fprintf(&b, "  ETA %s", clock(time.Duration(float64(p.total-p.done)/rate*float64(time.Second))))
	}
	for _, name := range p.names {
		fmt.Fprintf(&b, "  %s %.4g", name, p.metrics[name])
	}
	return b.String()
}

func (p *Progress) htmlLocked(line string) string {
	bar := ""
	if p.total > 0 {
		bar = fmt.Sprintf(`<progress value="%d" max="%d" style="width:30%%;vertical-align:middle"></progress> `,
			min(p.done, p.total), p.total)
	}
	return `<div style="font-family:monospace;white-space:pre">` + bar + html.EscapeString(line) + `</div>`
}

// formatRate prints steps per second, or seconds per step when slow.
func formatRate(r float64) string {
	switch {
	case r >= 1 || r == 0 || math.IsInf(r, 0):
		return fmt.Sprintf("%.3g it/s", r)
	default:
		return fmt.Sprintf("%.3g s/it", 1/r)
	}
}

// clock formats d as m:ss or h:mm:ss.
func clock(d time.Duration) string {
	s := int(d.Round(time.Second).Seconds())
	if s >= 3600 {
		return fmt.Sprintf("%d:%02d:%02d", s/3600, s/60%60, s%60)
	}
	return fmt.Sprintf("%d:%02d", s/60, s%60)
}

// Logger is what a training loop feeds: one metric value at a step.
// Tracker, Progress and RunLog all implement it.
type Logger interface {
	Add(step int, name string, value float64)
}

// Tee returns a Logger that passes every Add to each of ls (nil ones are
// skipped), so a loop makes one call per metric.
func Tee(ls ...Logger) Logger {
	return tee(slices.DeleteFunc(slices.Clone(ls), func(l Logger) bool { return l == nil }))
}

type tee []Logger

func (t tee) Add(step int, name string, value float64) {
	for _, l := range t {
		l.Add(step, name, value)
	}
}
