package kernels

import (
	"runtime"
	"sync/atomic"
	"time"
	"unsafe"
)

// minWorkPerThread is the number of multiply-adds per goroutine below which
// another goroutine is not worth its cost: 2^19 multiply-adds take about 5
// microseconds on one core, a few times what handing a task to an awake
// helper and waiting for it at the end cost.
const minWorkPerThread = 1 << 19

// maxPackedB bounds the packed B block, in elements: B is packed whole
// (k-by-n) when that fits in it and n <= geometry.nc, else in column blocks.
const maxPackedB = 1 << 22

// tasksPerThread is how many tasks each goroutine gets on average. More
// tasks than goroutines let a late or slowed helper (the machine is shared)
// take fewer, at the cost of re-reading B once more per task.
const tasksPerThread = 4

// gemm computes C += alpha*op(A)*op(B) with up to threads goroutines.
//
// For each column block of C, op(B) is packed once into a buffer that all
// goroutines read, then C's rows (and, when there are few rows, its
// columns) are cut into tasks. The calling goroutine and its helpers take
// packing chunks and then tasks from atomic counters, so a helper that
// starts late does less and the caller never waits for one that has not
// begun (see helpers.go). Each task runs the macro-kernel over its rows,
// depth block by depth block.
//
// A is not packed: the kernels read it in place, either layout (see
// gen_kernels.go). Packing A costs as much as the product when m or n is
// small (a 64x784x256 product spends 40% of its time packing) and, with the
// rows of a task small enough to stay in cache, reading A in place is as
// fast as reading a packed panel.
//
// If packed is not nil, it holds op(B) already packed for all of n (see
// PackedB), and B is neither read nor packed.
func gemm[T float](g *geometry[T], o *operands[T], threads int, packed []T) {
	if o.m == 0 || o.n == 0 || o.k == 0 {
		return
	}
	minWork := minWorkPerThread
	if g.minWork > 0 {
		minWork = g.minWork // tests: always parallel
	}
	threads = max(1, min(threads, o.m*o.n*o.k/minWork))
	if threads > 1 && g.minWork == 0 && o.m > gemvMaxRows && oversubscribed() {
		threads = 1
	}
	bufs := g.buffers()
	if o.m <= gemvMaxRows && g.gemv != nil && packed == nil {
		if o.zeroC {
			fillC(o)
		}
		if o.transA {
			bufs.b = grow(bufs.b, o.k) // room to gather a row of A
		}
		gemvRows(g, o, bufs.b)
		g.pool.Put(bufs)
		return
	}
	ncBlock := g.nc
	if o.k*ncBlock > maxPackedB {
		ncBlock = max(g.nr, maxPackedB/o.k/g.nr*g.nr)
	}
	ncBlock = balance(o.n, ncBlock, g.nr)
	if packed != nil {
		ncBlock = o.n
	}
	for jc := 0; jc < o.n; jc += ncBlock {
		nc := min(ncBlock, o.n-jc)
		if threads == 1 {
			var j job[T]
			j.plan(g, o, jc, nc, 1, bufs, packed)
			j.work(bufs)
			continue
		}
		gemmParallel(g, o, jc, nc, threads, bufs, packed)
	}
	g.pool.Put(bufs)
}

func gemmParallel[T float](g *geometry[T], o *operands[T], jc, nc, threads int, bufs *packBuffers[T], packed []T) {
	j, _ := g.jobs.Get().(*job[T])
	if j == nil {
		j = new(job[T])
		j.help = func() {
			if b, _ := j.work(nil); b != nil {
				j.g.pool.Put(b)
			}
			j.release()
		}
	}
	j.plan(g, o, jc, nc, threads, bufs, packed)
	// The job goes back to the pool when the caller and every helper
	// handed it are done with it, whenever a late helper finishes.
	want := min(threads, j.tasks) - 1
	j.refs.Store(int32(1 + want))
	handed := time.Now()
	started := startHelpers(want, &j.help)
	j.refs.Add(int32(started - want))
	_, mine := j.work(bufs)
	worked := time.Since(handed)
	var waited time.Time
	for int(j.doneTasks.Load()) < j.tasks {
		if waited.IsZero() {
			waited = time.Now()
		}
		runtime.Gosched()
	}
	if g.minWork == 0 && started > 0 {
		// Late: the helpers ran less than a quarter of the tasks, or the
		// caller waited for a helper's last task longer than two of its own
		// tasks took.
		perTask := worked / time.Duration(max(mine, 1))
		slow := 4*(j.tasks-mine) < j.tasks ||
			(!waited.IsZero() && time.Since(waited) > lateStart+2*perTask)
		noteHelper(slow)
	}
	j.release()
}

