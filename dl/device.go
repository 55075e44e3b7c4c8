package dl

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
)

// Device says where a tensor's values live. The zero Device is the CPU,
// where every tensor lives today; CUDA devices come from a backend package
// that registers itself (github.com/gendl/gendl/dl/cuda), so programs that
// do not import it carry no GPU code, no cgo and no driver lookup.
type Device struct {
	Kind  string // "cpu" or "cuda"
	Index int    // the GPU ordinal for "cuda"
}

// CPU is the default device.
var CPU = Device{Kind: "cpu"}

// CUDA returns the i-th NVIDIA GPU.
func CUDA(i int) Device { return Device{Kind: "cuda", Index: i} }

func (d Device) String() string {
	if d.Kind == "" || d.Kind == "cpu" {
		return "cpu"
	}
	return d.Kind + ":" + strconv.Itoa(d.Index)
}

// ParseDevice reads "cpu", "cuda" (GPU 0) or "cuda:N", as PyTorch spells
// devices.
func ParseDevice(s string) (Device, error) {
	switch {
	case s == "cpu":
		return CPU, nil
	case s == "cuda":
		return CUDA(0), nil
	case strings.HasPrefix(s, "cuda:"):
		i, err := strconv.Atoi(s[len("cuda:"):])
		if err != nil || i < 0 {
			return Device{}, fmt.Errorf("dl: device %q: GPU index must be a non-negative integer", s)
		}
		return CUDA(i), nil
	}
	return Device{}, fmt.Errorf("dl: unknown device %q (want cpu, cuda or cuda:N)", s)
}

// A DeviceBackend makes a kind of device usable. Probe reports whether the
// device can be used here and, if not, why (no driver library, no device,
// driver too old) — the error a user sees when asking for it.
type DeviceBackend interface {
	Probe(d Device) error
}

var backends = struct {
	sync.RWMutex
	m map[string]DeviceBackend
}{m: map[string]DeviceBackend{}}

// RegisterDevice installs the backend for a device kind. Backend packages
// call it from init, as database/sql drivers do; it panics on a duplicate.
func RegisterDevice(kind string, b DeviceBackend) {
	backends.Lock()
	defer backends.Unlock()
	if _, dup := backends.m[kind]; dup {
		panic("dl: RegisterDevice called twice for " + kind)
	}
	backends.m[kind] = b
}

// ErrNoBackend is wrapped by DeviceStatus when no backend for the device's
// kind is linked into the program.
var ErrNoBackend = errors.New("no backend linked")

// DeviceStatus returns nil when d can hold tensors, and otherwise an error
// saying why.
func DeviceStatus(d Device) error {
	if d.Kind == "" || d.Kind == "cpu" {
		return nil
	}
	backends.RLock()
	b := backends.m[d.Kind]
	backends.RUnlock()
	if b == nil {
		return fmt.Errorf("dl: device %v: %w (import _ \"github.com/gendl/gendl/dl/%s\" to enable it)", d, ErrNoBackend, d.Kind)
	}
	if err := b.Probe(d); err != nil {
		return fmt.Errorf("dl: device %v: %w", d, err)
	}
	return nil
}

// CUDAAvailable reports whether GPU 0 is usable: a CUDA backend is linked,
// the driver loads and a device answers. DeviceStatus(CUDA(0)) says why not.
func CUDAAvailable() bool { return DeviceStatus(CUDA(0)) == nil }

// Device is where t's values live (always CPU in this version).
func (t *Tensor) Device() Device { return CPU }

// ToDevice returns t on device d: t itself for the CPU. For a GPU it returns
// the error DeviceStatus gives when the device is unusable; the GPU kernels
// that would make it usable are not in this version, so even a usable GPU
// returns an error saying so. Everything keeps running on the CPU.
func (t *Tensor) ToDevice(d Device) (*Tensor, error) {
	if err := DeviceStatus(d); err != nil {
		return nil, err
	}
	if d.Kind == "" || d.Kind == "cpu" {
		return t, nil
	}
	return nil, fmt.Errorf("dl: device %v: the driver is usable, but tensor operations on it are not implemented in this version", d)
}
