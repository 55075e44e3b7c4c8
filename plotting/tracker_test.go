package plotting

import (
	"math"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestTrackerUpdatesOneOutputInPlace(t *testing.T) {
	t.Parallel()
	rec := &Recorder{}
	clk := newFakeClock()
	tr := NewTracker(TrackerOptions{Display: rec, Now: clk.Now, Every: time.Second})
	for step := 0; step < 100; step++ {
		tr.Add(step, "train/loss", 1/float64(step+1))
		clk.Advance(100 * time.Millisecond) // a 100 ms training step
	}
	if err := tr.Close(); err != nil {
		t.Fatal(err)
	}
	msgs := rec.Messages()
	// 10 s of training with one frame a second, plus the final frame.
	if len(msgs) < 9 || len(msgs) > 12 {
		t.Fatalf("got %d frames for 10 s at one a second, want about 11", len(msgs))
	}
	for i, m := range msgs {
		want := "update_display_data"
		if i == 0 {
			want = "display_data"
		}
		if m.Type != want || m.DisplayID != tr.DisplayID() {
			t.Errorf("message %d: %s %q, want %s %q", i, m.Type, m.DisplayID, want, tr.DisplayID())
		}
		if png, ok := m.Data[MIMEPNG].([]byte); !ok || len(png) < 8 || string(png[1:4]) != "PNG" {
			t.Errorf("message %d carries no PNG", i)
		}
	}
	if rec.Synced() != 1 {
		t.Errorf("Close synced %d times, want 1", rec.Synced())
	}
	// The final frame shows the last value in the panel title.
	if got := msgs[len(msgs)-1].Data[MIMEPlain]; got != `<plots ["loss (train 0.01)"]>` {
		t.Errorf("text/plain fallback %q", got)
	}
	if got := tr.Figure().Plots[0].Title.Text; got != "loss (train 0.01)" {
		t.Errorf("final title %q", got)
	}
	st := tr.Stats()
	if st.Adds != 100 || st.Frames != len(msgs) {
		t.Errorf("stats %+v, want 100 adds and %d frames", st, len(msgs))
	}
}

func TestTrackerBudgetStretchesTheInterval(t *testing.T) {
	t.Parallel()
	rec := &Recorder{}
	clk := newFakeClock()
	// Every reading of the clock advances it 50 ms, so a frame "takes"
	// 50 ms; at a 2% budget the next frame waits 2.5 s, not Every = 100 ms.
	clk.step = 50 * time.Millisecond
	tr := NewTracker(TrackerOptions{Display: rec, Now: clk.Now, Every: 100 * time.Millisecond})
	for step := 0; step < 200; step++ {
		tr.Add(step, "loss", 1)
	}
	st := tr.Stats()
	if st.Frames == 0 {
		t.Fatal("no frame drawn")
	}
	if frac := float64(st.DrawTime) / float64(st.Elapsed); frac > 0.03 {
		t.Errorf("drawing took %.1f%% of the time (%d frames in %v), budget 2%%",
			100*frac, st.Frames, st.Elapsed)
	}
}

func TestTrackerPanelsSeriesAndLegend(t *testing.T) {
	t.Parallel()
	tr := NewTracker(TrackerOptions{Display: Discard{}, StepsPerEpoch: 10, Smoothing: 0.9})
	for epoch := 0; epoch < 3; epoch++ { // nested loops feed one tracker
		for i := 0; i < 10; i++ {
			step := epoch*10 + i
			tr.Add(step, "train/loss", 2-float64(step)/30)
			tr.Add(step, "train/acc", float64(step)/30)
		}
		tr.Add(epoch*10+9, "val/loss", 2.1-float64(epoch)/3)
	}
	if got, want := tr.Names(), []string{"train/loss", "train/acc", "val/loss"}; !slices.Equal(got, want) {
		t.Fatalf("names %v, want %v", got, want)
	}
	fig := tr.Figure()
	if len(fig.Plots) != 2 {
		t.Fatalf("%d panels, want loss and acc", len(fig.Plots))
	}
	if got := fig.Plots[0].Title.Text; got != "loss (train 1.033, val 1.433)" {
		t.Errorf("loss title %q", got)
	}
	if got := fig.Plots[0].X.Label.Text; got != "epoch" {
		t.Errorf("x label %q, want epoch", got)
	}
	// Steps 0..29 at 10 steps an epoch span x = 0..2.9.
	if x := fig.Plots[0].X; x.Min != 0 || math.Abs(x.Max-2.9) > 1e-9 {
		t.Errorf("x range [%v, %v], want [0, 2.9]", x.Min, x.Max)
	}
	text := drawnText(fig)
	if m := hasAll(text, "train", "val", "epoch"); m != nil {
		t.Errorf("figure lacks %q; drew %q", m, text)
	}
	steps, vals := tr.Values("val/loss")
	if !slices.Equal(steps, []int{9, 19, 29}) || len(vals) != 3 {
		t.Errorf("val/loss steps %v values %v", steps, vals)
	}
}

func TestTrackerLogYDropsNonPositive(t *testing.T) {
	t.Parallel()
	tr := NewTracker(TrackerOptions{Display: Discard{}, LogY: true})
	for i, v := range []float64{10, 1, 0, -1, math.NaN(), 0.1} {
		tr.Add(i, "loss", v)
	}
	p := tr.Figure().Plots[0]
	if p.Y.Min != 0.1 || p.Y.Max != 10 {
		t.Errorf("log y range [%v, %v], want [0.1, 10]", p.Y.Min, p.Y.Max)
	}
	if _, err := PNG(tr.Figure(), 0, 0); err != nil {
		t.Fatal(err)
	}
}

func TestTrackerWithoutDisplayDrawsNothing(t *testing.T) {
	t.Parallel()
	tr := NewTracker(TrackerOptions{Display: Discard{}})
	tr.Add(0, "loss", 1)
	if err := tr.Close(); err != nil {
		t.Fatal(err)
	}
	if st := tr.Stats(); st.Frames != 0 {
		t.Errorf("%d frames rendered for Discard, want 0", st.Frames)
	}
}

func TestTrackerAddAfterCloseIsRecordedNotDrawn(t *testing.T) {
	t.Parallel()
	rec := &Recorder{}
	tr := NewTracker(TrackerOptions{Display: rec})
	tr.Add(0, "loss", 1) // starts the clock
	tr.Flush()           // first frame
	tr.Close()           // final frame
	tr.Close()           // idempotent
	tr.Add(1, "loss", 0.5)
	if _, v := tr.Values("loss"); len(v) != 2 {
		t.Errorf("values %v", v)
	}
	if got := rec.Types(); !slices.Equal(got, []string{
		"display_data image/png,text/plain", "update_display_data image/png,text/plain"}) {
		t.Errorf("messages %q", got)
	}
}

func TestTrackerSVG(t *testing.T) {
	t.Parallel()
	rec := &Recorder{}
	tr := NewTracker(TrackerOptions{Display: rec, SVG: true})
	tr.Add(0, "loss", 1)
	tr.Close()
	for _, m := range rec.Messages() {
		html, _ := m.Data[MIMEHTML].(string)
		if !strings.Contains(html, "<svg") {
			t.Errorf("%s without SVG", m.Type)
		}
	}
}

func TestEMA(t *testing.T) {
	t.Parallel()
	got := ema([]float64{1, math.NaN(), 3}, 0.5)
	// s1 = 0.5, w1 = 0.5 -> 1; NaN carries; s3 = 0.25+1.5 = 1.75, w3 = 0.75 -> 2.333
	want := []float64{1, 1, 1.75 / 0.75}
	for i := range want {
		if math.Abs(got[i]-want[i]) > 1e-12 {
			t.Errorf("ema[%d] = %v, want %v", i, got[i], want[i])
		}
	}
}
