package safetensors

import (
	"bytes"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// FuzzRead feeds arbitrary bytes to Read. It must return a file or an error
// wrapping ErrInvalid, never panic, and never hold more elements than the
// input has bytes; a sized reader and a plain stream must agree; and a file
// it reads whose tensors are all writable must survive Write and Read.
func FuzzRead(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.safetensors"))
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, h := range []string{
		`{}`,
		`{"__metadata__":{"k":"v"}}`,
		`{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}`,
		`{"a":{"dtype":"BF16","shape":[2,2],"data_offsets":[0,8]}}`,
		`{"a":{"dtype":"BOOL","shape":[8],"data_offsets":[0,8]}}`,
		`{"a":{"dtype":"I64","shape":[],"data_offsets":[0,8]}}`,
		`{"a":{"dtype":"F16","shape":[2],"data_offsets":[4,8]},"b":{"dtype":"U8","shape":[4],"data_offsets":[0,4]}}`,
	} {
		f.Add(build(h, make([]byte, 8)))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		a, err := Read(bytes.NewReader(data))
		s, serr := Read(onlyReader{bytes.NewBuffer(data)})
		if (err == nil) != (serr == nil) {
			t.Fatalf("sized reader err = %v, stream err = %v", err, serr)
		}
		if err != nil {
			return
		}
		if describe(a) != describe(s) {
			t.Fatal("sized reader and stream read different files")
		}
		elems := 0
		for _, x := range a.Tensors {
			elems += len(x.Float32) + len(x.Float64) + len(x.Int64)
			if x.DType != F32 && x.DType != F64 && x.DType != I64 {
				return
			}
		}
		if elems > len(data) {
			t.Fatalf("%d elements from %d bytes", elems, len(data))
		}
		var buf bytes.Buffer
		if err := Write(&buf, a); err != nil {
			t.Fatalf("Write of a read file: %v", err)
		}
		b, err := Read(&buf)
		if err != nil {
			t.Fatalf("reading back: %v", err)
		}
		if describe(a) != describe(b) {
			t.Fatal("round trip changed the file")
		}
	})
}

// describe prints a file deterministically; NaNs print alike.
func describe(f *File) string {
	var b bytes.Buffer
	for _, k := range slices.Sorted(maps.Keys(f.Metadata)) {
		fmt.Fprintf(&b, "%q=%q ", k, f.Metadata[k])
	}
	for _, name := range slices.Sorted(maps.Keys(f.Tensors)) {
		x := f.Tensors[name]
		fmt.Fprintf(&b, "%q %s %v %v %v %v\n", name, x.DType, x.Shape, x.Float32, x.Float64, x.Int64)
	}
	return b.String()
}
