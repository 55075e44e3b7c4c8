package optim

import "math"

// Schedule gives the learning rate for a step (counted from 0). A training
// loop sets opt.LR = sched.LR(step) before opt.Step(). Schedules are plain
// values: they hold no state, so resuming at step k needs only k.
type Schedule interface {
	LR(step int) float64
}

// StepLR multiplies Base by Gamma every StepSize steps, like PyTorch's
// StepLR: LR(step) = Base · Gamma^⌊step/StepSize⌋.
type StepLR struct {
	Base     float64
	StepSize int
	Gamma    float64
}

// LR returns the learning rate for step.
func (s StepLR) LR(step int) float64 {
	return s.Base * math.Pow(s.Gamma, float64(step/max(s.StepSize, 1)))
}

// WarmupCosine rises linearly from Base/Warmup to Base over the first
// Warmup steps, then follows half a cosine from Base down to Min at step
// Total, and stays at Min after it (the schedule nanoGPT trains with).
type WarmupCosine struct {
	Base, Min     float64
	Warmup, Total int
}

// LR returns the learning rate for step.
func (s WarmupCosine) LR(step int) float64 {
	if step < s.Warmup {
		return s.Base * float64(step+1) / float64(s.Warmup)
	}
	if step >= s.Total {
		return s.Min
	}
	progress := float64(step-s.Warmup) / float64(max(s.Total-s.Warmup, 1))
	return s.Min + 0.5*(1+math.Cos(math.Pi*progress))*(s.Base-s.Min)
}
