package plotting

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

func TestProgressTerminalLines(t *testing.T) {
	t.Parallel()
	var out bytes.Buffer
	clk := newFakeClock()
	bar := NewProgress(100, ProgressOptions{Label: "epoch 1", Writer: &out,
		Now: clk.Now, TerminalEvery: 2 * time.Second})
	bar.opt.Display = nil // no notebook, even when tests run under GoNB
	for step := 0; step < 100; step++ {
		clk.Advance(100 * time.Millisecond)
		bar.Add(step, "loss", 1/float64(step+1))
	}
	if err := bar.Done(); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	// 10 s at one line per 2 s, the first at once, plus the final line.
	if len(lines) < 5 || len(lines) > 7 {
		t.Fatalf("%d lines, want about 6:\n%s", len(lines), out.String())
	}
	if got, want := lines[0], "epoch 1  1/100    1%  10 it/s  ETA 0:10  loss 1"; got != want {
		t.Errorf("first line %q, want %q", got, want)
	}
	if got, want := lines[len(lines)-1], "epoch 1  100/100  100%  10 it/s  took 0:10  loss 0.01"; got != want {
		t.Errorf("last line %q, want %q", got, want)
	}
}

func TestProgressNotebookHTMLInPlace(t *testing.T) {
	t.Parallel()
	rec := &Recorder{}
	clk := newFakeClock()
	bar := NewProgress(10, ProgressOptions{Display: rec, Now: clk.Now, Every: time.Second})
	for i := 0; i < 10; i++ {
		clk.Advance(500 * time.Millisecond)
		bar.Increment()
	}
	bar.Done()
	msgs := rec.Messages()
	if len(msgs) != 6 { // steps 1, 3, 5, 7, 9 (one a second) and the final state
		t.Fatalf("%d messages, want 6: %q", len(msgs), rec.Types())
	}
	for i, m := range msgs {
		if (i == 0) != (m.Type == "display_data") {
			t.Errorf("message %d is %s", i, m.Type)
		}
	}
	last := msgs[len(msgs)-1]
	html := last.Data[MIMEHTML].(string)
	if !strings.Contains(html, `<progress value="10" max="10"`) {
		t.Errorf("final HTML %q", html)
	}
	if got := last.Data[MIMEPlain]; got != "10/10  100%  2 it/s  took 0:05" {
		t.Errorf("final text %q", got)
	}
	if rec.Synced() != 1 {
		t.Error("Done did not sync")
	}
}

func TestProgressUnknownTotalAndSlowRate(t *testing.T) {
	t.Parallel()
	clk := newFakeClock()
	bar := NewProgress(0, ProgressOptions{Writer: &bytes.Buffer{}, Now: clk.Now})
	bar.opt.Display = nil
	clk.Advance(4 * time.Second)
	bar.Set(2)
	if got := bar.String(); got != "2  2 s/it" {
		t.Errorf("line %q", got)
	}
}

func TestTeeFeedsEveryLogger(t *testing.T) {
	t.Parallel()
	a := NewTracker(TrackerOptions{Display: Discard{}})
	b := NewTracker(TrackerOptions{Display: Discard{}})
	l := Tee(a, nil, b)
	l.Add(3, "loss", 0.5)
	for _, tr := range []*Tracker{a, b} {
		if s, v := tr.Values("loss"); len(s) != 1 || s[0] != 3 || v[0] != 0.5 {
			t.Errorf("tracker got %v %v", s, v)
		}
	}
}
