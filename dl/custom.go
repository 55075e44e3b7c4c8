package dl

// Func records a user-defined op: out was computed from inputs outside the
// library (for instance by a student's module with its own forward), and
// backward turns the gradient of out into one gradient per input (nil for
// inputs that need none). Backward then treats it like any built-in op, and
// gradcheck can verify it. It returns out.
func Func(op string, out *Tensor, inputs []*Tensor, backward func(g *Tensor) []*Tensor) *Tensor {
	if out.node != nil {
		panicf(op, []*Tensor{out}, "Func: output already belongs to op %s; pass a fresh tensor (Detach it)", out.node.Op)
	}
	return record(op, out, inputs, backward)
}
