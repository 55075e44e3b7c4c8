package checkpoint

import (
	"bufio"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/gendl/gendl/dl"
	"github.com/gendl/gendl/dl/nn"
	"github.com/gendl/gendl/dl/optim"
)

// run is a small training run whose every step draws from the RNG twice
// (the batch, and the dropout mask), so resuming is exact only if model,
// optimizer and RNG state all come back.
type run struct {
	tr    *Training
	model *nn.Sequential
	opt   *optim.Adam
	r     *rand.Rand
}

func newRun(path string, seed uint64) *run {
	src := rand.NewPCG(seed, 7)
	r := rand.New(src)
	model := nn.NewSequential(nn.NewLinear(r, 3, 8), nn.Tanh{}, nn.NewDropout(r, 0.2), nn.NewLinear(r, 8, 1))
	opt := optim.NewAdam(model.Parameters(), 0.01)
	return &run{&Training{Path: path, Model: model, Optim: opt, RNG: src}, model, opt, r}
}

// step fits y = x0 - 2·x1 + x2 on a fresh random batch.
func (u *run) step(int) error {
	x := dl.Randn(u.r, 16, 3)
	xs := x.Float32s()
	y := dl.Zeros(16, 1)
	for i := range 16 {
		y.Float32s()[i] = xs[3*i] - 2*xs[3*i+1] + xs[3*i+2]
	}
	u.opt.ZeroGrad()
	loss := dl.MSE(u.model.Forward(x), y)
	loss.Backward()
	u.opt.Step()
	u.tr.Log("loss", loss.Item())
	return nil
}

// TestResumeIsExact trains 12 steps in one go, and 5 + 7 steps with a save
// and a resume into freshly built objects (other seed) in between: the
// parameters, the optimizer's next step and the metrics must be identical.
func TestResumeIsExact(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	whole := newRun(filepath.Join(dir, "whole.safetensors"), 1)
	if err := whole.tr.Run(12, whole.step); err != nil {
		t.Fatal(err)
	}

	path := filepath.Join(dir, "split.safetensors")
	first := newRun(path, 1)
	first.tr.Every = 2
	if err := first.tr.Run(5, first.step); err != nil {
		t.Fatal(err)
	}
	second := newRun(path, 99)
	resumed, err := second.tr.Resume()
	if err != nil || !resumed || second.tr.Step != 5 {
		t.Fatalf("Resume: %v, %v, step %d; want true, nil, 5", resumed, err, second.tr.Step)
	}
	if err := second.tr.Run(12, second.step); err != nil {
		t.Fatal(err)
	}
	for name, p := range nn.StateDict(whole.model) {
		if !sameBits(p, nn.StateDict(second.model)[name]) {
			t.Errorf("%s differs between the whole run and the resumed one", name)
		}
	}
	if !reflect.DeepEqual(whole.tr.Metrics, second.tr.Metrics) {
		t.Errorf("metrics differ:\n%v\n%v", whole.tr.Metrics, second.tr.Metrics)
	}
	if l := whole.tr.Metrics["loss"]; len(l) != 12 {
		t.Errorf("loss %v: want 12 values", l)
	}
}

func TestResumeWithoutFileStartsFresh(t *testing.T) {
	t.Parallel()
	u := newRun(filepath.Join(t.TempDir(), "none.safetensors"), 1)
	if resumed, err := u.tr.Resume(); resumed || err != nil || u.tr.Step != 0 {
		t.Fatalf("Resume = %v, %v, step %d; want a fresh start", resumed, err, u.tr.Step)
	}
}

func TestResumeRejectsOtherModels(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	u := newRun(filepath.Join(dir, "t.safetensors"), 1)
	if err := u.tr.Run(1, u.step); err != nil {
		t.Fatal(err)
	}
	other := &Training{Path: u.tr.Path, Model: nn.NewLinear(rand.New(rand.NewPCG(1, 1)), 3, 1)}
	var me *MismatchError
	if _, err := other.Resume(); !errors.As(err, &me) {
		t.Errorf("resuming into another model: err = %v, want a MismatchError", err)
	}
	plain := filepath.Join(dir, "m.safetensors")
	SaveModule(plain, u.model)
	if _, err := (&Training{Path: plain, Model: u.model}).Resume(); err == nil || !strings.Contains(err.Error(), "not a training checkpoint") {
		t.Errorf("resuming from a module file: err = %v", err)
	}
	noOpt := newRun(filepath.Join(dir, "noopt.safetensors"), 1)
	noOpt.tr.Optim = nil
	noOpt.tr.Run(1, noOpt.step)
	if _, err := newRun(noOpt.tr.Path, 1).tr.Resume(); err == nil {
		t.Error("resuming an optimizer from a file without optimizer state: want an error")
	}
}

