package checkpoint

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/gendl/gendl/dl"
	"github.com/gendl/gendl/dl/nn"
	"github.com/gendl/gendl/dl/safetensors"
)

// Mode says how LoadModule treats a file that does not match the model.
type Mode int

const (
	// Strict loads nothing and returns a *MismatchError unless the file
	// and the model have exactly the same names and shapes.
	Strict Mode = iota
	// NonStrict loads every tensor whose name and shape match, leaves the
	// rest of the model as it is, and only reports the differences. Unlike
	// PyTorch's strict=False, a shape mismatch is skipped and reported
	// rather than fatal, so a model with a new head can start from an old
	// checkpoint.
	NonStrict
)

// SaveModule atomically writes m's parameters and buffers (nn.StateDict) to
// a safetensors file, under their PyTorch names: PyTorch's
// model.load_state_dict(safetensors.torch.load_file(path)) reads it.
func SaveModule(path string, m nn.Module) error {
	if err := safetensors.Save(path, nn.StateDict(m), map[string]string{"format": "pt"}); err != nil {
		return fmt.Errorf("checkpoint: saving %s: %w", path, err)
	}
	return nil
}

// LoadModule reads a safetensors file written by SaveModule or by PyTorch
// into m's parameters and buffers, in place (the tensors keep their
// identity, so an optimizer built on m still updates them), converting
// dtypes as needed. The Report lists what matched and what did not; see
// Mode. A corrupt file is an error wrapping safetensors.ErrInvalid.
func LoadModule(path string, m nn.Module, mode Mode) (Report, error) {
	file, _, err := safetensors.Load(path)
	if err != nil {
		return Report{}, fmt.Errorf("checkpoint: %w", err)
	}
	return loadState(path, nn.StateDict(m), file, mode)
}

// loadState copies file into model (both name → tensor) as mode says.
func loadState(path string, model, file map[string]*dl.Tensor, mode Mode) (Report, error) {
	r := compare(model, file)
	if mode == Strict && !r.OK() {
		return r, &MismatchError{Path: path, Report: r}
	}
	for _, name := range r.Loaded {
		model[name].CopyFrom(file[name])
	}
	return r, nil
}

// Report says how a file's tensors lined up with a model's.
type Report struct {
	Loaded     []string   // names copied into the model, sorted
	Missing    []string   // in the model but not in the file
	Unexpected []string   // in the file but not in the model
	Mismatched []Mismatch // in both, with different shapes
}

// Mismatch is a name whose shape differs between model and file.
type Mismatch struct {
	Name        string
	Model, File []int
}

// OK reports whether the file matched the model exactly.
func (r Report) OK() bool {
	return len(r.Missing) == 0 && len(r.Unexpected) == 0 && len(r.Mismatched) == 0
}

// String summarises the report on one line.
func (r Report) String() string {
	var parts []string
	parts = append(parts, fmt.Sprintf("%d loaded", len(r.Loaded)))
	if len(r.Missing) > 0 {
		parts = append(parts, fmt.Sprintf("missing %v", r.Missing))
	}
	if len(r.Unexpected) > 0 {
		parts = append(parts, fmt.Sprintf("unexpected %v", r.Unexpected))
	}
	for _, m := range r.Mismatched {
		parts = append(parts, fmt.Sprintf("%s: model %v, file %v", m.Name, m.Model, m.File))
	}
	return strings.Join(parts, "; ")
}

// MismatchError is LoadModule's error in Strict mode.
type MismatchError struct {
	Path   string
	Report Report
}

func (e *MismatchError) Error() string {
	return fmt.Sprintf("checkpoint: %s does not match the model: %s", e.Path, e.Report)
}

func compare(model, file map[string]*dl.Tensor) Report {
	var r Report
	for _, name := range slices.Sorted(maps.Keys(model)) {
		f, ok := file[name]
		switch {
		case !ok:
			r.Missing = append(r.Missing, name)
		case !slices.Equal(f.Shape(), model[name].Shape()):
			r.Mismatched = append(r.Mismatched, Mismatch{Name: name, Model: model[name].Shape(), File: f.Shape()})
		default:
			r.Loaded = append(r.Loaded, name)
		}
	}
	for _, name := range slices.Sorted(maps.Keys(file)) {
		if _, ok := model[name]; !ok {
			r.Unexpected = append(r.Unexpected, name)
		}
	}
	return r
}
