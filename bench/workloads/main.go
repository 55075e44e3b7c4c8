// Command workloads is the gendl side of the CPU training and sampling
// benchmarks W1–W6 (issue 7). Each workload mirrors one function of
// bench/torch_workloads.py, the PyTorch side, layer for layer and with the
// same batch sizes, optimizers and timing method, and prints one JSON line
// with the same fields, so bench/run.sh can put the two side by side.
//
// Usage:
//
//	go run ./bench/workloads --w W1|W2|W3|W4|W5gan|W5ddpm|W6 --threads 1|2 [--windows 5] [--wintime 2.0] [--warmup 1.5]
//
// --threads sets GOMAXPROCS, which bounds every goroutine gendl's kernels
// start (torch_workloads.py sets torch.set_num_threads to the same number).
package main

import (
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"runtime"
	"runtime/pprof"
	"sort"
	"strings"
)

// workload is one benchmark, built and ready to time.
type workload struct {
	step   func()         // one training step, or one 1000-character sampling run
	tokens int            // tokens (or samples, images, characters) per step; 0: not meaningful
	per    string         // what tokens counts in the JSON key: "tokens" (default) or "chars"
	unit   string         // "steps" or "runs"
	extra  []field        // fields appended to the JSON line
	loss   func() float64 // the loss of the latest step (NaN for sampling), for tests
}

// builders maps each workload name to its constructor. Every constructor
// takes the generator all its randomness comes from.
var builders = map[string]func(r *rand.Rand) *workload{
	"W1":     newMLP,
	"W2":     func(r *rand.Rand) *workload { return newCharRNN(r, "rnn") },
	"W3":     func(r *rand.Rand) *workload { return newCharRNN(r, "lstm") },
	"W4":     newGPT,
	"W5gan":  newGAN,
	"W5ddpm": newDDPM,
	"W6":     newSampling,
}

func main() {
	var (
		w       = flag.String("w", "", "workload: "+strings.Join(names(), ", "))
		threads = flag.Int("threads", 2, "GOMAXPROCS")
		cfg     timing
		prof    = flag.String("cpuprofile", "", "write a CPU profile of the timed run here")
	)
	flag.IntVar(&cfg.windows, "windows", 5, "timed windows")
	flag.Float64Var(&cfg.wintime, "wintime", 2.0, "seconds per window")
	flag.Float64Var(&cfg.warmup, "warmup", 1.5, "warm-up seconds")
	flag.Parse()
	build, ok := builders[*w]
	if !ok {
		fmt.Fprintf(os.Stderr, "workloads: unknown workload %q (want one of %s)\n", *w, strings.Join(names(), ", "))
		os.Exit(2)
	}
	runtime.GOMAXPROCS(*threads)
	wl := build(rand.New(rand.NewPCG(0, 0)))
	if *prof != "" {
		f, err := os.Create(*prof)
		if err == nil {
			err = pprof.StartCPUProfile(f)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "workloads:", err)
			os.Exit(1)
		}
		defer pprof.StopCPUProfile()
	}
	fs := append([]field{{"workload", *w}, {"threads", *threads}}, cfg.run(wl)...)
	fs = append(fs, wl.extra...)
	fs = append(fs, field{"gendl", "go " + runtime.Version()}, field{"loadavg_end", loadavg()})
	fmt.Println(jsonLine(fs))
}

func names() []string {
	var ns []string
	for n := range builders {
		ns = append(ns, n)
	}
	sort.Strings(ns)
	return ns
}

// loadavg returns the one-minute load average, or -1 where /proc has none.
func loadavg() float64 {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return -1
	}
	var v float64
	if _, err := fmt.Sscan(string(b), &v); err != nil {
		return -1
	}
	return v
}
