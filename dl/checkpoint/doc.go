// Package checkpoint saves and restores models, optimizers and whole
// training runs, so that a notebook, where every cell is a fresh program,
// reads as if its state persisted.
//
// # Files
//
// Everything is a safetensors file (package safetensors): the format
// PyTorch's safetensors package reads and writes, with names from
// PyTorch's state_dict ("0.weight", "blocks.1.attn.c_attn.bias"). SaveModule
// writes what nn.StateDict returns; model.load_state_dict(load_file(path))
// reads it in PyTorch, and LoadModule reads what PyTorch's save_file wrote
// for the matching model. All writes are atomic (temporary file, fsync,
// rename): an interrupted cell never leaves a half-written checkpoint, and
// a corrupt or truncated file is refused with an error naming the problem.
//
// # Loading and its report
//
// LoadModule copies the file's tensors into the model's own tensors, so an
// optimizer built on the model keeps working. Strict (the default use)
// loads nothing unless names and shapes match exactly; NonStrict loads
// what matches. Either way the Report lists the loaded, missing (in the
// model only), unexpected (in the file only) and mis-shaped names, and a
// strict failure is a *MismatchError that prints them.
//
// # Resuming training exactly
//
// A Training bundles the model, the optimizer (anything Stateful, such as
// optim.Adam), the random source, the step count and the logged metrics.
// Resume then Run continues a run so that the result is bit-for-bit the
// same as an uninterrupted run. Randomness follows the house rule (a
// *rand.Rand argument everywhere) with one addition: build the *rand.Rand
// on a source you keep, rand.NewPCG or rand.NewChaCha8, because a source's
// state can be saved and a *rand.Rand's cannot.
//
// # Interrupts
//
// Jupyter's interrupt button makes GoNB send SIGINT to the cell's program
// and, KillDeadline (5 s) later, SIGKILL. Run catches the SIGINT, finishes
// the current step, saves, and returns an error wrapping ErrInterrupted,
// so the cell ends cleanly and running it again resumes. Keep steps short
// (well under a second) so step plus save fit the deadline. CatchInterrupt
// gives the same flag to hand-written loops.
//
// # Train once
//
// Cached (and Cache.Cached) is the one call a notebook's training cell
// makes: it loads the model from the cache when a checkpoint for the same
// key, configuration (any JSON-encodable value) and architecture exists,
// and otherwise trains, saves and returns. The cache lives in CacheDir:
// $GENDL_CACHE, or else os.UserCacheDir()/gendl/checkpoints
// (~/.cache/gendl/checkpoints on Linux), one <key>-<hash>.safetensors per
// configuration. Set GENDL_RETRAIN=1, or Cache.Retrain, to force training;
// delete the directory to clear it.
package checkpoint
