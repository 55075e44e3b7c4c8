package safetensors

import (
	"path/filepath"
	"reflect"
	"slices"
	"testing"

	"github.com/gendl/gendl/dl"
)

func TestSaveLoadDL(t *testing.T) {
	t.Parallel()
	in := map[string]*dl.Tensor{
		"0.weight": dl.FromFloat32([]float32{1, 2, 3, 4, 5, 6}, 2, 3),
		"0.bias":   dl.FromFloat64([]float64{-1, 1}, 2),
		"scale":    dl.Scalar(0.5),
	}
	path := filepath.Join(t.TempDir(), "m.safetensors")
	if err := Save(path, in, map[string]string{"step": "10"}); err != nil {
		t.Fatal(err)
	}
	out, meta, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if meta["step"] != "10" || len(out) != len(in) {
		t.Fatalf("metadata %v, %d tensors", meta, len(out))
	}
	for name, x := range in {
		y := out[name]
		if y == nil || y.DType() != x.DType() || !slices.Equal(y.Shape(), x.Shape()) || !reflect.DeepEqual(y.Floats(), x.Floats()) {
			t.Errorf("%s: got %v, want %v", name, y, x)
		}
	}
}

func TestDLConvertsHalfPrecision(t *testing.T) {
	t.Parallel()
	out, _, err := Load(filepath.Join("testdata", "types.safetensors"))
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]dl.DType{"half": dl.Float32, "bf16": dl.Float32, "i64": dl.Float64} {
		if got := out[name].DType(); got != want {
			t.Errorf("%s: dtype %v, want %v", name, got, want)
		}
	}
	if got := out["bf16"].At(1, 1); got != 24.5 {
		t.Errorf("bf16[1,1] = %v, want 24.5", got)
	}
}

func TestFromFloat32PanicsWithShapeError(t *testing.T) {
	t.Parallel()
	err := dl.Try(func() { FromFloat32([]float32{1, 2, 3}, 2, 2) })
	if _, ok := err.(*dl.ShapeError); !ok {
		t.Fatalf("err = %v (%T), want a *dl.ShapeError", err, err)
	}
}
