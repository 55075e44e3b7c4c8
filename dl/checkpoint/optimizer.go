package checkpoint

import (
	"fmt"

	"github.com/gendl/gendl/dl"
	"github.com/gendl/gendl/dl/safetensors"
)

// Stateful is an optimizer (or anything else) whose state is a set of named
// tensors: optim.SGD and optim.Adam implement it. State returns copies;
// LoadState restores them and changes nothing when it returns an error.
type Stateful interface {
	State() map[string]*dl.Tensor
	LoadState(map[string]*dl.Tensor) error
}

// SaveOptimizer atomically writes o's state to a safetensors file.
func SaveOptimizer(path string, o Stateful) error {
	if err := safetensors.Save(path, o.State(), nil); err != nil {
		return fmt.Errorf("checkpoint: saving optimizer to %s: %w", path, err)
	}
	return nil
}

// LoadOptimizer restores o's state from a file written by SaveOptimizer.
func LoadOptimizer(path string, o Stateful) error {
	st, _, err := safetensors.Load(path)
	if err != nil {
		return fmt.Errorf("checkpoint: %w", err)
	}
	if err := o.LoadState(st); err != nil {
		return fmt.Errorf("checkpoint: %s: %w", path, err)
	}
	return nil
}
