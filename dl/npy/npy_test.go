package npy

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

var base = []float64{-0.5, -0.25, 0, 0.25, 0.5, 0.75}

// TestReadNumPyFiles reads files written by NumPy (testdata/gen.py): every
// version, both byte orders, Fortran order and each supported dtype.
func TestReadNumPyFiles(t *testing.T) {
	t.Parallel()
	arange24 := make([]float64, 24)
	for i := range arange24 {
		arange24[i] = float64(i)
	}
	cases := []struct {
		file  string
		dtype DType
		shape []int
		want  []float64 // via Floats
	}{
		{"f4.npy", Float32, []int{2, 3}, base},
		{"f8_be.npy", Float64, []int{2, 3}, base},
		{"f2.npy", Float16, []int{2, 3}, base},
		{"f4_be_v2.npy", Float32, []int{2, 3}, base},
		{"f8_v3.npy", Float64, []int{2, 3}, base},
		{"f8_fortran.npy", Float64, []int{2, 3, 4}, arange24},
		{"i4.npy", Int32, []int{2, 3}, []float64{-3, 0, 7, 1<<31 - 1, -(1 << 31), 5}},
		{"i8_be.npy", Int64, []int{3}, []float64{-(1 << 40), 1, 1 << 40}},
		{"u1.npy", Uint8, []int{3}, []float64{0, 1, 255}},
		{"b1.npy", Bool, []int{2, 2}, []float64{1, 0, 0, 1}},
		{"scalar.npy", Float64, []int{}, []float64{2.5}},
		{"empty.npy", Float32, []int{0, 3}, []float64{}},
	}
	for _, c := range cases {
		a, err := ReadFile(filepath.Join("testdata", c.file))
		if err != nil {
			t.Errorf("%s: %v", c.file, err)
			continue
		}
		if a.DType != c.dtype || !reflect.DeepEqual(a.Shape, c.shape) {
			t.Errorf("%s: dtype %s shape %v, want %s %v", c.file, a.DType, a.Shape, c.dtype, c.shape)
		}
		if got := a.Floats(); !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: data %v, want %v", c.file, got, c.want)
		}
	}
}

func TestIntsOfIntegerFile(t *testing.T) {
	t.Parallel()
	a, err := ReadFile(filepath.Join("testdata", "i4.npy"))
	if err != nil {
		t.Fatal(err)
	}
	got, err := a.Ints()
	if err != nil || !reflect.DeepEqual(got, []int{-3, 0, 7, 1<<31 - 1, -(1 << 31), 5}) {
		t.Fatalf("Ints = %v, %v", got, err)
	}
	if _, err := FromFloat32([]float32{1}, 1).Ints(); err == nil {
		t.Fatal("Ints of a float array: want an error")
	}
}

// TestWriteMatchesNumPyBytes checks that Write produces exactly NumPy's
// bytes, header padding included.
func TestWriteMatchesNumPyBytes(t *testing.T) {
	t.Parallel()
	f32 := make([]float32, len(base))
	for i, v := range base {
		f32[i] = float32(v)
	}
	for _, c := range []struct {
		file string
		a    *Array
	}{
		{"f4.npy", FromFloat32(f32, 2, 3)},
		{"scalar.npy", FromFloat64([]float64{2.5})},
		{"empty.npy", FromFloat32([]float32{}, 0, 3)},
	} {
		want, err := os.ReadFile(filepath.Join("testdata", c.file))
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := Write(&buf, c.a); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(buf.Bytes(), want) {
			t.Errorf("%s: Write gave\n%q\nNumPy wrote\n%q", c.file, buf.Bytes(), want)
		}
	}
}

func TestRoundTrip(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for _, a := range []*Array{
		FromFloat32([]float32{1.5, -2, 3e-8}, 3),
		FromFloat64([]float64{1, 2, 3, 4, 5, 6}, 1, 2, 3),
		FromInt64([]int64{-1 << 62, 7}, 2, 1),
		FromFloat64(make([]float64, 70000), 70000), // more than one chunk
	} {
		path := filepath.Join(dir, "a.npy")
		if err := WriteFile(path, a); err != nil {
			t.Fatal(err)
		}
		got, err := ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, a) {
			t.Errorf("round trip of %s %v changed the array", a.DType, a.Shape)
		}
	}
}

