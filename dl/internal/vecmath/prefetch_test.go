package vecmath

import "testing"

// TestPrefetchRows: prefetching changes nothing, accepts rows that end
// exactly at the slice's end (whatever their alignment), does nothing for
// no rows, and panics on rows that run past the slice.
func TestPrefetchRows(t *testing.T) {
	p := make([]float32, 1000)
	for i := range p {
		p[i] = float32(i)
	}
	PrefetchRows(p, 10, 100, 100)
	PrefetchRows(p[3:], 9, 110, 7) // rows 110 apart, the last ending at 3+8·110+7
	PrefetchRows(p[999:], 1, 0, 1)
	PrefetchRows(p, 0, 100, 100)
	PrefetchRows(nil, 0, 0, 0)
	for i := range p {
		if p[i] != float32(i) {
			t.Fatalf("p[%d] changed to %v", i, p[i])
		}
	}
	defer func() {
		if recover() == nil {
			t.Error("rows past the slice: no panic")
		}
	}()
	PrefetchRows(p, 10, 100, 101)
}
