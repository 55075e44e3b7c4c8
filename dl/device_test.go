package dl_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/gendl/gendl/dl"
)

func TestParseDevice(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]dl.Device{"cpu": dl.CPU, "cuda": dl.CUDA(0), "cuda:3": dl.CUDA(3)} {
		got, err := dl.ParseDevice(in)
		if err != nil || got != want {
			t.Fatalf("ParseDevice(%q) = %v, %v", in, got, err)
		}
	}
	if s := dl.CUDA(3).String(); s != "cuda:3" {
		t.Fatalf("CUDA(3) prints %q", s)
	}
	for _, bad := range []string{"gpu", "cuda:-1", "cuda:x", ""} {
		if _, err := dl.ParseDevice(bad); err == nil {
			t.Fatalf("ParseDevice(%q) accepted", bad)
		}
	}
}

// Without the cuda package linked, asking for a GPU says how to enable it,
// and tensors stay on the CPU.
func TestCUDAWithoutBackend(t *testing.T) {
	t.Parallel()
	err := dl.DeviceStatus(dl.CUDA(0))
	if !errors.Is(err, dl.ErrNoBackend) || !strings.Contains(err.Error(), `import _ "github.com/gendl/gendl/dl/cuda"`) {
		t.Fatalf("DeviceStatus = %v", err)
	}
	if dl.CUDAAvailable() {
		t.Fatal("CUDAAvailable without a backend")
	}
	x := dl.Zeros(3)
	if y, err := x.ToDevice(dl.CPU); err != nil || y != x || x.Device() != dl.CPU {
		t.Fatalf("ToDevice(cpu) = %v, %v", y, err)
	}
	if _, err := x.ToDevice(dl.CUDA(0)); err == nil {
		t.Fatal("ToDevice(cuda:0) succeeded")
	}
}
