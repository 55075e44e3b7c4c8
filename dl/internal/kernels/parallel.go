package kernels

import "sync"

// minWorkPerThread is the number of multiply-adds below which another
// goroutine costs more than it saves (starting one is about a microsecond,
// which is 50k multiply-adds at the single-core rate).
const minWorkPerThread = 1 << 17

// gemm computes the product with up to threads goroutines. C is cut into a
// grid of tm-by-tn blocks, one per goroutine, each computed independently by
// gemmSerial with its own packing buffers: there is no barrier and no shared
// write. Every block packs its own copy of the A rows and B columns it needs;
// the grid shape is chosen to keep that duplicated packing smallest.
func gemm[T float](g *geometry[T], o *operands[T], threads int) {
	if o.m == 0 || o.n == 0 || o.k == 0 {
		return
	}
	work := o.m * o.n * o.k
	threads = min(threads, work/minWorkPerThread)
	if threads <= 1 {
		gemmSerial(g, o)
		return
	}
	tm, tn := splitGrid(threads, o.m, o.n, o.k, g.mr, g.nr)
	if tm*tn <= 1 {
		gemmSerial(g, o)
		return
	}
	rowsPer := roundUp((o.m+tm-1)/tm, g.mr)
	colsPer := roundUp((o.n+tn-1)/tn, g.nr)
	var wg sync.WaitGroup
	var first operands[T]
	haveFirst := false
	for i0 := 0; i0 < o.m; i0 += rowsPer {
		for j0 := 0; j0 < o.n; j0 += colsPer {
			part := o.sub(i0, min(rowsPer, o.m-i0), j0, min(colsPer, o.n-j0))
			if !haveFirst {
				first, haveFirst = part, true
				continue
			}
			wg.Add(1)
			go func() {
				defer wg.Done()
				gemmSerial(g, &part)
			}()
		}
	}
	gemmSerial(g, &first)
	wg.Wait()
}

// splitGrid picks tm*tn <= threads blocks of C. Cutting C into tn column
// strips makes each strip re-pack all of A (m*k values), and tm row strips
// re-pack all of B (k*n): the grid with the least packing wins, among those
// whose blocks are at least one register tile.
func splitGrid(threads, m, n, k, mr, nr int) (tm, tn int) {
	tm, tn = 1, 1
	best := -1
	for t := threads; t >= 2 && best < 0; t-- {
		for a := 1; a <= t; a++ {
			if t%a != 0 {
				continue
			}
			b := t / a
			if roundUp((m+a-1)/a, mr)*(a-1) >= m || roundUp((n+b-1)/b, nr)*(b-1) >= n {
				continue // some block would be empty
			}
			cost := b*m*k + a*k*n
			if best < 0 || cost < best {
				best, tm, tn = cost, a, b
			}
		}
	}
	return tm, tn
}

func roundUp(x, to int) int { return (x + to - 1) / to * to }
