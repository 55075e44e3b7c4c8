// Package spec writes the Jupyter kernel spec that makes "Go (gendl)"
// appear in JupyterLab's launcher.
//
// A kernel spec is a directory named after the kernel (here "gendl") holding
// kernel.json and optional logo-32x32.png / logo-64x64.png. Jupyter searches
// for these directories under <data dir>/kernels for each of its data dirs: the
// user's (~/.local/share/jupyter, or $JUPYTER_DATA_DIR), the environment's
// (<sys.prefix>/share/jupyter) and the system's (/usr/local/share/jupyter).
// JupyterHub deployments use the system one, so every user sees the kernel.
//
// kernel.json's argv runs `<repo>/bin/gendl kernel --connection-file F`, an
// absolute path, so the kernel works whatever PATH the Jupyter server was
// started with; env prepends the bin directory (goimports, gopls) and the Go
// toolchain's directory to PATH for the same reason. interrupt_mode is
// "message": Jupyter sends interrupt_request on the control channel instead of
// SIGINT, which GoNB forwards to the running cell's process.
package spec
