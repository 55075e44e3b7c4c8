package train

import (
	"time"

	"github.com/gendl/gendl/dl"
	"github.com/gendl/gendl/dl/checkpoint"
	"github.com/gendl/gendl/dl/nn"
	"github.com/gendl/gendl/dl/optim"
)

// Logger receives every logged value as it happens. plotting.Tracker,
// plotting.Progress and plotting.Tee(…) satisfy it; dl never imports
// plotting, so the notebook passes one in.
type Logger interface {
	Add(step int, name string, value float64)
}

// Names of the metrics Run keeps in the Training's Metrics (and so in its
// checkpoint file), one value per entry:
const (
	TrainLoss = "train"    // every step: the training loss
	ValLoss   = "val"      // every evaluation: Eval's value
	ValStep   = "val_step" // every evaluation: steps done when it ran (1 for the first, nearly fresh, model)
	WallTime  = "wall_s"   // every evaluation: wall-clock seconds of training so far
	CPUTime   = "cpu_s"    // every evaluation: CPU seconds (all threads) of training so far
)

// Loop is one supervised training loop: each step computes Loss, clears the
// gradients, back-propagates, clips, sets the learning rate and updates.
type Loop struct {
	Steps    int                       // total steps of the run
	Loss     func(step int) *dl.Tensor // required: the scalar loss of step's batch, with gradients recorded
	Optim    optim.Optimizer           // required
	Clip     float64                   // if > 0, the gradient norm of Params is clipped to Clip
	Params   []nn.Param                // the parameters to clip
	Schedule optim.Schedule            // if set, *LR = Schedule.LR(step) before each update
	LR       *float64                  // the optimizer's learning rate field, e.g. &adam.LR

	EvalEvery int            // evaluate after step 0, every EvalEvery steps and after the last; 0: first and last only
	Eval      func() float64 // optional: the validation loss; it must leave the model in training mode, as lm.EvalLoss does
	Log       Logger         // optional: receives "train/loss" and "val/loss", and the replayed history of a resumed or cached run
	Live      Logger         // optional: like Log, but only the steps run now (a progress bar, whose rate a replay would distort)
}

// Run trains from tr.Step up to l.Steps through tr.Run, so a SIGINT (or
// tr.Interrupt.Trigger) stops after the current step, saves and returns an
// error wrapping checkpoint.ErrInterrupted. Call tr.Resume first to
// continue a saved run. Metrics go to tr.Metrics under TrainLoss, ValLoss,
// ValStep, WallTime and CPUTime; the times continue from those already
// there, so a resumed run reports its total. Before the first step the
// metrics tr already holds are replayed into l.Log (not l.Live), so a
// resumed run's curves start where they stopped.
//
// Run panics if Loss or Optim is nil, or Schedule is set without LR.
func (l *Loop) Run(tr *checkpoint.Training) error {
	if l.Loss == nil || l.Optim == nil || (l.Schedule != nil && l.LR == nil) {
		panic("train: Loop.Run: Loss and Optim are required, and LR with Schedule")
	}
	h := &History{Steps: tr.Step, Metrics: tr.Metrics}
	if l.Log != nil {
		h.Replay(l.Log)
	}
	wall0, cpu0 := h.Wall(), h.CPU() // time spent before a resume
	start, cpuStart := time.Now(), cpuSeconds()
	return tr.Run(l.Steps, func(step int) error {
		loss := l.Loss(step)
		l.Optim.ZeroGrad()
		loss.Backward()
		if l.Clip > 0 {
			optim.ClipGradNorm(l.Params, l.Clip)
		}
		if l.Schedule != nil {
			*l.LR = l.Schedule.LR(step)
		}
		l.Optim.Step()
		v := loss.Item()
		tr.Log(TrainLoss, v)
		l.add(step, "train/loss", v)
		if step == 0 || (l.EvalEvery > 0 && (step+1)%l.EvalEvery == 0) || step+1 == l.Steps {
			if l.Eval != nil {
				v := l.Eval()
				tr.Log(ValLoss, v)
				l.add(step, "val/loss", v)
			}
			tr.Log(ValStep, float64(step+1))
			tr.Log(WallTime, wall0+time.Since(start).Seconds())
			tr.Log(CPUTime, cpu0+cpuSeconds()-cpuStart)
		}
		return nil
	})
}

func (l *Loop) add(step int, name string, v float64) {
	if l.Log != nil {
		l.Log.Add(step, name, v)
	}
	if l.Live != nil {
		l.Live.Add(step, name, v)
	}
}
