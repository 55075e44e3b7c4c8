package lm_test

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/gendl/gendl/dl"
	"github.com/gendl/gendl/dl/dataset"
	"github.com/gendl/gendl/dl/internal/shared"
	"github.com/gendl/gendl/dl/lm"
	"github.com/gendl/gendl/dl/optim"
)

func shakespeareIDs(t *testing.T) (*dataset.CharVocab, []int) {
	text := string(shared.ReadFile(t, "tinyshakespeare.txt"))
	v := dataset.NewCharVocab(text)
	ids, err := v.Encode(text[:200_000])
	if err != nil {
		t.Fatal(err)
	}
	return v, ids
}

// A few Adam steps on Shakespeare must lower the validation loss of every
// kind from its starting point (ln 65 ≈ 4.17 nats for a uniform guess).
func TestCharRNNLearnsShakespeare(t *testing.T) {
	t.Parallel()
	v, ids := shakespeareIDs(t)
	train, val := dataset.Split(ids, 0.9)
	for _, kind := range []string{"rnn", "lstm", "gru"} {
		t.Run(kind, func(t *testing.T) {
			t.Parallel()
			r := rand.New(rand.NewPCG(1, 2))
			m := lm.NewCharRNN(r, lm.CharRNNConfig{Kind: kind, Vocab: v.Size(), Embed: 16, Hidden: 64})
			opt := optim.NewAdam(m.Parameters(), 1e-2)
			vr := rand.New(rand.NewPCG(3, 4))
			valBatches := make([][2]*dl.Ints, 4)
			for i := range valBatches {
				x, y := dataset.RandomBatch(vr, val, 16, 32)
				valBatches[i] = [2]*dl.Ints{x, y}
			}
			eval := func() float64 {
				return lm.EvalLoss(m, len(valBatches), func(i int) (x, y *dl.Ints) { return valBatches[i][0], valBatches[i][1] })
			}
			before := eval()
			for range 60 {
				x, y := dataset.RandomBatch(r, train, 16, 32)
				opt.ZeroGrad()
				lm.Loss(m, x, y).Backward()
				opt.Step()
			}
			after := eval()
			t.Logf("%s: val loss %.3f -> %.3f", kind, before, after)
			if !(after < before-0.5) {
				t.Fatalf("val loss %.3f -> %.3f: did not fall by 0.5 nats", before, after)
			}
		})
	}
}

// The stepper feeds one token at a time with carried state; it must give
// the same logits as a full forward over the whole context.
func TestCharRNNStepperMatchesFullForward(t *testing.T) {
	t.Parallel()
	for _, kind := range []string{"rnn", "lstm", "gru"} {
		r := rand.New(rand.NewPCG(5, 6))
		m := lm.NewCharRNN(r, lm.CharRNNConfig{Kind: kind, Vocab: 11, Embed: 4, Hidden: 8, Layers: 2})
		step := m.Stepper()
		ctx := []int{3, 1, 4, 1, 5, 9, 2, 6}
		var got []float32
		for i := 2; i <= len(ctx); i++ {
			got = step(ctx[:i])
		}
		full := m.Forward(dl.NewInts(slices.Clone(ctx), 1, len(ctx))).Float32s()
		want := full[len(full)-11:]
		for j := range want {
			if d := got[j] - want[j]; d > 1e-5 || d < -1e-5 {
				t.Fatalf("%s: logit %d = %v stepwise, %v full", kind, j, got[j], want[j])
			}
		}
	}
}

func TestCharRNNParameterNames(t *testing.T) {
	t.Parallel()
	m := lm.NewCharRNN(rand.New(rand.NewPCG(1, 1)), lm.CharRNNConfig{Kind: "lstm", Vocab: 65, Embed: 64, Hidden: 256})
	var names []string
	for _, p := range m.Parameters() {
		names = append(names, p.Name)
	}
	want := []string{"emb.weight", "rnn.weight_ih_l0", "rnn.weight_hh_l0", "rnn.bias_ih_l0", "rnn.bias_hh_l0", "head.weight", "head.bias"}
	if !slices.Equal(names, want) {
		t.Fatalf("names = %v, want %v", names, want)
	}
}

func TestCharRNNSamplingReproducible(t *testing.T) {
	t.Parallel()
	m := lm.NewCharRNN(rand.New(rand.NewPCG(1, 1)), lm.CharRNNConfig{Kind: "gru", Vocab: 20, Embed: 8, Hidden: 16})
	gen := func() []int {
		return lm.Generate(rand.New(rand.NewPCG(42, 0)), m.Stepper(), []int{1, 2}, lm.GenerateConfig{
			SampleConfig: lm.SampleConfig{Temperature: 0.9, TopK: 5}, MaxTokens: 40})
	}
	a, b := gen(), gen()
	if !slices.Equal(a, b) || len(a) != 40 {
		t.Fatalf("two generations from one seed differ or are short:\n%v\n%v", a, b)
	}
}
