// Package nbtest runs notebooks from Go tests through the Go (Kosaku) kernel.
//
// Without the kernel installed the tests skip, so plain `go test ./...` works
// on a machine without Jupyter; `make test` installs the kernel and sets
// KOSAKU_NOTEBOOK_TESTS=1, which turns a missing kernel into a failure.
package nbtest

import (
	"errors"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/kosaku-dl/kosaku/kernel/nbrun"
)

// EnvVar set to 1 makes a missing kernel fail the test instead of skipping it.
const EnvVar = "KOSAKU_NOTEBOOK_TESTS"

// Require skips t (or fails it when $KOSAKU_NOTEBOOK_TESTS is 1) unless
// Jupyter and the kernel spec are installed.
func Require(t testing.TB, kernel string) {
	t.Helper()
	if kernel == "" {
		kernel = nbrun.DefaultKernel
	}
	if err := nbrun.KernelInstalled(kernel); err != nil {
		if os.Getenv(EnvVar) == "1" {
			t.Fatalf("%s=1 but the notebook kernel is unusable: %v", EnvVar, err)
		}
		t.Skipf("notebook test skipped (set %s=1 or run make test to require it): %v", EnvVar, err)
	}
}

// Run executes the notebook at path after Require, failing t on any error.
// Unless opt.Output is set, the executed notebook is saved under t.TempDir(),
// so tests never rewrite the tree.
func Run(t testing.TB, path string, opt nbrun.Options) *nbrun.Result {
	t.Helper()
	Require(t, opt.Kernel)
	if opt.Output == "" {
		opt.Output = t.TempDir() + "/executed.ipynb"
	}
	res, err := nbrun.Run(t.Context(), path, opt)
	if err != nil {
		var ce *nbrun.CellError
		if errors.As(err, &ce) {
			t.Fatalf("%s: %v", path, ce)
		}
		t.Fatalf("%s: %v", path, err)
	}
	return res
}

// chartCall matches the calls that display a chart inline: pkg/plot's Show
// and gonbui's image displays.
var chartCall = regexp.MustCompile(`\.Show\(\)|gonbui\.Display(Png|Image)\(`)

// CheckCharts fails t for every code cell that displays a chart (calls a
// chart's Show() or gonbui.DisplayPng/DisplayImage) but saved no image/png,
// and returns the number of image/png outputs in the notebook.
func CheckCharts(t testing.TB, res *nbrun.Result) int {
	t.Helper()
	total := 0
	for _, c := range res.Code() {
		pngs, err := c.PNGs()
		if err != nil {
			t.Errorf("%s: %v", res.Path, err)
		}
		total += len(pngs)
		if len(pngs) == 0 && chartCall.MatchString(c.Source) {
			first, _, _ := strings.Cut(strings.TrimSpace(c.Source), "\n")
			t.Errorf("%s: cell %d (%q) draws a chart but saved no image/png", res.Path, c.Index, first)
		}
	}
	return total
}
