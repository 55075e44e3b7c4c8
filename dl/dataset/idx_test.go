package dataset

import (
	"bytes"
	"compress/gzip"
	"slices"
	"strings"
	"testing"
)

func idxBytes(t testing.TB, x *IDX) []byte {
	var b bytes.Buffer
	if err := WriteIDX(&b, x); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestIDXRoundTrip(t *testing.T) {
	t.Parallel()
	x := &IDX{Type: IDXInt16, Dims: []int{2, 3}, Data: []byte{0, 1, 0xff, 0xfe, 0, 3, 0, 4, 0, 5, 0x80, 0}}
	raw := idxBytes(t, x)
	if !bytes.Equal(raw[:12], []byte{0, 0, 0x0b, 2, 0, 0, 0, 2, 0, 0, 0, 3}) {
		t.Fatalf("header % x", raw[:12])
	}
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(raw)
	zw.Close()
	for _, in := range [][]byte{raw, gz.Bytes()} {
		y, err := ReadIDX(bytes.NewReader(in))
		if err != nil {
			t.Fatal(err)
		}
		if y.Type != x.Type || !slices.Equal(y.Dims, x.Dims) || !bytes.Equal(y.Data, x.Data) {
			t.Fatalf("read back %+v", y)
		}
		if got := y.Float64s(); !slices.Equal(got, []float64{1, -2, 3, 4, 5, -32768}) {
			t.Fatalf("Float64s = %v", got)
		}
	}
}

func TestIDXErrors(t *testing.T) {
	t.Parallel()
	ok := idxBytes(t, &IDX{Type: IDXUint8, Dims: []int{2, 2}, Data: []byte{1, 2, 3, 4}})
	for _, c := range []struct {
		name string
		in   []byte
		want string
	}{
		{"empty", nil, "header"},
		{"magic", append([]byte{1}, ok[1:]...), "magic"},
		{"type", []byte{0, 0, 7, 1, 0, 0, 0, 0}, "element type"},
		{"rank 0", []byte{0, 0, 8, 0}, "rank 0"},
		{"short dims", ok[:6], "dimension"},
		{"truncated", ok[:len(ok)-1], "need 4 bytes"},
		{"trailing", append(slices.Clone(ok), 9), "trailing"},
		{"huge", []byte{0, 0, 0x0e, 3, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 2}, "exceed"},
		{"bad gzip", []byte{0x1f, 0x8b, 0}, "gunzip"},
	} {
		_, err := ReadIDX(bytes.NewReader(c.in))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: err = %v, want %q", c.name, err, c.want)
		}
	}
}

// FuzzIDX checks that ReadIDX never panics and that whatever it accepts
// writes back to the same bytes.
func FuzzIDX(f *testing.F) {
	f.Add(idxBytes(f, &IDX{Type: IDXUint8, Dims: []int{2, 2}, Data: []byte{1, 2, 3, 4}}))
	f.Add(idxBytes(f, &IDX{Type: IDXFloat64, Dims: []int{1}, Data: make([]byte, 8)}))
	f.Add([]byte{0, 0, 8, 1, 0, 0, 0, 0})
	f.Add([]byte{0x1f, 0x8b, 8, 0})
	f.Fuzz(func(t *testing.T, in []byte) {
		x, err := ReadIDX(bytes.NewReader(in))
		if err != nil {
			return
		}
		if len(x.Data) != x.Len()*x.Type.Size() || len(x.Float64s()) != x.Len() {
			t.Fatalf("inconsistent %v %d", x.Dims, len(x.Data))
		}
		out := idxBytes(t, x)
		if !isGzip(in) && !bytes.Equal(out, in) {
			t.Fatalf("rewrite differs:\n% x\n% x", in, out)
		}
	})
}
