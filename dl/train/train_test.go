package train_test

import (
	"errors"
	"math/rand/v2"
	"os"
	"testing"

	"github.com/gendl/gendl/dl"
	"github.com/gendl/gendl/dl/checkpoint"
	"github.com/gendl/gendl/dl/nn"
	"github.com/gendl/gendl/dl/optim"
	"github.com/gendl/gendl/dl/train"
)

// problem is a tiny regression, y = 2·x₀ − x₁ + 0.5, fitted by one Linear.
type problem struct {
	model *nn.Linear
	opt   *optim.Adam
	src   *rand.PCG
	r     *rand.Rand
	evals int
}

func newProblem() *problem {
	m := nn.NewLinear(rand.New(rand.NewPCG(1, 1)), 2, 1)
	src := rand.NewPCG(2, 2)
	return &problem{model: m, opt: optim.NewAdam(m.Parameters(), 0.05), src: src, r: rand.New(src)}
}

func (p *problem) batch(r *rand.Rand) (x, y *dl.Tensor) {
	xs, ys := make([]float32, 32*2), make([]float32, 32)
	for i := range ys {
		a, b := r.Float32()*2-1, r.Float32()*2-1
		xs[2*i], xs[2*i+1], ys[i] = a, b, 2*a-b+0.5
	}
	return dl.FromFloat32(xs, 32, 2), dl.FromFloat32(ys, 32, 1)
}

func (p *problem) loop(steps, every int) *train.Loop {
	return &train.Loop{
		Steps: steps,
		Loss: func(int) *dl.Tensor {
			x, y := p.batch(p.r)
			return dl.MSE(p.model.Forward(x), y)
		},
		Optim: p.opt, Clip: 1, Params: p.model.Parameters(),
		Schedule: optim.WarmupCosine{Base: 0.05, Min: 0.005, Warmup: 5, Total: steps}, LR: &p.opt.LR,
		EvalEvery: every,
		Eval: func() float64 {
			p.evals++
			var v float64
			dl.NoGrad(func() {
				x, y := p.batch(rand.New(rand.NewPCG(9, 9)))
				v = dl.MSE(p.model.Forward(x), y).Item()
			})
			return v
		},
	}
}

func (p *problem) training() *checkpoint.Training {
	return &checkpoint.Training{Model: p.model, Optim: p.opt, RNG: p.src, Interrupt: &checkpoint.Interrupt{}}
}

// recorder is a Logger that keeps what it was sent.
type recorder struct{ steps map[string][]int }

func (r *recorder) Add(step int, name string, v float64) {
	if r.steps == nil {
		r.steps = map[string][]int{}
	}
	r.steps[name] = append(r.steps[name], step)
}

func TestRunLossFallsAndEvalCadence(t *testing.T) {
	t.Parallel()
	p := newProblem()
	tr := p.training()
	tr.Path = t.TempDir() + "/run.safetensors"
	l := p.loop(100, 30)
	rec := &recorder{}
	l.Log = rec
	if err := l.Run(tr); err != nil {
		t.Fatal(err)
	}
	h := train.HistoryOf(tr)
	if h.Steps != 100 || len(h.Metrics[train.TrainLoss]) != 100 || len(rec.steps["train/loss"]) != 100 {
		t.Fatalf("steps %d, %d train losses, %d logged; want 100 each", h.Steps, len(h.Metrics[train.TrainLoss]), len(rec.steps["train/loss"]))
	}
	steps, val := h.Val()
	want := []float64{1, 30, 60, 90, 100} // after the first step, every 30, after the last
	if len(steps) != len(want) || p.evals != len(want) || len(val) != len(want) {
		t.Fatalf("evaluated at %v (%d calls), want %v", steps, p.evals, want)
	}
	for i := range want {
		if steps[i] != want[i] || rec.steps["val/loss"][i] != int(want[i])-1 {
			t.Fatalf("evaluated at %v, logged at %v; want %v", steps, rec.steps["val/loss"], want)
		}
	}
	if val[len(val)-1] > 0.1*val[0] {
		t.Errorf("validation loss %.4f -> %.4f: did not fall tenfold", val[0], val[len(val)-1])
	}
	if h.Wall() <= 0 || len(h.Metrics[train.WallTime]) != len(want) || h.CPU() < 0 {
		t.Errorf("wall %v s, cpu %v s, %d wall entries", h.Wall(), h.CPU(), len(h.Metrics[train.WallTime]))
	}
	if got, want := p.opt.LR, l.Schedule.LR(99); got != want {
		t.Errorf("LR of the last step = %v, want the schedule's %v", got, want)
	}
}

