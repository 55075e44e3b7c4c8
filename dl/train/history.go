package train

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/gendl/gendl/dl/checkpoint"
	"github.com/gendl/gendl/dl/safetensors"
)

// History is what a run logged: the steps done and the metrics Loop.Run
// keeps (TrainLoss, ValLoss, ValStep, WallTime, CPUTime), as a
// checkpoint.Training holds them. It is saved in the training checkpoint
// beside the cached weights, so a cell that loads the model still has its
// curves and its training time.
type History struct {
	Steps   int
	Metrics map[string][]float64
}

// HistoryOf is the history tr holds now (sharing its metrics).
func HistoryOf(tr *checkpoint.Training) *History {
	return &History{Steps: tr.Step, Metrics: tr.Metrics}
}

// ReadHistory reads the step count and metrics of the training checkpoint
// at path (written by checkpoint.Training.Save), without the model: no
// model needs building to draw a cached run's curves.
func ReadHistory(path string) (*History, error) {
	f, err := safetensors.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("train: history: %w", err)
	}
	if f.Metadata["gendl"] != "training" {
		return nil, fmt.Errorf("train: history: %s is not a training checkpoint", path)
	}
	steps, err := strconv.Atoi(f.Metadata["step"])
	if err != nil {
		return nil, fmt.Errorf("train: history: %s: bad step %q", path, f.Metadata["step"])
	}
	h := &History{Steps: steps, Metrics: map[string][]float64{}}
	for name, x := range f.Tensors {
		if m, ok := strings.CutPrefix(name, "metrics."); ok {
			h.Metrics[m] = x.DL().Floats()
		}
	}
	return h, nil
}

// Last is the last value logged under name, or 0 if there is none.
func (h *History) Last(name string) float64 {
	xs := h.Metrics[name]
	if len(xs) == 0 {
		return 0
	}
	return xs[len(xs)-1]
}

// Wall is the wall-clock seconds of training, measured at the last evaluation.
func (h *History) Wall() float64 { return h.Last(WallTime) }

// CPU is the CPU seconds (all threads) of training, measured at the last evaluation.
func (h *History) CPU() float64 { return h.Last(CPUTime) }

// Train returns the training loss per step: steps 1, 2, … and the losses.
func (h *History) Train() (steps, loss []float64) {
	loss = h.Metrics[TrainLoss]
	steps = make([]float64, len(loss))
	for i := range steps {
		steps[i] = float64(i + 1)
	}
	return steps, loss
}

// Val returns the validation losses and the step counts they were taken at.
func (h *History) Val() (steps, loss []float64) {
	return h.Metrics[ValStep], h.Metrics[ValLoss]
}

// Replay sends the logged losses to log with the step numbers Loop.Run
// used: "train/loss" at step i for the i-th training loss, "val/loss" at
// ValStep-1.
func (h *History) Replay(log Logger) {
	for i, v := range h.Metrics[TrainLoss] {
		log.Add(i, "train/loss", v)
	}
	steps := h.Metrics[ValStep]
	for i, v := range h.Metrics[ValLoss] {
		if i < len(steps) {
			log.Add(int(steps[i])-1, "val/loss", v)
		}
	}
}
