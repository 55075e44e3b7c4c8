package gen

import "math"

// Schedule is a diffusion noise schedule over T steps: the forward process
// adds noise with variance Betas[t] at step t, so that
// x_t = √ᾱ_t·x_0 + √(1-ᾱ_t)·ε with ᾱ_t = Π_{s<=t}(1-β_s) (AlphaBar).
type Schedule struct {
	Betas, Alphas, AlphaBar []float64
}

// T is the number of steps.
func (s Schedule) T() int { return len(s.Betas) }

// LinearSchedule spaces β linearly from b0 to b1 over t steps, as in DDPM
// (Ho et al., 2020: 1e-4 to 0.02 over 1000 steps).
func LinearSchedule(t int, b0, b1 float64) Schedule {
	betas := make([]float64, t)
	for i := range betas {
		betas[i] = b0 + (b1-b0)*float64(i)/float64(max(t-1, 1))
	}
	return fromBetas(betas)
}

// CosineSchedule makes ᾱ follow cos²((t/T + s)/(1 + s)·π/2) (Nichol &
// Dhariwal, 2021; s = 0.008), which destroys information more evenly than
// the linear schedule; β is clipped at 0.999.
func CosineSchedule(t int, s float64) Schedule {
	f := func(i int) float64 {
		c := math.Cos((float64(i)/float64(t) + s) / (1 + s) * math.Pi / 2)
		return c * c
	}
	betas := make([]float64, t)
	for i := range betas {
		betas[i] = min(1-f(i+1)/f(i), 0.999)
	}
	return fromBetas(betas)
}

func fromBetas(betas []float64) Schedule {
	s := Schedule{Betas: betas, Alphas: make([]float64, len(betas)), AlphaBar: make([]float64, len(betas))}
	prod := 1.0
	for i, b := range betas {
		s.Alphas[i] = 1 - b
		prod *= 1 - b
		s.AlphaBar[i] = prod
	}
	return s
}