// release drops one reference to a pooled job and recycles it after the
// last one.
func (j *job[T]) release() {
	if j.refs.Add(-1) != 0 {
		return
	}
	g := j.g
	help := j.help
	*j = job[T]{}
	j.help = help
	g.jobs.Put(j)
}

// job is the work on one column block [jc, jc+nc) of C.
type job[T float] struct {
	g            *geometry[T]
	o            operands[T] // a copy: helpers may look at a job after its caller returned
	jc, nc       int
	ncPad        int // nc rounded up to whole panels
	kcBlock      int
	bp           []T // packed B: depth block pc starts at pc*ncPad
	bChunks      int // B is packed in chunks of bChunkPanels panels
	bChunkPanels int
	packInTask   bool // each task packs its own columns of B (few rows: see plan)
	packA        bool // tasks pack their block of a transposed A (see packATrans)
	copyA        bool // tasks copy their rows of a row-major A (see plan)
	mcTask       int  // rows of a task, a multiple of mr
	ncTask       int  // columns of a task, a multiple of nr
	colBlocks    int
	tasks        int

	nextChunk, doneChunks atomic.Int32
	nextTask, doneTasks   atomic.Int32

	refs   atomic.Int32 // holders of a pooled job: the caller and its helpers
	help   func()       // a helper's part, made once per pooled job
	handed time.Time    // when the caller handed the job to helpers
}

func (j *job[T]) plan(g *geometry[T], o *operands[T], jc, nc, threads int, bufs *packBuffers[T], packed []T) {
	j.g, j.o, j.jc, j.nc = g, *o, jc, nc
	j.packInTask = false
	var zero T
	aligned := o.lda*int(unsafe.Sizeof(zero))%4096 == 0 // rows a multiple of 4 KB apart
	j.nextChunk.Store(0)
	j.doneChunks.Store(0)
	j.nextTask.Store(0)
	j.doneTasks.Store(0)
	j.ncPad = roundUp(nc, g.nr)
	j.kcBlock = balance(o.k, g.kc, 1)
	if packed != nil {
		j.bp = packed
	} else {
		bufs.b = grow(bufs.b, o.k*j.ncPad)
		j.bp = bufs.b
	}
	panels := j.ncPad / g.nr
	if threads == 1 {
		j.bChunks, j.bChunkPanels = 1, panels
		j.mcTask, j.ncTask = balance(o.m, g.mc, g.mr), j.ncPad
	} else if o.m <= g.mc && packed == nil && panels >= 2*threads {
		// Few rows: one row block, and the columns split among tasks that
		// each pack their own panels of B and use them at once, from their
		// own core's cache. Sharing the packing, as below, made each core
		// read half of B from the other core's cache for every task, and
		// a 64x784x256 product gained nothing from a second core.
		cols := min(panels, tasksPerThread*threads)
		j.bChunkPanels = (panels + cols - 1) / cols
		j.bChunks = 0
		j.packInTask = true
		j.mcTask, j.ncTask = o.m, j.bChunkPanels*g.nr
	} else {
		want := tasksPerThread * threads
		j.bChunkPanels = (panels + want - 1) / want
		j.bChunks = (panels + j.bChunkPanels - 1) / j.bChunkPanels
		rowPanels := (o.m + g.mr - 1) / g.mr
		rowBlocks := min(rowPanels, max(want, (o.m+g.mc-1)/g.mc))
		j.mcTask = roundUp((o.m+rowBlocks-1)/rowBlocks, g.mr)
		rowBlocks = (o.m + j.mcTask - 1) / j.mcTask
		j.ncTask = j.ncPad
		if rowBlocks < 2*threads {
			colBlocks := min(panels, (want+rowBlocks-1)/rowBlocks)
			j.ncTask = roundUp((j.ncPad+colBlocks-1)/colBlocks, g.nr)
		}
	}
	if packed != nil {
		j.bChunks = 0
	}
	j.colBlocks = (nc + j.ncTask - 1) / j.ncTask
	// A transposed A is read in place unless its rows are a multiple of
	// 4 KB apart (every depth step in one L1 set: half speed) or a task is
	// wide enough to repay the copy; packing a 512x2048 block for 128
	// columns cost a quarter of the product. Tasks pack their own rows, so
	// with the columns split among tasks each would pack the same rows
	// again: a [128, 2048]ᵀ·[2048, 512] weight gradient on two cores
	// packed its A 8 times. There the rows are read in place.
	j.packA = o.transA && (j.ncTask >= 512 || aligned && j.colBlocks == 1)
	// The same holds for a row-major A: a kernel reading 12 rows 4 KB
	// apart in place, panel after panel, ran at 40% of its speed (the rows
	// of one time step of a [B, T, 4H] sequence in an LSTM's recurrence are
	// T*4H apart), so tasks copy their rows into a buffer whose rows are
	// 64 bytes past a multiple of 4 KB apart. The copy costs a read and a
	// write of A, which the product reads once per panel of B: with fewer
	// than 4 panels per task (a [2048, 1024]·[1024, 64] product) it cost
	// more than it saved.
	j.copyA = !o.transA && aligned && j.ncTask >= 4*g.nr
	j.tasks = (o.m + j.mcTask - 1) / j.mcTask * j.colBlocks
}

