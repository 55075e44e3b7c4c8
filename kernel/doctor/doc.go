// Package doctor checks that a machine can run gendl notebooks and says,
// for each missing piece, how to fix it.
//
// Each check is independent and reports a Result with a Level: OK, Warn
// (notebooks run, something optional is missing, such as the Fashion-MNIST
// data) or Fail (notebooks cannot run). The checks look at the Go toolchain
// (present, version at least MinGo), the programs install.sh builds into
// bin/, a Jupyter installation, the installed kernel spec and whether it
// points at this checkout, and the Debian dataset. Inputs are explicit (an
// Env value) so tests can run a doctor against a fake machine.
package doctor
