// Package chunks runs a loop body over contiguous chunks of a range on
// several goroutines: the one fork-join that dl's elementwise ops,
// recurrent scans and the optimizers' updates share.
package chunks

import "sync"

// Run calls f(lo, hi) for contiguous chunks covering [0, n), parts of them
// (fewer when n is small), each but the last a multiple of align long. The
// first chunk runs on the calling goroutine and the rest on new ones; Run
// returns when all are done. With parts <= 1 it calls f(0, n) directly. f
// must write only what belongs to its own chunk.
func Run(n, parts, align int, f func(lo, hi int)) {
	if parts <= 1 || n <= align {
		f(0, n)
		return
	}
	align = max(align, 1)
	chunk := ((n+parts-1)/parts + align - 1) / align * align
	var wg sync.WaitGroup
	for lo := chunk; lo < n; lo += chunk {
		wg.Add(1)
		go func() {
			defer wg.Done()
			f(lo, min(lo+chunk, n))
		}()
	}
	f(0, min(chunk, n))
	wg.Wait()
}
