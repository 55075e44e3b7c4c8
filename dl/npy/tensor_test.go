package npy

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"testing"

	"github.com/gendl/gendl/dl"
)

func TestTensorRoundTrip(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for _, x := range []*dl.Tensor{
		dl.FromFloat32([]float32{1, -2, 3.5, 4, 5, 6}, 2, 3),
		dl.FromFloat64([]float64{0.1, 0.2}, 2, 1, 1),
		dl.Scalar(7),
	} {
		path := filepath.Join(dir, "x.npy")
		if err := WriteTensorFile(path, x); err != nil {
			t.Fatal(err)
		}
		y, err := ReadTensorFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if y.DType() != x.DType() || !slices.Equal(y.Shape(), x.Shape()) || !reflect.DeepEqual(y.Floats(), x.Floats()) {
			t.Errorf("round trip: got %v %v %v, want %v %v %v", y.DType(), y.Shape(), y.Floats(), x.DType(), x.Shape(), x.Floats())
		}
	}
}

func TestReadTensorConvertsNumPyTypes(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		file  string
		dtype dl.DType
	}{{"f2.npy", dl.Float32}, {"f8_be.npy", dl.Float64}, {"i4.npy", dl.Float64}} {
		x, err := ReadTensorFile(filepath.Join("testdata", c.file))
		if err != nil {
			t.Fatal(err)
		}
		if x.DType() != c.dtype || !reflect.DeepEqual(x.Shape(), []int{2, 3}) {
			t.Errorf("%s: %v %v, want %v [2 3]", c.file, x.DType(), x.Shape(), c.dtype)
		}
	}
}

func TestReadInts(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile(filepath.Join("testdata", "u1.npy"))
	if err != nil {
		t.Fatal(err)
	}
	ids, err := ReadInts(bytes.NewReader(data))
	if err != nil || !reflect.DeepEqual(ids.Data, []int{0, 1, 255}) {
		t.Fatalf("ReadInts = %v, %v", ids, err)
	}
	data, _ = os.ReadFile(filepath.Join("testdata", "f4.npy"))
	if _, err := ReadInts(bytes.NewReader(data)); err == nil {
		t.Fatal("ReadInts of a float file: want an error")
	}
}

func TestFromFloat32PanicsWithShapeError(t *testing.T) {
	t.Parallel()
	err := dl.Try(func() { FromFloat32([]float32{1, 2, 3}, 2, 2) })
	if _, ok := err.(*dl.ShapeError); !ok {
		t.Fatalf("err = %v (%T), want a *dl.ShapeError", err, err)
	}
}
