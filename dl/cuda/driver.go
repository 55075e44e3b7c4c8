package cuda

import (
	"errors"
	"fmt"
	"os"
	"sync"

	"github.com/ebitengine/purego"
)

// MinDriver is the oldest driver API version accepted (CUDA 11.2, the
// first with stream-ordered allocation, which the allocator will use).
const MinDriver = 11020

// The ways a GPU can be unusable, wrapped by the errors Load and Probe
// return.
var (
	ErrNoDriver  = errors.New("the CUDA driver library (libcuda.so.1) could not be loaded")
	ErrNoDevice  = errors.New("no CUDA device found")
	ErrOldDriver = errors.New("the CUDA driver is too old")
)

// Driver is the loaded driver API.
type Driver struct {
	Version int // e.g. 12040 for CUDA 12.4

	cuInit             func(flags uint32) int32
	cuDriverGetVersion func(v *int32) int32
	cuDeviceGetCount   func(n *int32) int32
	cuDeviceGet        func(dev *int32, ordinal int32) int32
	cuDeviceGetName    func(name *byte, n int32, dev int32) int32
	cuDeviceTotalMem   func(bytes *uint64, dev int32) int32
	cuDeviceGetAttr    func(v *int32, attr int32, dev int32) int32
}

var load = sync.OnceValues(func() (*Driver, error) { return open(libraryPath()) })

// Load opens and initialises the driver once per process.
func Load() (*Driver, error) { return load() }

func libraryPath() string {
	if p := os.Getenv("GENDL_LIBCUDA"); p != "" {
		return p
	}
	return "libcuda.so.1"
}

// open loads the library at path, binds the entry points and calls cuInit.
func open(path string) (d *Driver, err error) {
	lib, err := purego.Dlopen(path, purego.RTLD_NOW|purego.RTLD_GLOBAL)
	if err != nil {
		// dlerror's text is per OS thread and a goroutine may move between
		// dlopen and dlerror, so name the path ourselves.
		return nil, fmt.Errorf("%w: %s: %v", ErrNoDriver, path, err)
	}
	d = &Driver{}
	bind := func(fn any, name string) {
		if err != nil {
			return
		}
		sym, e := purego.Dlsym(lib, name)
		if e != nil {
			err = fmt.Errorf("%w: %s has no %s (is it the NVIDIA driver?)", ErrNoDriver, path, name)
			return
		}
		purego.RegisterFunc(fn, sym)
	}
	bind(&d.cuInit, "cuInit")
	bind(&d.cuDriverGetVersion, "cuDriverGetVersion")
	bind(&d.cuDeviceGetCount, "cuDeviceGetCount")
	bind(&d.cuDeviceGet, "cuDeviceGet")
	bind(&d.cuDeviceGetName, "cuDeviceGetName")
	bind(&d.cuDeviceTotalMem, "cuDeviceTotalMem_v2")
	bind(&d.cuDeviceGetAttr, "cuDeviceGetAttribute")
	if err != nil {
		return nil, err
	}
	var v int32
	if rc := d.cuDriverGetVersion(&v); rc != 0 {
		return nil, fmt.Errorf("%w: cuDriverGetVersion: %v", ErrNoDriver, Result(rc))
	}
	d.Version = int(v)
	if d.Version < MinDriver {
		return nil, fmt.Errorf("%w: driver API %s, need %s or newer", ErrOldDriver, version(d.Version), version(MinDriver))
	}
	if rc := d.cuInit(0); rc != 0 {
		if Result(rc) == resultNoDevice {
			return nil, fmt.Errorf("%w: cuInit: %v", ErrNoDevice, Result(rc))
		}
		return nil, fmt.Errorf("%w: cuInit: %v", ErrNoDriver, Result(rc))
	}
	return d, nil
}

func version(v int) string { return fmt.Sprintf("%d.%d", v/1000, v%1000/10) }

// Count is the number of CUDA devices.
func (d *Driver) Count() (int, error) {
	var n int32
	if rc := d.cuDeviceGetCount(&n); rc != 0 {
		return 0, fmt.Errorf("cuDeviceGetCount: %v", Result(rc))
	}
	return int(n), nil
}

// DeviceInfo describes one GPU.
type DeviceInfo struct {
	Ordinal      int
	Name         string
	Major, Minor int // compute capability
	TotalMemory  uint64
}

// Info returns the name, compute capability and memory of GPU i.
func (d *Driver) Info(i int) (DeviceInfo, error) {
	var dev int32
	if rc := d.cuDeviceGet(&dev, int32(i)); rc != 0 {
		return DeviceInfo{}, fmt.Errorf("cuDeviceGet(%d): %v", i, Result(rc))
	}
	name := make([]byte, 256)
	if rc := d.cuDeviceGetName(&name[0], int32(len(name)), dev); rc != 0 {
		return DeviceInfo{}, fmt.Errorf("cuDeviceGetName: %v", Result(rc))
	}
	info := DeviceInfo{Ordinal: i, Name: cString(name)}
	var major, minor int32
	const attrMajor, attrMinor = 75, 76 // CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_{MAJOR,MINOR}
	d.cuDeviceGetAttr(&major, attrMajor, dev)
	d.cuDeviceGetAttr(&minor, attrMinor, dev)
	info.Major, info.Minor = int(major), int(minor)
	if rc := d.cuDeviceTotalMem(&info.TotalMemory, dev); rc != 0 {
		return DeviceInfo{}, fmt.Errorf("cuDeviceTotalMem: %v", Result(rc))
	}
	return info, nil
}

func cString(b []byte) string {
	for i, c := range b {
		if c == 0 {
			return string(b[:i])
		}
	}
	return string(b)
}
