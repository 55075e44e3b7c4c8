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
