package front

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// markerEnv is set in GoNB's environment to a value unique to one front.
// Every process GoNB starts inherits it — gopls (which GoNB puts in a
// process group of its own), go build, the cell's program — so the front
// finds and kills them all at shutdown, and a later front finds the
// leftovers of one that was killed with SIGKILL.
const markerEnv = "GENDL_FRONT_MARKER"

// backend is the private GoNB process behind a front.
type backend struct {
	cmd    *exec.Cmd
	conn   ConnInfo
	dir    string // the front's temp dir, GoNB's TMPDIR
	marker string
	exited chan struct{}
	err    error // from Wait, once exited is closed

	janitor     *exec.Cmd
	janitorPipe *os.File // closing it (or dying) sets the janitor off
	logf        func(string, ...any)
}

// startBackend starts gonb with its own connection file, on Unix sockets in
// a fresh temp dir.
// GoNB runs in a process group of its own, so that signals Jupyter sends to
// the kernel's group reach only the front, which relays what GoNB should
// see; on Linux it also gets SIGTERM when the front dies, and cleans up.
func startBackend(gonb string, args []string, logf func(string, ...any)) (*backend, error) {
	sweepStale(logf)
	base := os.TempDir()
	if len(base) > 60 { // keep dir/gonb-N under the 104 bytes a socket path may have
		base = "/tmp"
	}
	dir, err := os.MkdirTemp(base, fmt.Sprintf("gendl-front-%d-", os.Getpid()))
	if err != nil {
		return nil, fmt.Errorf("front: temp dir: %w", err)
	}
	conn := ipcConnInfo(dir)
	connFile := filepath.Join(dir, "gonb-connection.json")
	if err := conn.Write(connFile); err != nil {
		os.RemoveAll(dir)
		return nil, fmt.Errorf("front: %w", err)
	}
	b := &backend{conn: conn, dir: dir, marker: fmt.Sprintf("%d-%s", os.Getpid(), randomHex(8)), exited: make(chan struct{}), logf: logf}
	b.cmd = exec.Command(gonb, append([]string{"--kernel", connFile}, args...)...)
	b.cmd.Env = append(os.Environ(), "TMPDIR="+dir, markerEnv+"="+b.marker)
	b.cmd.Stdout = os.Stderr // GoNB's own output is log text, never protocol
	b.cmd.Stderr = os.Stderr
	b.cmd.SysProcAttr = backendProcAttr()
	if err := b.cmd.Start(); err != nil {
		os.RemoveAll(dir)
		return nil, fmt.Errorf("front: starting GoNB: %w", err)
	}
	go func() {
		b.err = b.cmd.Wait()
		close(b.exited)
	}()
	if err := b.startJanitor(); err != nil {
		logf("no janitor (files may be left if the front is killed): %v", err)
	}
	return b, nil
}

// janitorScript waits for its stdin to close — when the front exits, even
// by SIGKILL — then gives GoNB (which got SIGTERM from the kernel) a few
// seconds to clean up, kills what is left of it by marker, and removes the
// front's temp dir.
const janitorScript = `cat >/dev/null
i=0
while kill -0 "$GONB_PID" 2>/dev/null && [ $i -lt 50 ]; do sleep 0.1; i=$((i+1)); done
kill -KILL -"$GONB_PID" 2>/dev/null
for f in $(grep -l -s -z -x "$MARKER_ENV=$MARKER" /proc/[0-9]*/environ); do
	p=${f#/proc/}; kill -KILL "${p%/environ}" 2>/dev/null
done
rm -rf "$DIR"`

// startJanitor starts the janitor in a process group of its own, holding
// the write end of its stdin for the front's whole life.
func (b *backend) startJanitor() error {
	r, w, err := os.Pipe()
	if err != nil {
		return err
	}
	j := exec.Command("/bin/sh", "-c", janitorScript)
	j.Stdin = r
	j.Env = []string{"PATH=/usr/bin:/bin", "GONB_PID=" + strconv.Itoa(b.cmd.Process.Pid), "MARKER_ENV=" + markerEnv, "MARKER=" + b.marker, "DIR=" + b.dir}
	j.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := j.Start(); err != nil {
		r.Close()
		w.Close()
		return err
	}
	r.Close()
	b.janitor, b.janitorPipe = j, w
	return nil
}

// interrupt asks GoNB to interrupt the running cell, as Ctrl+C would.
func (b *backend) interrupt() error {
	select {
	case <-b.exited:
		return errors.New("front: GoNB is not running")
	default:
	}
	return b.cmd.Process.Signal(syscall.SIGINT)
}

// wait waits up to d for GoNB to exit and reports whether it did.
func (b *backend) wait(d time.Duration) bool {
	select {
	case <-b.exited:
		return true
	case <-time.After(d):
		return false
	}
}

// stop ends GoNB and everything it started, and removes the temp dir:
// SIGTERM first (GoNB then stops gopls and removes its own directory), then
// after grace SIGKILL for GoNB's process group and every process carrying
// the marker.
func (b *backend) stop(grace time.Duration) {
	if !b.wait(0) {
		_ = b.cmd.Process.Signal(syscall.SIGTERM)
		if !b.wait(grace) {
			b.logf("GoNB did not exit %v after SIGTERM: killing it", grace)
			_ = syscall.Kill(-b.cmd.Process.Pid, syscall.SIGKILL)
			_ = b.cmd.Process.Kill()
			b.wait(grace)
		}
	}
	for range 3 { // a process may be starting another as we kill it
		if killMarked(func(v string) bool { return v == b.marker }) == 0 {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	if err := os.RemoveAll(b.dir); err != nil {
		b.logf("removing %s: %v", b.dir, err)
	}
	if b.janitor != nil {
		b.janitorPipe.Close()
		_ = b.janitor.Wait()
	}
}

// killMarked sends SIGKILL to every process of this user whose environment
// has a marker value accepted by match, and returns how many it signalled.
func killMarked(match func(value string) bool) int {
	ents, err := os.ReadDir("/proc")
	if err != nil {
		return 0
	}
	n := 0
	self := os.Getpid()
	for _, e := range ents {
		pid, err := strconv.Atoi(e.Name())
		if err != nil || pid == self {
			continue
		}
		env, err := os.ReadFile(filepath.Join("/proc", e.Name(), "environ"))
		if err != nil {
			continue
		}
		for _, kv := range strings.Split(string(env), "\x00") {
			if v, ok := strings.CutPrefix(kv, markerEnv+"="); ok && match(v) {
				if syscall.Kill(pid, syscall.SIGKILL) == nil {
					n++
				}
				break
			}
		}
	}
	return n
}

// alive reports whether process pid exists.
func alive(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}

// sweepStale removes what fronts that died without cleaning up left:
// processes carrying the marker of a dead front, and its temp dirs.
func sweepStale(logf func(string, ...any)) {
	deadFront := func(pidText string) bool {
		pid, err := strconv.Atoi(pidText)
		return err == nil && pid != os.Getpid() && !alive(pid)
	}
	if n := killMarked(func(v string) bool {
		pid, _, _ := strings.Cut(v, "-")
		return deadFront(pid)
	}); n > 0 {
		logf("killed %d processes left by a front that died", n)
	}
	dirs, _ := filepath.Glob(filepath.Join(os.TempDir(), "gendl-front-*-*"))
	for _, d := range dirs {
		pid := strings.Split(strings.TrimPrefix(filepath.Base(d), "gendl-front-"), "-")[0]
		if deadFront(pid) {
			logf("removing %s, left by a front that died", d)
			os.RemoveAll(d)
		}
	}
}
