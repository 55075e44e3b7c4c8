package dl

import (
	"math"
	"runtime"
	"testing"
)

// TestScratchPoisonedAndSized: a scratch buffer has the length asked for,
// a power-of-two byte capacity when pooled, and is NaN throughout under the
// tests' poisoning even when it was used and given back before.
func TestScratchPoisonedAndSized(t *testing.T) {
	for _, n := range []int{3, 1000, 16384, 100000, 1 << 18} {
		s := scratch[float32](n)
		if len(s) != n {
			t.Fatalf("scratch(%d): len %d", n, len(s))
		}
		if bytes := cap(s) * 4; bytes >= scratchMinBytes && bytes&(bytes-1) != 0 {
			t.Errorf("scratch(%d): capacity %d bytes, want a power of two", n, bytes)
		}
		for i := range s {
			if !math.IsNaN(float64(s[i])) {
				t.Fatalf("scratch(%d)[%d] = %v, want NaN (poisoned)", n, i, s[i])
			}
			s[i] = 1
		}
		putScratch(s)
		again := scratch[float32](n)
		for i := range again {
			if !math.IsNaN(float64(again[i])) {
				t.Fatalf("scratch(%d) after putScratch: [%d] = %v, want NaN", n, i, again[i])
			}
		}
		putScratch(again)
	}
	d := scratch[float64](1 << 14)
	if len(d) != 1<<14 || !math.IsNaN(d[0]) {
		t.Fatalf("float64 scratch: len %d, d[0] = %v", len(d), d[0])
	}
	putScratch(d)
	putScratch(make([]float32, 100000)) // not the pool's (capacity not a power of two): ignored
}

// TestScratchReuses: taking and giving back a 1 MB buffer many times, with
// collections in between, must allocate it once, not each time.
func TestScratchReuses(t *testing.T) {
	const n, rounds = 1 << 18, 100
	putScratch(scratch[float32](n))
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	for range rounds {
		s := scratch[float32](n)
		s[0] = 1
		putScratch(s)
		runtime.GC()
	}
	runtime.ReadMemStats(&after)
	if got, all := after.TotalAlloc-before.TotalAlloc, uint64(rounds*n*4); got > all/10 {
		t.Errorf("%d rounds of a %d-byte scratch allocated %d bytes, want a small part of %d", rounds, n*4, got, all)
	}
}
