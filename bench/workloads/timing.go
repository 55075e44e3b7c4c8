package main

import (
	"encoding/json"
	"math"
	"slices"
	"strings"
	"syscall"
	"time"
)

// timing is torch_workloads.py's timed(): warm up for warmup seconds (and
// at least 3 steps), size a window to about wintime seconds from the
// warm-up's pace, then time windows windows and report the median rate.
type timing struct {
	windows         int
	wintime, warmup float64
}

// run times wl and returns the rate fields of the JSON line.
func (c timing) run(wl *workload) []field {
	t0, n := time.Now(), 0
	for time.Since(t0).Seconds() < c.warmup || n < 3 {
		wl.step()
		n++
	}
	per := time.Since(t0).Seconds() / float64(n)
	k := max(1, int(c.wintime/per))
	var rates, cpus []float64
	for range c.windows {
		t0, c0 := time.Now(), cpuSeconds()
		for range k {
			wl.step()
		}
		el := time.Since(t0).Seconds()
		rates = append(rates, float64(k)/el)
		cpus = append(cpus, (cpuSeconds()-c0)/el)
	}
	med := median(rates)
	fs := []field{
		{"steps_per_window", k},
		{wl.unit + "_per_s_median", round(med, 3)},
		{wl.unit + "_per_s_min", round(slices.Min(rates), 3)},
		{wl.unit + "_per_s_max", round(slices.Max(rates), 3)},
		{"cpu_over_wall", round(median(cpus), 2)},
	}
	if wl.tokens > 0 {
		per := wl.per
		if per == "" {
			per = "tokens"
		}
		fs = append(fs, field{per + "_per_s_median", round(med*float64(wl.tokens), 1)})
	}
	return fs
}

// median is statistics.median: the middle value, or the mean of the two
// middle values.
func median(x []float64) float64 {
	s := slices.Clone(x)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

func round(x float64, digits int) float64 {
	p := math.Pow(10, float64(digits))
	return math.Round(x*p) / p
}

// cpuSeconds is the process's user plus system time, Python's
// time.process_time().
func cpuSeconds() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return math.NaN()
	}
	return float64(ru.Utime.Nano()+ru.Stime.Nano()) / 1e9
}

// field is one key of the JSON line; a slice of them keeps the order the
// Python side prints.
type field struct {
	key   string
	value any
}

func jsonLine(fs []field) string {
	var b strings.Builder
	b.WriteByte('{')
	for i, f := range fs {
		if i > 0 {
			b.WriteString(", ")
		}
		k, _ := json.Marshal(f.key)
		v, err := json.Marshal(f.value)
		if err != nil {
			v = []byte("null") // NaN or Inf
		}
		b.Write(k)
		b.WriteString(": ")
		b.Write(v)
	}
	b.WriteByte('}')
	return b.String()
}
