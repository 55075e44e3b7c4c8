package main

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/gendl/gendl/dl/nn"
)

// TestWorkloadsStep builds every workload and runs two steps: the graph
// must build, the loss must be finite, and the token counts must match the
// PyTorch side's.
func TestWorkloadsStep(t *testing.T) {
	tokens := map[string]int{"W1": 64, "W2": 2048, "W3": 2048, "W4": 2048, "W5gan": 64, "W5ddpm": 64, "W6": 1000}
	for _, name := range names() {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			wl := builders[name](rand.New(rand.NewPCG(1, 2)))
			if wl.tokens != tokens[name] {
				t.Errorf("%s: %d tokens per step, the PyTorch side counts %d", name, wl.tokens, tokens[name])
			}
			for range 2 {
				wl.step()
			}
			if l := wl.loss(); name != "W6" && (math.IsNaN(l) || math.IsInf(l, 0)) {
				t.Errorf("%s: loss %v after two steps", name, l)
			}
		})
	}
}

// TestGPTParamsMatchTorch checks W4 trains exactly as many parameters as
// torch_workloads.py's GPT (sum(p.numel() for p in model.parameters())).
func TestGPTParamsMatchTorch(t *testing.T) {
	t.Parallel()
	m := newGPTBench(rand.New(rand.NewPCG(1, 2)))
	// tok 65·128 + pos 64·128 + 4 blocks·198,272 + ln_f 256 + head 128·65
	const torch = 8320 + 8192 + 4*198272 + 256 + 8320
	if got := nn.NumParams(m); got != torch {
		t.Errorf("W4 has %d parameters, PyTorch's GPT %d", got, torch)
	}
}

func TestMedianAndJSON(t *testing.T) {
	t.Parallel()
	if m := median([]float64{3, 1, 2}); m != 2 {
		t.Errorf("median(3, 1, 2) = %v", m)
	}
	if m := median([]float64{4, 1, 3, 2}); m != 2.5 {
		t.Errorf("median(4, 1, 3, 2) = %v", m)
	}
	got := jsonLine([]field{{"workload", "W1"}, {"threads", 2}, {"x", math.NaN()}})
	if want := `{"workload": "W1", "threads": 2, "x": null}`; got != want {
		t.Errorf("jsonLine = %s, want %s", got, want)
	}
	if !strings.HasPrefix(jsonLine([]field{{"steps_per_s_median", 1.5}}), `{"steps_per_s_median": 1.5`) {
		t.Error("jsonLine drops the value")
	}
}
