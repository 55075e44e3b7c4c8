package dl

import (
	"slices"
	"sync/atomic"
)

// Node is one recorded op application: the op's name, the tensors it read,
// the tensor it produced, and the closure that turns the gradient of the
// output into gradients of the inputs. Its backward sits right next to its
// forward in the op's source.
type Node struct {
	Op     string
	Inputs []*Tensor
	Output *Tensor
	// Seq orders nodes by execution: a node's Seq is larger than that of
	// every node recorded before it, on any goroutine.
	Seq uint64

	// backward returns, for each input, the gradient of the loss with
	// respect to it given g, the gradient with respect to Output; an entry
	// is nil when that input needs no gradient. The engine, not the op,
	// accumulates (+=) the results.
	backward func(g *Tensor) []*Tensor
}

// seq hands out execution order numbers. It is the only package-level
// variable the tape uses, and it carries no state a test could observe.
var seq atomic.Uint64

// record attaches a node to out when gradients are wanted for any input, and
// returns out. It is how every differentiable op registers its backward.
func record(op string, out *Tensor, inputs []*Tensor, backward func(g *Tensor) []*Tensor) *Tensor {
	if !anyNeedsGrad(inputs) || !gradEnabled() {
		return out
	}
	out.node = &Node{Op: op, Inputs: inputs, Output: out, Seq: seq.Add(1), backward: backward}
	return out
}

// recording reports whether an op on these inputs goes on the tape:
// gradients are on (not under NoGrad) and one of them needs a gradient.
// Ops that keep state for their backward pass check it first, so that code
// run under NoGrad (sampling a token at a time) allocates none of it.
func recording(inputs ...*Tensor) bool { return anyNeedsGrad(inputs) && gradEnabled() }

func anyNeedsGrad(ts []*Tensor) bool {
	for _, t := range ts {
		if t != nil && t.needsGrad() {
			return true
		}
	}
	return false
}

// needsGrad reports whether gradients flow into t: it is a leaf that asked
// for them, or the output of a recorded op.
func (t *Tensor) needsGrad() bool { return t.requiresGrad || t.node != nil }

// Node returns the op application that produced t, or nil for a leaf
// (data, parameters) or a tensor computed without gradients.
func (t *Tensor) Node() *Node { return t.node }

// RequiresGrad reports whether t is a leaf that accumulates a gradient.
func (t *Tensor) RequiresGrad() bool { return t.requiresGrad }

// SetRequiresGrad marks t as a leaf whose gradient Backward accumulates into
// Grad. It returns t.
func (t *Tensor) SetRequiresGrad(on bool) *Tensor { t.requiresGrad = on; return t }

// Grad is the gradient accumulated into this leaf by Backward, or nil.
func (t *Tensor) Grad() *Tensor { return t.grad }

// SetGrad replaces the accumulated gradient (optimizers and gradient
// clipping use it; nil clears it).
func (t *Tensor) SetGrad(g *Tensor) { t.grad = g }

// ZeroGrad clears the accumulated gradient.
func (t *Tensor) ZeroGrad() { t.grad = nil }

// Detach returns a tensor sharing t's values that is cut from the graph:
// gradients do not flow through it.
func (t *Tensor) Detach() *Tensor {
	return &Tensor{shape: t.shape, dtype: t.dtype, f32: t.f32, f64: t.f64, name: t.name}
}

// Tape returns the recorded nodes that lead to t, in the order they were
// executed. It is the lecture's tape, restricted to what t depends on:
// printing it lists the forward pass; Backward runs it in reverse.
func Tape(t *Tensor) []*Node {
	var nodes []*Node
	seen := map[*Node]bool{}
	stack := []*Tensor{t}
	for len(stack) > 0 {
		x := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		n := x.node
		if n == nil || seen[n] {
			continue
		}
		seen[n] = true
		nodes = append(nodes, n)
		stack = append(stack, n.Inputs...)
	}
	slices.SortFunc(nodes, func(a, b *Node) int {
		switch {
		case a.Seq < b.Seq:
			return -1
		case a.Seq > b.Seq:
			return 1
		}
		return 0
	})
	return nodes
}

