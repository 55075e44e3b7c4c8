// Package optim updates a model's parameters from their gradients: SGD
// (with momentum, Nesterov momentum and weight decay), Adam and AdamW,
// gradient clipping by global norm, and learning-rate schedules.
//
// # The training step
//
// An optimizer is built over a model's parameters, nn.Module.Parameters(),
// and used in the loop every framework shares:
//
//	opt := optim.NewAdamW(model.Parameters(), 3e-4)
//	for step := range steps {
//		opt.LR = sched.LR(step)             // optional schedule
//		opt.ZeroGrad()                      // gradients accumulate otherwise
//		loss := lossFn.Forward(model.Forward(x), y)
//		loss.Backward()
//		optim.ClipGradNorm(model.Parameters(), 1) // optional
//		opt.Step()
//	}
//
// Step skips parameters whose gradient is nil, as PyTorch does.
//
// # Exactly PyTorch's formulas
//
// Each optimizer documents its update, and the update is PyTorch's
// (torch.optim, single-tensor path): the same order of weight decay,
// momentum, bias correction and epsilon, so hyperparameters carry over.
// Tests compare against numbers printed by torch.optim. Adam's L2 weight
// decay is added to the gradient and passes through the moments; AdamW
// (NewAdamW, or Adam with Decoupled set) shrinks the weights directly,
// which is what transformers are trained with.
//
// # Speed
//
// Updates run on the parameters' raw slices, float32 or float64, outside
// the tape: each parameter's update is one loop (Adam's moments, bias
// correction and step fused), and after the first step, which allocates
// the state, a step allocates nothing.
//
// # State and resuming
//
// State returns copies of an optimizer's buffers under names derived from
// the parameter names ("0.weight.exp_avg", "0.weight.step", and "lr"), as
// tensors a checkpoint can store next to the model's state dict; LoadState
// puts them back and returns an error, changing nothing, when a name or a
// shape does not match. Saving after step k and loading into a new
// optimizer resumes bit for bit.
//
// # Schedules
//
// A Schedule maps a step number to a learning rate, and holds no state:
// StepLR multiplies by Gamma every StepSize steps; WarmupCosine rises
// linearly for Warmup steps, then decays along half a cosine to Min at
// Total. Assign the value to the optimizer's LR field before Step.
package optim
