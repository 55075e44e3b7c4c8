package cuda

import (
	"fmt"

	"github.com/gendl/gendl/dl"
)

func init() { dl.RegisterDevice("cuda", backend{}) }

type backend struct{}

// Probe loads the driver and checks that the requested GPU exists.
func (backend) Probe(d dl.Device) error {
	drv, err := Load()
	if err != nil {
		return err
	}
	n, err := drv.Count()
	if err != nil {
		return err
	}
	if n == 0 {
		return ErrNoDevice
	}
	if d.Index >= n {
		return fmt.Errorf("%w: GPU %d requested, %d present", ErrNoDevice, d.Index, n)
	}
	return nil
}
