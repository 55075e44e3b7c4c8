// Package dl is a small deep-learning library: n-dimensional tensors,
// operations on them that record what they did, and reverse-mode automatic
// differentiation over that record (the tape). Layers live in dl/nn,
// optimizers in dl/optim, numerical gradient checks in dl/gradcheck.
//
// # Tensors and storage
//
// A [Tensor] is a shape and one contiguous Go slice of values in row-major
// order: element [i, j] of a [R, C] tensor is at i*C + j. There are no
// strides and no views with holes, so every kernel reads plain slices and
// [Tensor.Float32s] / [Tensor.Float64s] hand out the backing slice itself,
// without copying. [FromFloat32] wraps a caller's slice the same way. For
// interoperability [Tensor.Dense] wraps the same slice in a
// gorgonia.org/tensor Dense, again without copying; dl/npy reads and
// writes NumPy files.
//
// Ops return new tensors and never change their inputs. A few ops share
// storage with their input because they only relabel it: [Reshape],
// [Flatten] and [Tensor.Detach]. Everything else ([Transpose], [Slice],
// [Concat], ...) copies. Methods that write ([Tensor.SetAt],
// [Tensor.Fill], [Tensor.CopyFrom]) record nothing; they are for building
// inputs, loading weights and optimizer updates.
//
// # Element types
//
// [Float32] is the default: constructors without a dtype make float32, as
// PyTorch does, for speed and memory. [Float64] works in every op and is
// what gradient checks use. An op's operands must share a dtype; mixing them
// panics, and [Tensor.To] converts (and is differentiable). Integer class
// and token IDs are not tensors but [Ints], and boolean conditions are
// [Mask]s: neither carries a gradient, and the types keep them from being
// mistaken for values.
//
// # Shapes
//
// Shapes are written outermost first, as in PyTorch: a batch of B sequences
// of T tokens embedded in C channels is [B, T, C]; attention scores with H
// heads are [B, H, T, T]; a Linear weight is [out, in]. Axes may be given
// negative, counting from the end, so -1 is always the channel axis.
// Reductions such as [SumAxes], [MeanAxes] and [MaxAxes] take keepdim,
// which leaves each reduced axis in place with size 1 so the result
// broadcasts back: x - MeanAxes(x, true, -1).
//
// # Broadcasting
//
// Elementwise ops follow NumPy. Shapes are aligned at their last axis; a
// missing leading axis counts as size 1; an axis of size 1 stretches to the
// other operand's size; any other mismatch panics. So [B, T, C] + [C] adds
// a bias to every position, [B, T, 1] * [B, T, C] scales each position,
// and a [T, T] mask applies to [B, H, T, T] scores. [MatMul] broadcasts its
// leading (batch) axes the same way. In the backward pass each operand
// receives the gradient summed over the axes it was stretched along, so it
// always has the operand's own shape.
//
// # The tape and Backward
//
// An op whose inputs need gradients (a leaf marked with
// [Tensor.SetRequiresGrad], or the output of a recorded op) records a
// [Node]: its name, its inputs, its output and a backward closure written
// next to the forward code. Each node gets a sequence number, so the nodes
// that lead to a tensor can be listed in the order they ran: [Tape] returns
// them, for printing and drawing.
//
// [Tensor.Backward] on a one-element loss runs those nodes in reverse
// order. Each node turns the gradient of its output into gradients of its
// inputs; the engine adds (+=) them up, so a tensor used twice (a diamond
// in the graph) receives the sum of both paths. Gradients of leaves are
// accumulated into [Tensor.Grad] across calls, which is what gradient
// accumulation over micro-batches wants; clear them with [Tensor.ZeroGrad]
// (or the optimizer's ZeroGrad) between steps. Gradients of intermediate
// tensors exist only during the Backward call.
//
// Nothing global remembers a graph: a node is reachable only from its
// output tensor. When a training step drops its loss, the whole graph of
// the step, with every saved activation, becomes garbage. Graphs built on
// different goroutines are independent, so tests and data-parallel
// workers can run side by side.
//
// # Switching recording off
//
// [NoGrad] runs a function with recording off on the calling goroutine:
// ops there build no nodes and keep no saved tensors. Use it to sample
// from a model or to evaluate it. Like torch.no_grad it is scoped to the
// caller, so a NoGrad on one goroutine does not affect another.
// [Tensor.Detach] cuts a single tensor out of the graph instead.
//
// # User-defined ops
//
// [Func] records an op whose forward the caller computed and whose backward
// the caller supplies, so a student can write a layer's gradient by hand,
// have Backward use it like a built-in op, and verify it with
// dl/gradcheck.
//
// # Errors
//
// Mistakes in how an op is called (shapes that do not broadcast, inner
// dimensions that differ, an axis or ID out of range, mixed dtypes) panic
// at the call, before any work, with a [*ShapeError] whose first line
// stands alone and names the op and the shapes:
//
//	dl: MatMul: shapes [32 27] and [30 200]: inner dims 27 != 30
//
// A panic points the stack trace (and a notebook's cell and line) at the
// mistake; an error returned from every op would bury the math under error
// handling. [Try] turns a shape panic into an error for code that prefers
// one; other panics pass through, since they are bugs. I/O and parsing
// elsewhere (dl/npy, checkpoints, datasets) return errors, and [Must] turns
// one into a panic in a notebook cell.
//
// # Speed
//
// float32 is where the speed is. Matrix products run on assembly
// micro-kernels (internal/kernels: AVX-512 or AVX2+FMA, a Go fallback
// elsewhere), and exponentials, tanh, sigmoid, the normal CDF, softmax
// rows, LayerNorm rows and the LSTM cell's forward and backward passes on
// AVX2 kernels (AVX-512 for the LSTM cell's forward pass) in
// internal/vecmath, each tested against float64 and its scalar loop. The
// heavy layers are single fused ops with hand-written backward passes:
// [Linear] (the bias folded into the product's stores), [RNNScan],
// [LSTMScan] and [GRUScan] (the recurrent weight packed once per sequence,
// the batch's rows split among CPUs; a small batch's LSTM splits its hidden
// units among CPUs instead, which meet once per step), [Attention] and [AttentionQKV]
// (which reads the heads in place from a fused q, k, v projection),
// [CrossEntropy], [LayerNorm], [GELU]. Large ops share their work among up
// to GOMAXPROCS goroutines, and outputs an op writes whole are allocated
// without Go's zeroing. A training loop allocates its activations afresh
// every step; the gendl kernel runs cells with GODEBUG=madvdontneed=0 so
// that freed pages are reused rather than faulted back in, and programs
// outside the kernel may set it too.
//
// # Randomness
//
// Nothing in dl draws from a global random source. Every function that
// needs randomness ([Randn], [Rand], [Uniform], [Dropout]) takes a
// *rand.Rand (math/rand/v2) as its first argument, so a seeded run repeats
// exactly and parallel tests do not disturb each other's streams. Dropout
// draws one Float64 per element, in row-major order.
package dl
