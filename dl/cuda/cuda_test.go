package cuda

import (
	"errors"
	"os/exec"
	"strings"
	"testing"

	"github.com/gendl/gendl/dl"
)

// These tests run everywhere: without a GPU they check the errors users
// see; with one they check the driver answers. Op and module parity on the
// GPU is not implemented yet (see the package doc).

func TestMissingLibraryIsErrNoDriver(t *testing.T) {
	t.Parallel()
	_, err := open("/nonexistent/libcuda.so.1")
	if !errors.Is(err, ErrNoDriver) || !strings.Contains(err.Error(), "/nonexistent/libcuda.so.1") {
		t.Fatalf("err = %v, want ErrNoDriver naming the path", err)
	}
}

func TestLibraryWithoutDriverSymbols(t *testing.T) {
	t.Parallel()
	libc := "libc.so.6" // loads, but is not a CUDA driver
	_, err := open(libc)
	if !errors.Is(err, ErrNoDriver) || !strings.Contains(err.Error(), "has no cuInit") {
		t.Fatalf("err = %v, want ErrNoDriver saying cuInit is missing", err)
	}
}

func TestDeviceStatusWithThisMachine(t *testing.T) {
	t.Parallel()
	err := dl.DeviceStatus(dl.CUDA(0))
	if _, lerr := Load(); lerr != nil {
		if err == nil || !strings.Contains(err.Error(), "cuda:0") || dl.CUDAAvailable() {
			t.Fatalf("driver failed to load (%v) but DeviceStatus = %v", lerr, err)
		}
		t.Logf("no usable GPU here: %v", err)
		_, terr := dl.Zeros(2).ToDevice(dl.CUDA(0))
		if terr == nil {
			t.Fatal("ToDevice(cuda:0) succeeded without a driver")
		}
		return
	}
	drv, _ := Load()
	n, cerr := drv.Count()
	if cerr != nil || n == 0 {
		t.Fatalf("driver loaded but Count = %d, %v", n, cerr)
	}
	info, ierr := drv.Info(0)
	if ierr != nil || info.Name == "" || info.TotalMemory == 0 {
		t.Fatalf("Info(0) = %+v, %v", info, ierr)
	}
	t.Logf("GPU 0: %+v, driver %s", info, version(drv.Version))
	if !dl.CUDAAvailable() {
		t.Fatalf("a GPU answers but CUDAAvailable is false: %v", err)
	}
	if err := dl.DeviceStatus(dl.CUDA(n)); !errors.Is(err, ErrNoDevice) {
		t.Fatalf("GPU %d of %d: err = %v, want ErrNoDevice", n, n, err)
	}
}

// dl must not link this package (and so the cgo runtime) on its own.
func TestDLDoesNotImportCUDA(t *testing.T) {
	t.Parallel()
	out, err := exec.Command("go", "list", "-deps", "github.com/gendl/gendl/dl").Output()
	if err != nil {
		t.Skipf("go list: %v", err)
	}
	for _, dep := range strings.Fields(string(out)) {
		if dep == "github.com/gendl/gendl/dl/cuda" || dep == "runtime/cgo" || strings.Contains(dep, "purego") {
			t.Fatalf("dl depends on %s", dep)
		}
	}
}