// TestLongHeaderUsesVersion2 checks the switch to a 4-byte header length
// when the header would not fit in 64 KiB.
func TestLongHeaderUsesVersion2(t *testing.T) {
	t.Parallel()
	var small, big bytes.Buffer
	if err := writeHeader(&small, "<f8", []int{1, 2}); err != nil {
		t.Fatal(err)
	}
	if err := writeHeader(&big, "<f8"+strings.Repeat(" ", 70000), nil); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		buf     *bytes.Buffer
		version byte
	}{{&small, 1}, {&big, 2}} {
		if c.buf.Bytes()[6] != c.version || c.buf.Len()%64 != 0 {
			t.Errorf("version %d, length %d; want %d and a multiple of 64", c.buf.Bytes()[6], c.buf.Len(), c.version)
		}
	}
}

func TestReadErrors(t *testing.T) {
	t.Parallel()
	good, err := os.ReadFile(filepath.Join("testdata", "f4.npy"))
	if err != nil {
		t.Fatal(err)
	}
	withHeader := func(dict string) []byte {
		var buf bytes.Buffer
		writeRawHeader(&buf, dict)
		return buf.Bytes()
	}
	cases := []struct {
		name string
		data []byte
		want string
	}{
		{"empty", nil, "reading magic"},
		{"bad magic", []byte("\x93NUMPZ\x01\x00\x00\x00"), "bad magic"},
		{"version", []byte("\x93NUMPY\x04\x00\x00\x00"), "version 4.0"},
		{"short header", good[:40], "header"},
		{"truncated data", good[:len(good)-1], "only 23 bytes follow"},
		{"huge header len", []byte("\x93NUMPY\x02\x00\xff\xff\xff\x7f"), "exceeds the limit"},
		{"lying shape", withHeader("{'descr': '<f8', 'fortran_order': False, 'shape': (1000000000000,), }"), "only 0 bytes follow"},
		{"overflow", withHeader("{'descr': '<f8', 'fortran_order': False, 'shape': (4611686018427387904, 4), }"), "overflows"},
		{"structured", withHeader("{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (1,), }"), "structured"},
		{"object dtype", withHeader("{'descr': '|O', 'fortran_order': False, 'shape': (1,), }"), "unsupported dtype"},
		{"missing key", withHeader("{'descr': '<f4', 'shape': (1,), }"), "lacks \"fortran_order\""},
		{"not a tuple", withHeader("{'descr': '<f4', 'fortran_order': False, 'shape': 3, }"), "expected '('"},
		{"negative dim", withHeader("{'descr': '<f4', 'fortran_order': False, 'shape': (-1,), }"), "bad dimension"},
	}
	for _, c := range cases {
		_, err := Read(bytes.NewReader(c.data))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: err = %v, want it to mention %q", c.name, err, c.want)
		}
	}
}

// TestLyingHeaderOnStream reads a header that claims far more data than a
// plain io.Reader (whose length Read cannot know) provides.
func TestLyingHeaderOnStream(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	writeRawHeader(&buf, "{'descr': '<f8', 'fortran_order': False, 'shape': (1000000000000,), }")
	buf.Write(make([]byte, 100))
	_, err := Read(onlyReader{&buf})
	if err == nil || !strings.Contains(err.Error(), "unexpected EOF") {
		t.Fatalf("err = %v, want unexpected EOF", err)
	}
}

type onlyReader struct{ r *bytes.Buffer }

func (o onlyReader) Read(p []byte) (int, error) { return o.r.Read(p) }

// writeRawHeader writes a version 1.0 preamble around any dictionary text.
func writeRawHeader(buf *bytes.Buffer, dict string) {
	buf.WriteString(magic + "\x01\x00")
	buf.WriteByte(byte(len(dict) + 1))
	buf.WriteByte(byte((len(dict) + 1) >> 8))
	buf.WriteString(dict + "\n")
}

func TestWriteErrors(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	if err := Write(&buf, &Array{Shape: []int{2}, DType: Float32, Float32: []float32{1}}); err == nil {
		t.Error("short data: want an error")
	}
	if err := Write(&buf, &Array{Shape: []int{1}, DType: Float16, Float32: []float32{1}}); err == nil {
		t.Error("float16: want an error")
	}
}
