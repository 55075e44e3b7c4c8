package npy

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// FuzzRead feeds arbitrary bytes to Read: it must return an array or an
// error, never panic, and never allocate more than the input justifies.
// A sized reader and a plain stream agree. Whatever it reads as a float or int64 array must survive a write and a
// second read unchanged.
func FuzzRead(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.npy"))
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		a, err := Read(bytes.NewReader(data))
		// A plain stream takes the chunked path; it must agree.
		s, serr := Read(onlyReader{bytes.NewBuffer(data)})
		if (err == nil) != (serr == nil) {
			t.Fatalf("sized reader err = %v, stream err = %v", err, serr)
		}
		if err != nil {
			return
		}
		if !sameBits(a, s) {
			t.Fatalf("sized reader and stream read different arrays")
		}
		if n := a.Size(); n > len(data) {
			t.Fatalf("read %d elements from %d bytes", n, len(data))
		}
		if a.DType != Float32 && a.DType != Float64 && a.DType != Int64 {
			return
		}
		var buf bytes.Buffer
		if err := Write(&buf, a); err != nil {
			t.Fatalf("Write of a read array: %v", err)
		}
		b, err := Read(&buf)
		if err != nil {
			t.Fatalf("reading back: %v", err)
		}
		if !sameBits(a, b) {
			t.Fatalf("round trip changed the array")
		}
	})
}

// sameBits compares arrays by their printed values, so NaNs count as
// equal.
func sameBits(a, b *Array) bool {
	str := func(a *Array) string {
		return fmt.Sprintf("%v %s %v %v %v", a.Shape, a.DType, a.Float32, a.Float64, a.Int64)
	}
	return str(a) == str(b)
}