// work packs B chunks while any are left, waits until B is packed, then
// runs tasks while any are left. bufs are the caller's buffers; a helper
// passes nil and takes buffers from the pool only if it gets a task. work
// returns the buffers it used and how many tasks it ran.
func (j *job[T]) work(bufs *packBuffers[T]) (*packBuffers[T], int) {
	ran := 0
	for {
		c := int(j.nextChunk.Add(1)) - 1
		if c >= j.bChunks {
			break
		}
		j.packChunk(c)
		j.doneChunks.Add(1)
	}
	for int(j.doneChunks.Load()) < j.bChunks {
		runtime.Gosched()
	}
	for {
		t := int(j.nextTask.Add(1)) - 1
		if t >= j.tasks {
			break
		}
		if bufs == nil {
			bufs = j.g.buffers()
		}
		j.task(t, bufs)
		j.doneTasks.Add(1)
		ran++
	}
	return bufs, ran
}

// packChunk packs panels [c*bChunkPanels, ...) of B for every depth block.
func (j *job[T]) packChunk(c int) {
	nr := j.g.nr
	j0 := c * j.bChunkPanels * nr
	cols := min(j.bChunkPanels*nr, j.nc-j0)
	for pc := 0; pc < j.o.k; pc += j.kcBlock {
		kc := min(j.kcBlock, j.o.k-pc)
		packB(j.g, j.bp[pc*j.ncPad+j0*kc:], &j.o, pc, kc, j.jc+j0, cols)
	}
}

// task computes one block of C's rows and columns over all of k.
func (j *job[T]) task(t int, bufs *packBuffers[T]) {
	g, o := j.g, &j.o
	ic := t / j.colBlocks * j.mcTask
	mc := min(j.mcTask, o.m-ic)
	j0 := t % j.colBlocks * j.ncTask
	cols := min(j.ncTask, j.nc-j0)
	if j.packInTask {
		j.packChunk(t % j.colBlocks)
	}
	for pc := 0; pc < o.k; pc += j.kcBlock {
		kc := min(j.kcBlock, o.k-pc)
		var ap []T
		lap := 0
		switch {
		case j.packA:
			bufs.a = grow(bufs.a, roundUp(mc, g.mr)*kc)
			packATrans(g, bufs.a, o, ic, mc, pc, kc)
			ap = bufs.a
		case j.copyA:
			lap = copyARows(bufs, o, ic, mc, pc, kc)
			ap = bufs.a
		}
		macroKernel(g, j.bp[pc*j.ncPad+j0*kc:], ap, lap, bufs.tile, o, ic, mc, pc, j.jc+j0, cols, kc)
	}
}

func roundUp(x, to int) int { return (x + to - 1) / to * to }
