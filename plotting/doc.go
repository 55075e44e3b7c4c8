// Package plotting shows training as it happens, in a GoNB notebook:
// live loss curves, a progress bar, sample grids, attention maps,
// histograms of weights and gradients, and the tape autodiff recorded. It
// sits on top of dl (which never imports it, a rule a test enforces) and
// draws with gonum.org/v1/plot.
//
// # Figures are values
//
// Every chart function returns a value: a *plot.Plot (Line, Scatter,
// Histogram), or a type of this package that draws itself (Panels for
// several plots side by side, HeatmapFigure, ImageGridFigure,
// GraphFigure). All of them satisfy Figure, which is just gonum's
// Draw(draw.Canvas). Because a figure is a value a test can inspect its
// title, axis ranges and labels; a script can Save it as PNG or SVG; and
// a notebook can Show it. Nothing is drawn until one of those asks.
//
// Show is the one call that talks to the notebook. Inside a GoNB cell
// (gonbui.IsNotebook, which GoNB sets through the GONB_PIPE environment
// variable) it renders the figure as a PNG and sends it; outside one it
// does nothing, unless SaveAs names a file. PNG is the default because it
// shows in untrusted notebooks, survives saving, and converts to HTML;
// AsSVG trades that for sharp zooming.
//
// # Where outputs go
//
// A Display receives Outputs: MIME-typed data, optionally under a
// display ID. Notebook() is GoNB (nil outside it); Files(dir) writes
// each output to a file, rewriting it on updates; a Recorder keeps the
// messages the GoNB kernel would publish, which is how the tests check
// the display_data / update_display_data sequence without a notebook.
// Every display-using type takes a Display in its options, so nothing in
// this package depends on global state beyond gonbui's own.
//
// # Live curves and the throttle
//
// A Tracker takes (step, name, value) from the training loop and redraws
// one figure in place: the first frame goes out as display_data with a
// fresh display ID, the following ones as update_display_data under the
// same ID, so the cell shows one curve that moves, and a notebook saved
// after the run (or executed headless by nbclient, which applies updates
// to the stored output) keeps the final frame that Close draws.
//
// Drawing a frame costs tens of milliseconds (about 38 ms for two panels
// of 5,000 steps here), while Add costs under 200 ns. So Add only
// appends and reads the clock; a frame is drawn when at least Every has
// passed and drawing it keeps the total drawing time under Budget (1.5%)
// of the time since the first Add. The throttle is by wall time, not by
// step count, so it adapts to fast and slow models alike.
//
// Names group into panels the way Weights & Biases does: "train/loss"
// and "val/loss" are two series of the panel "loss". Dense series are
// drawn faded with an exponential moving average on top when Smoothing
// is set (debiased, as TensorBoard does, so it starts at the first value);
// sparse ones, like a validation loss once an epoch, are drawn raw with
// dots. StepsPerEpoch puts the x axis in epochs, so nested loops feed one
// tracker with a global step. LogY shows losses that span decades.
//
// Progress is the bar for the same loops: steps done, rate, time left and
// the latest metrics, as HTML updated in place in a notebook and as a
// plain line every few seconds in a terminal. RunLog appends metrics to a
// JSONL file per run; LoadRuns and PlotRuns put several runs side by side.
// Tracker, Progress and RunLog share the Logger method Add(step, name,
// value), and Tee feeds all three from one call.
//
// # Tensors and the tape
//
// The chart functions take plain slices so they work on anything; the
// ...Of adapters (ImageGridOf, HistogramOf, HeatmapOf, LineOf) take
// *dl.Tensor. ImageGrid takes a batch [N, H, W] or [N, C, H, W] with C = 1
// or 3, maps the batch's range (or a given one) to black..white, and
// enlarges pixels by whole numbers so digits stay crisp. DrawTape draws
// dl.Tape(loss): ops in recorded order, laid out in layers (an op one
// layer after its deepest input, each leaf just before its first use),
// with shapes, parameters told apart from data, and gradient norms after
// Backward.
//
// # Errors
//
// Mismatched inputs (X and Y of different lengths, ragged heatmap rows,
// a batch shape that is not an image batch) panic with *ShapeError whose
// message names the function and the sizes, as dl's shape errors do.
// Encoding, files and the notebook pipe return errors.
package plotting
