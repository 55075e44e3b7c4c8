package safetensors

import (
	"bytes"
	"encoding/binary"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// TestReadPyTorchTypes reads a file written by PyTorch's save_file
// (testdata/gen.py) holding every dtype family this package reads.
func TestReadPyTorchTypes(t *testing.T) {
	t.Parallel()
	f, err := ReadFile(filepath.Join("testdata", "types.safetensors"))
	if err != nil {
		t.Fatal(err)
	}
	vals := []float64{-1.5, 0, 0.25, 2, 24.5, -0.125}
	cases := []struct {
		name  string
		dtype DType
		shape []int
		want  []float64
	}{
		{"half", F16, []int{2, 3}, vals},
		{"bf16", BF16, []int{2, 3}, vals},
		{"i64", I64, []int{3}, []float64{-(1 << 40), 0, 1 << 40}},
		{"i32", I32, []int{2}, []float64{-7, 1<<31 - 1}},
		{"u8", U8, []int{2}, []float64{0, 255}},
		{"mask", Bool, []int{3}, []float64{1, 0, 1}},
		{"empty", F32, []int{0, 4}, []float64{}},
	}
	if len(f.Tensors) != len(cases) {
		t.Errorf("%d tensors, want %d", len(f.Tensors), len(cases))
	}
	for _, c := range cases {
		x := f.Tensors[c.name]
		if x == nil {
			t.Errorf("tensor %q missing", c.name)
			continue
		}
		if x.DType != c.dtype || !reflect.DeepEqual(x.Shape, c.shape) || !reflect.DeepEqual(x.Floats(), c.want) {
			t.Errorf("%s: %s %v %v, want %s %v %v", c.name, x.DType, x.Shape, x.Floats(), c.dtype, c.shape, c.want)
		}
	}
}

func refFile() *File {
	return &File{
		Tensors: map[string]*Tensor{
			"b": FromFloat32([]float32{0, 1, 2, 3}, 2, 2),
			"a": FromFloat64([]float64{0, 1, 2}, 3),
			"c": FromFloat32([]float32{7}, 1),
			"z": FromFloat32([]float32{1.5}),
		},
		Metadata: map[string]string{"format": "pt"},
	}
}

// TestWriteMatchesReference checks Write byte for byte against the file
// the reference implementation wrote for the same tensors.
func TestWriteMatchesReference(t *testing.T) {
	t.Parallel()
	want, err := os.ReadFile(filepath.Join("testdata", "ref.safetensors"))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := Write(&buf, refFile()); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), want) {
		t.Fatalf("Write gave\n%q\nreference wrote\n%q", buf.Bytes(), want)
	}
}

func TestRoundTrip(t *testing.T) {
	t.Parallel()
	f := refFile()
	f.Tensors["steps"] = FromInt64([]int64{-1 << 62, 3}, 2)
	f.Tensors["big"] = FromFloat32(make([]float32, 40000), 200, 200) // several write chunks
	f.Metadata["quote\"and\\slash"] = "<&>"
	path := filepath.Join(t.TempDir(), "x.safetensors")
	if err := WriteFile(path, f); err != nil {
		t.Fatal(err)
	}
	g, err := ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(f, g) {
		t.Fatalf("round trip changed the file:\n%+v\n%+v", f, g)
	}
}

// build assembles a file from a header string and a data buffer.
func build(header string, data []byte) []byte {
	var b bytes.Buffer
	binary.Write(&b, binary.LittleEndian, uint64(len(header)))
	b.WriteString(header)
	b.Write(data)
	return b.Bytes()
}

