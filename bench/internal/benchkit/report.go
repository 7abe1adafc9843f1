// Package benchkit holds what the Go benchmark programs of bench/ share: the
// JSON line they print (the same fields as bench/torchbench.py), the chapter
// 8 CNN, one training epoch and one evaluation pass as chapters 7, 8 and 10
// write them, and the MNIST loaders.
package benchkit

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"runtime"
	"syscall"
	"time"
)

// Result is one workload's measurement, printed as one JSON line.
type Result struct {
	Workload   string         `json:"workload"`
	Impl       string         `json:"impl"`
	Seconds    float64        `json:"seconds"`
	Accuracy   float64        `json:"accuracy"`
	PeakRSSMiB float64        `json:"peak_rss_mib"`
	Threads    int            `json:"threads"`
	Detail     map[string]any `json:"detail"`
}

// PeakRSSMiB is the process's peak resident set size (ru_maxrss, which
// Linux reports in KiB), the figure the PyTorch scripts report too.
func PeakRSSMiB() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return -1
	}
	return float64(ru.Maxrss) / 1024
}

// Report prints the JSON line of a workload whose timed part took elapsed.
func Report(workload string, elapsed time.Duration, accuracy float64, detail map[string]any) {
	r := Result{
		Workload:   workload,
		Impl:       "go",
		Seconds:    round(elapsed.Seconds(), 4),
		Accuracy:   round(accuracy, 4),
		PeakRSSMiB: round(PeakRSSMiB(), 1),
		Threads:    runtime.GOMAXPROCS(0),
		Detail:     detail,
	}
	b, err := json.Marshal(r)
	if err != nil {
		panic(fmt.Sprintf("benchkit.Report: %v", err))
	}
	fmt.Println(string(b))
}

// Fail prints err and exits with status 2 (data not found and the like).
func Fail(err error) {
	fmt.Fprintln(os.Stderr, err)
	os.Exit(2)
}

func round(v float64, digits int) float64 {
	p := math.Pow(10, float64(digits))
	return math.Round(v*p) / p
}
