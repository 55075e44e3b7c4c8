package chunks

import (
	"sync"
	"testing"
)

// Every index is visited once, chunk starts are aligned, and no more than
// parts chunks run.
func TestRunCoversOnce(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ n, parts, align int }{
		{0, 2, 1}, {1, 4, 1}, {10, 3, 1}, {100, 2, 16}, {1000, 7, 16}, {17, 2, 16}, {5, 1, 1},
	} {
		seen := make([]int, c.n)
		var mu sync.Mutex
		calls := 0
		Run(c.n, c.parts, c.align, func(lo, hi int) {
			mu.Lock()
			defer mu.Unlock()
			calls++
			if lo%max(c.align, 1) != 0 && lo != 0 {
				t.Errorf("%+v: chunk starts at %d, not a multiple of %d", c, lo, c.align)
			}
			for i := lo; i < hi; i++ {
				seen[i]++
			}
		})
		for i, s := range seen {
			if s != 1 {
				t.Fatalf("%+v: index %d visited %d times", c, i, s)
			}
		}
		if calls > max(c.parts, 1) {
			t.Errorf("%+v: %d chunks for %d parts", c, calls, c.parts)
		}
	}
}

// Parts writing their slot of step s and reading every slot of step s-1
// after the barrier see all of them written: 3 parts, 2000 steps.
func TestBarrierOrdersSteps(t *testing.T) {
	t.Parallel()
	const parts, steps = 3, 2000
	vals := make([]int, 2*parts) // two generations of slots
	b := NewBarrier(parts)
	errs := make([]int, parts)
	Run(parts, parts, 1, func(p, _ int) {
		for s := 1; s <= steps; s++ {
			vals[s%2*parts+p] = s
			b.Wait()
			for q := range parts {
				if vals[s%2*parts+q] != s {
					errs[p]++
				}
			}
			b.Wait() // nobody overwrites a slot another part is reading
		}
	})
	for p, e := range errs {
		if e != 0 {
			t.Errorf("part %d read %d stale slots", p, e)
		}
	}
}
