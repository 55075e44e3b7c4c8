package checkpoint

import (
	"encoding"
	"encoding/base64"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/gendl/gendl/dl"
	"github.com/gendl/gendl/dl/nn"
	"github.com/gendl/gendl/dl/safetensors"
)

// RNG is the state of a random source that can be saved and restored:
// math/rand/v2's *rand.PCG and *rand.ChaCha8 implement it. A *rand.Rand
// cannot be saved, so keep the source you built it on:
//
//	src := rand.NewPCG(1, 2)
//	r := rand.New(src) // use r everywhere; save src
type RNG interface {
	encoding.BinaryMarshaler
	encoding.BinaryUnmarshaler
}

// Training is everything needed to resume a training run exactly: the
// model, the optimizer's state, the random source, the step count and the
// metrics so far. Save and Resume write and read it as one safetensors file
// (model tensors under "model.", optimizer state under "optim.", metrics
// as float64 vectors under "metrics.", step and RNG in the metadata).
type Training struct {
	Path    string               // the checkpoint file
	Model   nn.Module            // required
	Optim   Stateful             // optional, e.g. *optim.Adam
	RNG     RNG                  // optional, the source under the loop's *rand.Rand
	Step    int                  // steps completed
	Metrics map[string][]float64 // per-step values appended by Log
	Every   int                  // Run also saves every Every steps; 0 saves only at the end and on interrupt

	// Interrupt, if set, is the one Run polls instead of catching SIGINT
	// itself, so code can stop the run with Trigger: CatchInterrupt() also
	// catches SIGINT, a zero &Interrupt{} does not.
	Interrupt *Interrupt
}

// ErrInterrupted is returned (wrapped) by Run when SIGINT stopped it; the
// checkpoint was saved first, so running the same code again resumes.
var ErrInterrupted = errors.New("checkpoint: training interrupted")

// Log appends v to the metric name.
func (t *Training) Log(name string, v float64) {
	if t.Metrics == nil {
		t.Metrics = map[string][]float64{}
	}
	t.Metrics[name] = append(t.Metrics[name], v)
}

// Save atomically writes the training state to t.Path.
func (t *Training) Save() error {
	tensors := map[string]*dl.Tensor{}
	for name, x := range nn.StateDict(t.Model) {
		tensors["model."+name] = x
	}
	if t.Optim != nil {
		for name, x := range t.Optim.State() {
			tensors["optim."+name] = x
		}
	}
	for name, v := range t.Metrics {
		tensors["metrics."+name] = dl.FromFloat64(v, len(v))
	}
	meta := map[string]string{"gendl": "training", "step": strconv.Itoa(t.Step)}
	if t.RNG != nil {
		b, err := t.RNG.MarshalBinary()
		if err != nil {
			return fmt.Errorf("checkpoint: saving RNG state: %w", err)
		}
		meta["rng"] = base64.StdEncoding.EncodeToString(b)
	}
	if err := safetensors.Save(t.Path, tensors, meta); err != nil {
		return fmt.Errorf("checkpoint: saving training state to %s: %w", t.Path, err)
	}
	return nil
}

// Resume loads the state Save wrote, if t.Path exists, into t.Model,
// t.Optim, t.RNG, t.Step and t.Metrics, and reports whether it did. A
// missing file is not an error (resumed is false: a fresh start). A file
// that does not match the model (names, shapes), lacks optimizer or RNG
// state that t has, or is corrupt is an error, and the model is then left
// unchanged.
func (t *Training) Resume() (resumed bool, err error) {
	f, err := safetensors.ReadFile(t.Path)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("checkpoint: %w", err)
	}
	if f.Metadata["gendl"] != "training" {
		return false, fmt.Errorf("checkpoint: %s is not a training checkpoint (no gendl=training metadata)", t.Path)
	}
	step, err := strconv.Atoi(f.Metadata["step"])
	if err != nil || step < 0 {
		return false, fmt.Errorf("checkpoint: %s: bad step %q", t.Path, f.Metadata["step"])
	}
	groups := map[string]map[string]*dl.Tensor{"model": {}, "optim": {}, "metrics": {}}
	for name, x := range f.Tensors {
		group, rest, _ := strings.Cut(name, ".")
		if groups[group] == nil {
			return false, fmt.Errorf("checkpoint: %s: unexpected tensor %q", t.Path, name)
		}
		groups[group][rest] = x.DL()
	}
	model := nn.StateDict(t.Model)
	if r := compare(model, groups["model"]); !r.OK() {
		return false, &MismatchError{Path: t.Path, Report: r}
	}
	var rng []byte
	if t.RNG != nil {
		enc, ok := f.Metadata["rng"]
		if rng, err = base64.StdEncoding.DecodeString(enc); !ok || err != nil {
			return false, fmt.Errorf("checkpoint: %s has no valid RNG state", t.Path)
		}
	}
	if t.Optim != nil {
		if err := t.Optim.LoadState(groups["optim"]); err != nil {
			return false, fmt.Errorf("checkpoint: %s: %w", t.Path, err)
		}
	}
	for name, x := range model {
		x.CopyFrom(groups["model"][name])
	}
	if t.RNG != nil {
		if err := t.RNG.UnmarshalBinary(rng); err != nil {
			return false, fmt.Errorf("checkpoint: %s: restoring RNG: %w", t.Path, err)
		}
	}
	t.Step = step
	t.Metrics = map[string][]float64{}
	for _, name := range slices.Sorted(maps.Keys(groups["metrics"])) {
		t.Metrics[name] = groups["metrics"][name].Floats()
	}
	return true, nil
}

// Run calls step(i) for i = t.Step, t.Step+1, … up to steps-1, counting
// each completed step in t.Step, and saves at the end (and every t.Every
// steps). If SIGINT arrives, it finishes the current step, saves, and
// returns an error wrapping ErrInterrupted; calling Resume and Run again
// continues where it stopped. An error from step is returned at once,
// without saving a half-done step.
func (t *Training) Run(steps int, step func(i int) error) error {
	intr := t.Interrupt
	if intr == nil {
		intr = CatchInterrupt()
		defer intr.Release()
	}
	for t.Step < steps {
		if err := step(t.Step); err != nil {
			return err
		}
		t.Step++
		if intr.Requested() {
			if err := t.Save(); err != nil {
				return err
			}
			return fmt.Errorf("%w after step %d of %d; saved %s, run again to resume", ErrInterrupted, t.Step, steps, t.Path)
		}
		if t.Every > 0 && t.Step%t.Every == 0 && t.Step < steps {
			if err := t.Save(); err != nil {
				return err
			}
		}
	}
	return t.Save()
}
