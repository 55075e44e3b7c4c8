package front

import (
	"os"
	"strconv"
	"time"
)

// A kernel whose client died must not live on: when jupyter console is
// killed, or a JupyterHub user's server is stopped without shutting its
// kernels down, the kernel is re-parented and nobody will ever send it a
// shutdown_request. Like ipykernel's parent poller, the front watches the
// process Jupyter named in JPY_PARENT_PID (its parent when it started) and
// shuts down, cleaning up, when it is no longer its parent.

// watchParent calls stop once the process that started the front is gone.
// It does nothing without JPY_PARENT_PID, or when that is not the parent.
func (f *front) watchParent(every time.Duration) {
	pid, err := strconv.Atoi(os.Getenv("JPY_PARENT_PID"))
	if err != nil || pid <= 1 || pid != os.Getppid() {
		return
	}
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-f.stopping:
			return
		case <-t.C:
			if os.Getppid() != pid {
				f.logf("parent process %d is gone: shutting down", pid)
				f.stop()
				return
			}
		}
	}
}
