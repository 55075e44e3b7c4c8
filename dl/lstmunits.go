package dl

import (
	"runtime"

	"github.com/gendl/gendl/dl/internal/chunks"
	"github.com/gendl/gendl/dl/internal/kernels"
	"github.com/gendl/gendl/dl/internal/vecmath"
)

// The LSTM scan split over hidden units. Cutting the batch into one block
// of rows per CPU (scanShards) leaves each core few rows per step — 16 of
// W3's 32 — and each step's product then reads the whole packed recurrent
// weight (4H·H, 1 MB at H = 256) for only those rows: at two cores the
// recurrence's products took up to twice the CPU time they take on one.
// Here each core owns a range of hidden units instead, for every row of
// the batch: its gates' slices of W_hh (half of the weight per core at two
// cores, packed once per gate) stay in its cache for the whole sequence,
// and it computes the gates, c and h of its units. A step's product needs
// all of h_{t-1} (forward) or all of the gate gradients (backward), so the
// cores meet at a spinning barrier once per step, against tens of
// microseconds of product.

// lstmUnitMaxRows is the most batch rows per core for which the unit split
// is used: with more, the row blocks amortise the weight well enough and
// need no barrier.
const lstmUnitMaxRows = 48

// lstmUnitParts returns how many cores to split the hidden units of a
// float32 LSTM scan among, or 1 to use the row blocks of scanShards (or
// one core). Every CPU gets a part of at least 64 units, a multiple of 8
// (whole vector lanes); where the units are too few for that (H = 256 on
// 16 CPUs), the row blocks keep every CPU busy instead.
func lstmUnitParts[T float](b, t, h int) int {
	procs := runtime.GOMAXPROCS(0)
	if !is32[T]() || procs < 2 || t < 2 || b <= 4 || b > lstmUnitMaxRows*procs || b*t*h*4*h < scanMinWork {
		return 1
	}
	if h < 64*procs || h%(8*procs) != 0 {
		return 1
	}
	return procs
}

// lstmForwardUnits is lstmForward's recurrence split over hidden units
// among parts goroutines.
func lstmForwardUnits(xp, h0, c0, whh, bhh, y, acts []float32, b, t, h, parts int) {
	hu := h / parts
	hs := make([]float32, 2*b*h)
	bar := chunks.NewBarrier(parts)
	chunks.Run(parts, parts, 1, func(part, _ int) {
		u0 := part * hu
		var w [4]kernels.PackedB // op(W) for gate g: W_hh's rows g·H+u0.. as columns
		for g := range w {
			w[g].Pack(true, h, hu, whh[(g*h+u0)*h:], h)
		}
		for s := range t {
			prev := h0 // [B, H], then h_{s-1} gathered into hs
			if s > 0 {
				prev = hs[(s-1)%2*b*h:]
			}
			step := acts[s*b*5*h:] // this step's rows, time-major
			for g := range w {
				kernels.SgemmPackedThreads(1, false, b, 1, prev, h, &w[g], 0, step[g*h+u0:], 5*h)
			}
			for i := range b {
				lstmBias(step[i*5*h:], bhh, u0, hu, h)
			}
			for i := range b {
				r := i*t + s
				cPrev := c0[i*h+u0:]
				if s > 0 {
					cPrev = y[(r-1)*2*h+h+u0:]
				}
				out := y[r*2*h+u0:]
				lstmCell(step[i*5*h+u0:], xp[r*4*h+u0:], out, cPrev, h, hu)
				copy(hs[s%2*b*h+i*h+u0:][:hu], out[:hu])
			}
			if s+1 < t { // the next step's input projections, T rows apart
				for g := range 4 {
					vecmath.PrefetchRows(xp[(s+1)*4*h+g*h+u0:], b, t*4*h, hu)
				}
			}
			bar.Wait()
		}
	})
}

// lstmBackwardUnits is lstmBackward's recurrence split over hidden units:
// it writes every step's gate gradients into dps (time-major, rows ldp
// apart) and leaves the gradients for h0 and c0 in dh and dc ([B, H],
// zeros on entry).
func lstmBackwardUnits(gy, y, acts, c0, whh, dps, dh, dc []float32, b, t, h, ldp, parts int) {
	hu, g4 := h/parts, 4*h
	bar := chunks.NewBarrier(parts)
	chunks.Run(parts, parts, 1, func(part, _ int) {
		u0 := part * hu
		var w kernels.PackedB // W_hh's columns u0.. : dh_{s-1} = dp_s · W_hh[:, u0:u0+hu]
		w.Pack(false, g4, hu, whh[u0:], h)
		for s := t - 1; s >= 0; s-- {
			for i := range b {
				r := i*t + s
				cPrev := c0[i*h+u0:]
				if s > 0 {
					cPrev = y[(r-1)*2*h+h+u0:]
				}
				lstmCellGrad(acts[(s*b+i)*5*h+u0:], gy[r*2*h+u0:], dh[i*h+u0:i*h+u0+hu], dc[i*h+u0:], cPrev, dps[(s*b+i)*ldp+u0:], h)
			}
			if s > 0 { // what the next (earlier) step's cells read
				vecmath.PrefetchRows(acts[(s-1)*b*5*h+u0:], 5*b, h, hu) // its [i f g o tanh(c)] blocks, H apart
				vecmath.PrefetchRows(gy[(s-1)*2*h+u0:], b, t*2*h, hu)
				vecmath.PrefetchRows(gy[(s-1)*2*h+h+u0:], b, t*2*h, hu)
				if s > 1 {
					vecmath.PrefetchRows(y[(s-2)*2*h+h+u0:], b, t*2*h, hu) // c_{s-2}
				}
			}
			bar.Wait() // every unit's gate gradients of step s are written
			kernels.SgemmPackedThreads(1, false, b, 1, dps[s*b*ldp:], ldp, &w, 0, dh[u0:], h)
		}
	})
}