func TestReadErrors(t *testing.T) {
	t.Parallel()
	good, err := os.ReadFile(filepath.Join("testdata", "ref.safetensors"))
	if err != nil {
		t.Fatal(err)
	}
	eight := make([]byte, 8)
	cases := []struct {
		name string
		data []byte
		want string
	}{
		{"empty", nil, "8-byte header length"},
		{"truncated data", good[:len(good)-1], "run past the end of the 47-byte data buffer"},
		{"trailing data", append(append([]byte{}, good...), 0), "cover 48 bytes but the data buffer has 49"},
		{"header past end", build("{}", nil)[:9], "exceeds the 1 bytes"},
		{"huge header", []byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff}, "exceeds the limit"},
		{"not an object", build("[1]", nil), "does not start with '{'"},
		{"bad json", build(`{"a":`, nil), `tensor "a": unexpected EOF`},
		{"bad utf8", build("{\"\xff\":1}", nil), "UTF-8"},
		{"garbage after", build(`{}x`, nil), "trailing garbage"},
		{"duplicate", build(`{"a":{"dtype":"U8","shape":[1],"data_offsets":[0,1]},"a":{"dtype":"U8","shape":[1],"data_offsets":[1,2]}}`, []byte{1, 2}), `duplicate tensor name "a"`},
		{"bad metadata", build(`{"__metadata__":{"k":1}}`, nil), "must map strings to strings"},
		{"unknown dtype", build(`{"a":{"dtype":"F8_E4M3","shape":[1],"data_offsets":[0,1]}}`, []byte{1}), `unsupported dtype "F8_E4M3"`},
		{"missing field", build(`{"a":{"dtype":"F32","shape":[1]}}`, nil), "lacks"},
		{"size mismatch", build(`{"a":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}}`, eight), "needs 3×4 bytes"},
		{"negative dim", build(`{"a":{"dtype":"F32","shape":[-2],"data_offsets":[0,8]}}`, eight), "negative dimension"},
		{"reversed offsets", build(`{"a":{"dtype":"U8","shape":[0],"data_offsets":[4,0]}}`, eight), "bad data_offsets"},
		{"overlap", build(`{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}`, eight), "overlap"},
		{"gap", build(`{"a":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}`, eight), "gap"},
		{"past end", build(`{"a":{"dtype":"F64","shape":[2],"data_offsets":[0,16]}}`, eight), "run past the end"},
		{"lying shape", build(`{"a":{"dtype":"F64","shape":[1000000000000],"data_offsets":[0,8000000000000]}}`, eight), "run past the end"},
		{"overflow", build(`{"a":{"dtype":"F64","shape":[4611686018427387904,4],"data_offsets":[0,8]}}`, eight), "overflows"},
		{"bad bool", build(`{"a":{"dtype":"BOOL","shape":[1],"data_offsets":[0,1]}}`, []byte{7}), "not 0 or 1"},
	}
	for _, c := range cases {
		_, err := Read(bytes.NewReader(c.data))
		if err == nil || !strings.Contains(err.Error(), c.want) || !errors.Is(err, ErrInvalid) {
			t.Errorf("%s: err = %v, want ErrInvalid mentioning %q", c.name, err, c.want)
		}
	}
}

// TestStreamReader reads through a plain io.Reader, whose length Read
// cannot know: good files read, truncated or extended ones do not, and a
// lying header does not make Read allocate what it claims.
func TestStreamReader(t *testing.T) {
	t.Parallel()
	good, err := os.ReadFile(filepath.Join("testdata", "types.safetensors"))
	if err != nil {
		t.Fatal(err)
	}
	want, _ := Read(bytes.NewReader(good))
	got, err := Read(onlyReader{bytes.NewBuffer(good)})
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Fatalf("stream read: %v", err)
	}
	for _, data := range [][]byte{
		good[:len(good)-1],
		append(append([]byte{}, good...), 0),
		build(`{"a":{"dtype":"F64","shape":[1000000000000],"data_offsets":[0,8000000000000]}}`, make([]byte, 8)),
	} {
		if _, err := Read(onlyReader{bytes.NewBuffer(data)}); !errors.Is(err, ErrInvalid) {
			t.Errorf("bad stream of %d bytes: err = %v, want ErrInvalid", len(data), err)
		}
	}
}

type onlyReader struct{ r *bytes.Buffer }

func (o onlyReader) Read(p []byte) (int, error) { return o.r.Read(p) }

func TestWriteErrors(t *testing.T) {
	t.Parallel()
	for name, f := range map[string]*File{
		"short":    {Tensors: map[string]*Tensor{"a": {DType: F32, Shape: []int{2}, Float32: []float32{1}}}},
		"F16":      {Tensors: map[string]*Tensor{"a": {DType: F16, Shape: []int{1}, Float32: []float32{1}}}},
		"metadata": {Tensors: map[string]*Tensor{metadataKey: FromFloat32([]float32{1}, 1)}},
		"nil":      {Tensors: map[string]*Tensor{"a": nil}},
		"empty":    {Tensors: map[string]*Tensor{"": FromFloat32([]float32{1}, 1)}},
	} {
		if err := Write(&bytes.Buffer{}, f); err == nil {
			t.Errorf("%s: Write succeeded, want an error", name)
		}
	}
}
