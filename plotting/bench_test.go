package plotting

import (
	"io"
	"math"
	"path/filepath"
	"testing"
	"time"
)

// BenchmarkTrackerAdd is the cost a training loop pays per Add between
// redraws (the throttle says no): the number to compare with a step.
func BenchmarkTrackerAdd(b *testing.B) {
	tr := NewTracker(TrackerOptions{Display: &Recorder{}, Every: time.Hour})
	tr.Add(0, "train/loss", 1) // the first frame, outside the timing
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		tr.Add(i, "train/loss", 1/float64(i+1))
	}
}

// BenchmarkTrackerFrame is one redraw: build the figure, encode the PNG,
// send it. Two panels of 5,000 steps each, smoothed.
func BenchmarkTrackerFrame(b *testing.B) {
	tr := NewTracker(TrackerOptions{Display: Discard{}, Smoothing: 0.9})
	for i := 0; i < 5000; i++ {
		tr.Add(i, "train/loss", 2*math.Exp(-float64(i)/1000)+0.1*math.Sin(float64(i)))
		tr.Add(i, "train/acc", 1-math.Exp(-float64(i)/1000))
		if i%500 == 499 {
			tr.Add(i, "val/loss", 2*math.Exp(-float64(i)/1000)+0.2)
		}
	}
	fig := tr.Figure()
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		fig = tr.Figure()
		if _, err := render(fig, false, 0, 0, DefaultDPI); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkProgressAdd is the cost per step of a throttled progress bar.
func BenchmarkProgressAdd(b *testing.B) {
	bar := NewProgress(b.N, ProgressOptions{Writer: io.Discard, TerminalEvery: time.Hour})
	bar.opt.Display = nil
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		bar.Add(i, "loss", 0.5)
	}
}

// BenchmarkRunLogAdd is the cost per logged value (buffered).
func BenchmarkRunLogAdd(b *testing.B) {
	r, err := OpenRun(filepath.Join(b.TempDir()), "bench")
	if err != nil {
		b.Fatal(err)
	}
	defer r.Close()
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		r.Add(i, "train/loss", 0.5)
	}
}

// BenchmarkTrackerOverhead runs a fake training loop of 5,000 steps of
// 1 ms busy work feeding a tracker three metrics a step, times every
// tracker call (Add and the final Close, frames included), and reports
// that time as a share of the loop's wall time (tracker-%), with the
// frames drawn and the share spent drawing them (draw-%). Timing the
// calls themselves, not comparing with a loop without tracker, keeps the
// number meaningful on a shared machine. Run once:
//
//	go test -run X -bench TrackerOverhead -benchtime 1x ./plotting
func BenchmarkTrackerOverhead(b *testing.B) {
	const steps, step = 5000, time.Millisecond
	for range b.N {
		tr := NewTracker(TrackerOptions{Display: &Recorder{}, Smoothing: 0.9})
		var inTracker time.Duration
		timed := func(f func()) {
			t0 := time.Now()
			f()
			inTracker += time.Since(t0)
		}
		start := time.Now()
		for i := range steps {
			for t0 := time.Now(); time.Since(t0) < step; {
			}
			timed(func() {
				tr.Add(i, "train/loss", 1/float64(i+1))
				tr.Add(i, "train/acc", float64(i)/steps)
				if i%500 == 499 {
					tr.Add(i, "val/loss", 1/float64(i+1))
				}
			})
		}
		timed(func() { tr.Close() })
		elapsed := time.Since(start)
		st := tr.Stats()
		b.ReportMetric(100*float64(inTracker)/float64(elapsed), "tracker-%")
		b.ReportMetric(float64(st.Frames), "frames")
		b.ReportMetric(100*float64(st.DrawTime)/float64(elapsed), "draw-%")
	}
}