// TestRunStopsAtTrigger stops a run from code, mid-way: Run saves and
// returns ErrInterrupted after the step in which Trigger was called.
func TestRunStopsAtTrigger(t *testing.T) {
	t.Parallel()
	u := newRun(filepath.Join(t.TempDir(), "t.safetensors"), 1)
	u.tr.Interrupt = &Interrupt{}
	err := u.tr.Run(100, func(i int) error {
		if i == 3 {
			u.tr.Interrupt.Trigger()
		}
		return u.step(i)
	})
	u.tr.Interrupt.Release()
	if !errors.Is(err, ErrInterrupted) || u.tr.Step != 4 {
		t.Fatalf("err = %v, step %d; want ErrInterrupted after step 4", err, u.tr.Step)
	}
	v := newRun(u.tr.Path, 5)
	if _, err := v.tr.Resume(); err != nil || v.tr.Step != 4 || len(v.tr.Metrics["loss"]) != 4 {
		t.Fatalf("resume after interrupt: %v, step %d", err, v.tr.Step)
	}
}

// TestSIGINTStopsTrainingProcess is the notebook situation: a separate
// process (this test binary, re-run as a helper) trains with Run; the test
// sends it SIGINT as GoNB does; it must finish the step, save, and exit
// cleanly, and the checkpoint must resume.
func TestSIGINTStopsTrainingProcess(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "t.safetensors")
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperTrainUntilInterrupted$")
	cmd.Env = append(os.Environ(), "GENDL_CHECKPOINT_HELPER="+path)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	lines := bufio.NewScanner(out)
	var got []string
	for lines.Scan() {
		got = append(got, lines.Text())
		if lines.Text() == "training" {
			cmd.Process.Signal(os.Interrupt)
		}
	}
	if err := cmd.Wait(); err != nil {
		t.Fatalf("helper exited with %v; output %q", err, got)
	}
	if !strings.Contains(strings.Join(got, "\n"), "checkpoint: training interrupted after step") {
		t.Fatalf("helper output %q lacks the interrupted message", got)
	}
	u := newRun(path, 1)
	if resumed, err := u.tr.Resume(); !resumed || err != nil || u.tr.Step < 1 {
		t.Fatalf("resume: %v, %v, step %d", resumed, err, u.tr.Step)
	}
}

// TestHelperTrainUntilInterrupted is the helper process of
// TestSIGINTStopsTrainingProcess; run directly, it does nothing.
func TestHelperTrainUntilInterrupted(t *testing.T) {
	path := os.Getenv("GENDL_CHECKPOINT_HELPER")
	if path == "" {
		t.Skip("helper process only")
	}
	u := newRun(path, 1)
	err := u.tr.Run(1_000_000, func(i int) error {
		if i == 1 {
			fmt.Println("training") // the parent interrupts now
		}
		time.Sleep(time.Millisecond) // stands for a step's work; bounded by the parent's signal
		return u.step(i)
	})
	fmt.Println(err)
	if !errors.Is(err, ErrInterrupted) {
		os.Exit(3)
	}
}

// TestCatchInterruptSIGINT delivers a real SIGINT to this process while it
// is caught: the flag goes up and the process lives on.
func TestCatchInterruptSIGINT(t *testing.T) {
	intr := CatchInterrupt()
	defer intr.Release()
	if intr.Requested() {
		t.Fatal("Requested before any signal")
	}
	syscall.Kill(os.Getpid(), syscall.SIGINT)
	for range 1000 { // delivery is asynchronous; 10 s at most
		if intr.Requested() {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatal("SIGINT was not caught")
}
