// Package train is the training loop the notebooks share: a Loop that
// steps an optimizer with a learning-rate schedule and gradient clipping,
// evaluates on a cadence and logs as it goes, and Cached, which trains a
// model once and loads it, with its history, in every later run.
//
// # The loop
//
// A step is the five lines every notebook wrote by hand: compute the loss
// of the step's batch (Loop.Loss, which draws its own batch so the loop
// stays agnostic of data), clear the gradients, back-propagate, clip the
// gradient norm (Clip > 0), set the learning rate from an optim.Schedule,
// and update. Evaluation (Loop.Eval, usually lm.EvalLoss on fixed
// validation batches) runs after the first step, so the curve starts next
// to the fresh model's loss, then every EvalEvery steps and after the last.
// Anything more unusual, a GAN's two optimizers say, is better written out
// in full than squeezed through options.
//
// # Logging without plotting
//
// dl never imports plotting (a test enforces it), so the loop reports
// through Logger, Add(step, name, value): plotting.Tracker,
// plotting.Progress and plotting.Tee satisfy it, and the notebook passes
// one in. Names are "train/loss" and "val/loss". Log also receives the
// history of a resumed or cached run, replayed, so the curves are whole;
// Live receives only the steps run now, which suits a progress bar (a
// replay would make its rate meaningless).
//
// # History, and where it lives
//
// The loop runs inside a checkpoint.Training, so the history is the
// Training's Metrics: the training loss of every step (TrainLoss) and, at
// each evaluation, the validation loss (ValLoss), the step it was taken at
// (ValStep) and the wall-clock and CPU seconds of training so far
// (WallTime, CPUTime). Training.Save writes them into the training
// checkpoint with the model, optimizer and random state, so History is
// never a second file to keep in step, and ReadHistory reads it back
// without building the model.
//
// # Train once, resume, interrupt
//
// Cached is a notebook's training cell in one call. checkpoint.Cache names
// a file by the key, the configuration's JSON and the model's parameter
// names and shapes; the training checkpoint sits beside it. On a hit the
// weights load, the history is read and replayed into the Logger, and no
// step runs. On a miss an interrupted earlier run resumes (Training.Resume)
// and the loop runs to the end. Jupyter's interrupt button (SIGINT), or
// Interrupt.Trigger from code, stops after the current step, saves, and
// returns an error wrapping checkpoint.ErrInterrupted: running the cell
// again continues, and with the random source saved the result is the same
// as an uninterrupted run's. Later cells call Load, which never trains.
//
// Times continue across a resume: WallTime and CPUTime add the session's
// time to what the checkpoint held, so the report is the run's total.
// CPUTime counts every thread of the process (getrusage), so CPU over wall
// says how well the steps used the cores; it reads 0 where getrusage is
// missing.
package train