func TestCachedTrainsOnceThenLoads(t *testing.T) {
	t.Parallel()
	c := &checkpoint.Cache{Dir: t.TempDir()}
	cfg := struct{ Steps int }{40}
	p := newProblem()
	h, loaded, err := train.Cached(c, "lin", cfg, p.training(), p.loop(40, 10))
	if err != nil || loaded || h.Steps != 40 {
		t.Fatalf("first call: loaded %v, steps %d, err %v; want a 40-step training", loaded, h.Steps, err)
	}
	q := newProblem() // fresh weights; must not train
	rec := &recorder{}
	l := q.loop(40, 10)
	l.Loss = func(int) *dl.Tensor { t.Fatal("trained on a cache hit"); return nil }
	l.Log = rec
	live := &recorder{}
	l.Live = live
	h2, loaded, err := train.Cached(c, "lin", cfg, q.training(), l)
	if err != nil || !loaded {
		t.Fatalf("second call: loaded %v, err %v", loaded, err)
	}
	if q.model.Weight.At(0, 0) != p.model.Weight.At(0, 0) || q.evals != 0 {
		t.Errorf("weight %v, want the cached %v; %d evaluations", q.model.Weight.At(0, 0), p.model.Weight.At(0, 0), q.evals)
	}
	if h2.Steps != 40 || h2.Last(train.ValLoss) != h.Last(train.ValLoss) || h2.Wall() != h.Wall() {
		t.Errorf("reloaded history: %d steps, val %v, wall %v; want 40, %v, %v", h2.Steps, h2.Last(train.ValLoss), h2.Wall(), h.Last(train.ValLoss), h.Wall())
	}
	if len(rec.steps["train/loss"]) != 40 || len(rec.steps["val/loss"]) != 5 {
		t.Errorf("replayed %d train and %d val points, want 40 and 5", len(rec.steps["train/loss"]), len(rec.steps["val/loss"]))
	}
	if len(live.steps) != 0 {
		t.Errorf("Live got %v on a cache hit, want nothing", live.steps)
	}
	r := newProblem()
	if err := train.Load(c, "lin", cfg, r.model); err != nil || r.model.Weight.At(0, 1) != p.model.Weight.At(0, 1) {
		t.Errorf("Load: err %v, weight %v, want %v", err, r.model.Weight.At(0, 1), p.model.Weight.At(0, 1))
	}
	if err := train.Load(c, "lin", struct{ Steps int }{41}, r.model); !errors.Is(err, train.ErrNotCached) {
		t.Errorf("Load of an untrained config: err %v, want ErrNotCached", err)
	}
}

// An interrupt stops after the current step and saves; calling Cached
// again resumes and ends exactly where an uninterrupted run ends.
func TestCachedInterruptThenResume(t *testing.T) {
	t.Parallel()
	c := &checkpoint.Cache{Dir: t.TempDir()}
	cfg := struct{ Steps int }{30}

	whole := newProblem()
	if err := whole.loop(30, 10).Run(&checkpoint.Training{Path: t.TempDir() + "/w", Model: whole.model, Optim: whole.opt, RNG: whole.src, Interrupt: &checkpoint.Interrupt{}}); err != nil {
		t.Fatal(err)
	}

	p := newProblem()
	tr := p.training()
	l := p.loop(30, 10)
	loss := l.Loss
	l.Loss = func(step int) *dl.Tensor {
		if step == 12 {
			tr.Interrupt.Trigger()
		}
		return loss(step)
	}
	h, loaded, err := train.Cached(c, "lin", cfg, tr, l)
	if !errors.Is(err, checkpoint.ErrInterrupted) || loaded || h.Steps != 13 {
		t.Fatalf("interrupted call: err %v, loaded %v, steps %d; want ErrInterrupted after 13 steps", err, loaded, h.Steps)
	}
	if _, err := os.Stat(tr.Path); err != nil {
		t.Fatalf("no training checkpoint after the interrupt: %v", err)
	}
	q := newProblem() // a fresh cell
	ql := q.loop(30, 10)
	all, live := &recorder{}, &recorder{}
	ql.Log, ql.Live = all, live
	h, loaded, err = train.Cached(c, "lin", cfg, q.training(), ql)
	if err != nil || loaded || h.Steps != 30 || len(h.Metrics[train.TrainLoss]) != 30 {
		t.Fatalf("resumed call: err %v, loaded %v, %d steps, %d losses; want 30 trained", err, loaded, h.Steps, len(h.Metrics[train.TrainLoss]))
	}
	if a, l := all.steps["train/loss"], live.steps["train/loss"]; len(a) != 30 || len(l) != 17 || l[0] != 13 || a[0] != 0 {
		t.Errorf("after resuming at 13: Log got train steps %v, Live %v; want 0…29 and 13…29", a, l)
	}
	if steps, _ := h.Val(); len(steps) != 4 || steps[1] != 10 || steps[3] != 30 {
		t.Errorf("evaluated at %v, want [1 10 20 30]", steps)
	}
	for i, w := range whole.model.Weight.Floats() {
		if q.model.Weight.Floats()[i] != w {
			t.Fatalf("resumed weights %v differ from the uninterrupted run's %v", q.model.Weight.Floats(), whole.model.Weight.Floats())
		}
	}
}

func TestReadHistoryErrors(t *testing.T) {
	t.Parallel()
	if _, err := train.ReadHistory(t.TempDir() + "/missing.safetensors"); err == nil {
		t.Error("ReadHistory of a missing file: no error")
	}
}

// Load only reads: GENDL_RETRAIN (Cache.Retrain) must not make it fail.
func TestLoadIgnoresRetrain(t *testing.T) {
	t.Parallel()
	c := &checkpoint.Cache{Dir: t.TempDir()}
	p := newProblem()
	if _, _, err := train.Cached(c, "lin", 1, p.training(), p.loop(5, 0)); err != nil {
		t.Fatal(err)
	}
	q := newProblem()
	if err := train.Load(&checkpoint.Cache{Dir: c.Dir, Retrain: true}, "lin", 1, q.model); err != nil {
		t.Fatalf("Load with Retrain set: %v", err)
	}
	if q.model.Weight.At(0, 0) != p.model.Weight.At(0, 0) {
		t.Errorf("Load with Retrain set: weight %v, want %v", q.model.Weight.At(0, 0), p.model.Weight.At(0, 0))
	}
}
