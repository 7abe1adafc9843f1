// Command nbrun executes notebooks headless through the Go (Kosaku) kernel,
// saves each one with its outputs and prints how long every cell took.
//
//	go run ./kernel/cmd/nbrun [-kernel kosaku] [-timeout 10m] [-o out.ipynb] lessons/*.ipynb
//
// It exits 1 naming the notebook and the cell when a cell fails (cells tagged
// raises-exception may fail), or when -png is set and a notebook saved fewer
// image/png outputs.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"strings"
	"time"

	"github.com/kosaku-dl/kosaku/kernel/nbrun"
)

func main() {
	kernel := flag.String("kernel", nbrun.DefaultKernel, "Jupyter kernel spec name")
	timeout := flag.Duration("timeout", 10*time.Minute, "time allowed per cell")
	out := flag.String("o", "", "save the executed notebook here instead of in place (one notebook only)")
	minPNG := flag.Int("png", 0, "fail unless each notebook saved at least this many image/png outputs")
	verbose := flag.Bool("v", false, "show Jupyter's and the kernel's log lines")
	flag.Usage = func() {
		fmt.Fprintf(os.Stderr, "usage: nbrun [flags] notebook.ipynb...\n")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() == 0 || (*out != "" && flag.NArg() > 1) {
		flag.Usage()
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()

	failed := false
	for _, path := range flag.Args() {
		opt := nbrun.Options{Kernel: *kernel, CellTimeout: *timeout, Output: *out}
		if *verbose {
			opt.Stderr = os.Stderr
		}
		res, err := nbrun.Run(ctx, path, opt)
		if res != nil {
			report(path, res)
		}
		if err != nil {
			fmt.Fprintf(os.Stderr, "FAIL %s: %v\n", path, err)
			failed = true
			continue
		}
		if n := countPNG(res); n < *minPNG {
			fmt.Fprintf(os.Stderr, "FAIL %s: %d image/png outputs saved, want at least %d\n", path, n, *minPNG)
			failed = true
			continue
		}
		fmt.Printf("ok   %s (%d cells, kernel start %.2fs, total %.1fs) -> %s\n",
			path, len(res.Code()), res.KernelStart.Seconds(), res.Total.Seconds(), res.Path)
	}
	if failed {
		os.Exit(1)
	}
}

func report(path string, res *nbrun.Result) {
	for _, c := range res.Code() {
		if c.Duration == 0 {
			continue
		}
		first, _, _ := strings.Cut(strings.TrimSpace(c.Source), "\n")
		if len(first) > 60 {
			first = first[:60] + "…"
		}
		fmt.Printf("     %s cell %2d %6.2fs  %s\n", path, c.Index, c.Duration.Seconds(), first)
	}
}

func countPNG(res *nbrun.Result) int {
	n := 0
	for _, c := range res.Cells {
		for _, o := range c.Outputs {
			if _, ok := o.Data["image/png"]; ok {
				n++
			}
		}
	}
	return n
}
