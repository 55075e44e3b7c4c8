package vecmath

// PrefetchRows asks the CPU to bring the first n elements of each of rows
// rows of p, stride elements apart, into its caches, and returns at once:
// the loads happen while the caller goes on with other work. A recurrence
// calls it for the next step's operands before it waits on the other cores
// and multiplies: those rows (a few hundred bytes each, far apart in
// memory) are otherwise fetched one miss at a time when the step's cell
// reads them, since no hardware prefetcher guesses such a pattern.
// Without amd64 it does nothing. It panics if the rows run past p.
func PrefetchRows(p []float32, rows, stride, n int) {
	if rows <= 0 || n <= 0 {
		return
	}
	if stride < 0 || (rows-1)*stride+n > len(p) {
		panic("vecmath.PrefetchRows: rows run past the slice")
	}
	prefetchRows(&p[0], rows, stride, n)
}