// Backward computes the gradient of t with respect to every leaf that
// requires gradients and adds it to that leaf's Grad. t must hold one
// element (a loss); use BackwardWith for a non-scalar output.
//
// Gradients accumulate: call ZeroGrad (or an optimizer's ZeroGrad) between
// steps. The nodes' saved tensors stay reachable only from t, so dropping t
// after the step frees the whole graph.
func (t *Tensor) Backward() {
	if t.Size() != 1 {
		panicf("Backward", []*Tensor{t}, "output has %d elements; Backward needs a scalar (use BackwardWith)", t.Size())
	}
	t.BackwardWith(OnesLike(t))
}

// BackwardWith runs backward from t seeded with grad, the gradient of some
// scalar with respect to t (same shape as t).
func (t *Tensor) BackwardWith(grad *Tensor) {
	if !slices.Equal(t.shape, grad.shape) || t.dtype != grad.dtype {
		panicf("Backward", []*Tensor{t, grad}, "seed gradient must match the output's shape and dtype")
	}
	if t.node == nil {
		if t.requiresGrad {
			t.accumulate(grad)
		}
		return
	}
	tape := Tape(t)
	// Gradients of intermediate tensors live only for this call.
	grads := make(map[*Tensor]*partial, len(tape))
	grads[t] = &partial{g: grad}
	for i := len(tape) - 1; i >= 0; i-- {
		n := tape[i]
		p := grads[n.Output]
		if p == nil {
			continue // the output did not influence t
		}
		delete(grads, n.Output)
		ins := n.backward(p.g)
		for j, x := range n.Inputs {
			if j >= len(ins) || ins[j] == nil || !x.needsGrad() {
				continue
			}
			g := ins[j]
			if !slices.Equal(g.shape, x.shape) {
				panicf("Backward", []*Tensor{x, g}, "op %s returned a gradient of the wrong shape for input %d", n.Op, j)
			}
			if x.node == nil {
				x.accumulate(g)
			} else if q := grads[x]; q == nil {
				grads[x] = &partial{g: g, owned: g.fresh}
				g.fresh = false
			} else {
				q.add(g)
			}
		}
	}
}

// partial is a gradient being summed over the uses of one tensor. The first
// contribution may alias a tensor an op still refers to, so it is copied
// before the first in-place add.
type partial struct {
	g     *Tensor
	owned bool
}

func (p *partial) add(g *Tensor) {
	if !p.owned {
		if g.fresh { // sum into the new contribution instead of a copy
			g.fresh = false
			p.g, g = g, p.g
		} else {
			p.g = p.g.Clone()
		}
		p.owned = true
	}
	addInto(p.g, g)
}

// freshGrad marks a gradient that an op's backward allocated for one of its
// inputs alone and refers to nowhere else, so the engine may take it over
// (see Tensor.fresh). It returns t.
func freshGrad(t *Tensor) *Tensor {
	t.fresh = true
	return t
}

// freshGrads marks each non-nil gradient fresh (see freshGrad) and returns
// them as a slice: for ops whose backward allocates one new tensor per
// input.
func freshGrads(gs ...*Tensor) []*Tensor {
	for _, g := range gs {
		if g != nil {
			g.fresh = true
		}
	}
	return gs
}

// accumulate adds g into the leaf's Grad, allocating it on first use.
func (t *Tensor) accumulate(g *Tensor) {
	if g.dtype != t.dtype {
		g = g.Detach().To(t.dtype)
	}
	if t.grad == nil {
		if g.fresh {
			g.fresh = false
			t.grad = g
		} else {
			t.grad = g.Clone()
		}
		t.grad.requiresGrad = false
		t.grad.name = ""
		return
	}
	addInto(t.grad, g)
}

// addInto does dst += src for same-shape tensors, outside the tape.
func addInto(dst, src *Tensor) {
	if dst.dtype == Float64 {
		s := src.f64
		for i := range dst.f64 {
			dst.f64[i] += s[i]
		}
		return
	}
	s := src.f32
	for i := range dst.f32 {
		dst.f32[i] += s[i]
	}
}
