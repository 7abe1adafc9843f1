package nbrun_test

import (
	"bytes"
	"context"
	"errors"
	"image/png"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/kosaku-dl/kosaku/kernel/nbrun"
	"github.com/kosaku-dl/kosaku/kernel/nbrun/nbtest"
)

// checkCells exercise what lessons rely on: importing pkg/ from this
// checkout, printed values, ANSI-free saved text, an inline chart, the
// working folder, GoNB's cache, and a deliberate failure tagged
// raises-exception.
var checkCells = []cell{
	{src: "# Runner check", md: true},
	{src: "import (\n\t\"github.com/janpfeifer/gonb/cache\"\n\t\"github.com/kosaku-dl/kosaku/pkg/plot\"\n)"},
	{src: "%%\nfmt.Println(6 * 7)"},
	{src: "%%\nfmt.Println(\"\\x1b[1;31mred\\x1b[0m plain\")"},
	{src: "%%\nplot.Line([]float64{0, 1, 2, 3}, []float64{3, 1, 2, 0}).Title(\"check\").Show()"},
	{src: "!*go list -f '{{.Dir}}' github.com/kosaku-dl/kosaku/pkg/plot"},
	{src: "%%\nwd, _ := os.Getwd()\nfmt.Println(wd)\nfmt.Println(os.Getenv(\"TMPDIR\"))\n" +
		"fmt.Println(cache.Cache(\"stamp\", func() int64 { return time.Now().UnixNano() }))"},
	{src: "%%\nfmt.Println(cache.Cache(\"stamp\", func() int64 { return -1 }))"},
	{src: "%%\npanic(\"expected failure\")", tags: []string{"raises-exception"}},
	{src: "%%\nfmt.Println(\"done\")"},
}

func TestCheckNotebook(t *testing.T) {
	root := repoRoot(t)
	dir, path := kernelNotebook(t, "check.ipynb", checkCells...)

	res := nbtest.Run(t, path, nbrun.Options{Output: filepath.Join(dir, "out.ipynb")})
	c := res.Cells
	if len(c) != 10 || c[0].Type != "markdown" || len(res.Code()) != 9 {
		t.Fatalf("got %d cells (%d code), want 10 (9 code)", len(c), len(res.Code()))
	}
	if got := c[2].Stdout(); got != "42\n" {
		t.Errorf("cell 2 stdout = %q, want %q", got, "42\n")
	}
	if got := c[3].Stdout(); got != "red plain\n" {
		t.Errorf("cell 3 stdout = %q, want ANSI escapes stripped: %q", got, "red plain\n")
	}
	pngs, err := c[4].PNGs()
	if err != nil || len(pngs) != 1 {
		t.Fatalf("chart cell: %d image/png outputs (err %v), want 1", len(pngs), err)
	}
	img, err := png.Decode(bytes.NewReader(pngs[0]))
	if err != nil {
		t.Fatalf("chart cell: saved image/png does not decode: %v", err)
	}
	if b := img.Bounds(); b.Dx() < 200 || b.Dy() < 100 {
		t.Errorf("chart is %v, want a real chart (at least 200x100)", b)
	}
	if got, want := strings.TrimSpace(c[5].Stdout()), filepath.Join(root, "pkg", "plot"); got != want {
		t.Errorf("pkg/plot resolves to %q, want this checkout's %q", got, want)
	}
	lines := strings.Split(strings.TrimSpace(c[6].Stdout()), "\n")
	if len(lines) != 3 {
		t.Fatalf("cell 6 printed %q, want 3 lines", c[6].Stdout())
	}
	if !strings.Contains(lines[0], "nbrun-") || filepath.Base(lines[0]) != "work" {
		t.Errorf("cell working folder = %q, want the run's own temporary folder (nbrun-*/work), never the notebook's %q", lines[0], dir)
	}
	if !strings.Contains(lines[1], "nbrun-") {
		t.Errorf("kernel TMPDIR = %q, want a per-run folder (nbrun-*)", lines[1])
	}
	if got := strings.TrimSpace(c[7].Stdout()); got != lines[2] {
		t.Errorf("cached value in a later cell = %s, want %s (cache must work within a run)", got, lines[2])
	}
	if len(c[8].Outputs) == 0 || c[8].Outputs[len(c[8].Outputs)-1].Type != "error" {
		t.Errorf("raises-exception cell outputs = %+v, want an error output", c[8].Outputs)
	}
	if got := c[9].Stdout(); got != "done\n" {
		t.Errorf("last cell stdout = %q, want %q (the run must go on past raises-exception)", got, "done\n")
	}
	saved, err := os.ReadFile(res.Path)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(saved, []byte("\x1b")) || bytes.Contains(saved, []byte(`\u001b`)) {
		t.Errorf("saved notebook still holds ANSI escapes")
	}
	if !bytes.Contains(saved, []byte(`"image/png"`)) {
		t.Errorf("saved notebook lacks the chart's image/png")
	}
	for _, cl := range res.Code() {
		if cl.Duration <= 0 || cl.ExecutionCount == 0 {
			t.Errorf("cell %d: duration %v, execution count %d; want both set", cl.Index, cl.Duration, cl.ExecutionCount)
		}
	}

	// A second run gets a fresh TMPDIR, so GoNB's cache starts empty.
	res2 := nbtest.Run(t, path, nbrun.Options{})
	lines2 := strings.Split(strings.TrimSpace(res2.Cells[6].Stdout()), "\n")
	if len(lines2) != 3 || lines2[2] == lines[2] {
		t.Errorf("second run read cached stamp %v from the first run (%s): cache leaked between runs", lines2, lines[2])
	}
}

func TestFailingCellIsNamed(t *testing.T) {
	_, path := kernelNotebook(t, "fail.ipynb",
		cell{src: "%%\nfmt.Println(\"before\")"},
		cell{src: "%%\nx := nope + 1\nfmt.Println(x)"},
		cell{src: "%%\nfmt.Println(\"after\")"},
	)
	res, err := nbrun.Run(t.Context(), path, nbrun.Options{})
	var ce *nbrun.CellError
	if !errors.As(err, &ce) {
		t.Fatalf("Run error = %v, want *CellError", err)
	}
	if ce.Index != 1 || !strings.Contains(ce.Source, "nope") {
		t.Errorf("CellError names cell %d %q, want cell 1", ce.Index, ce.Source)
	}
	if !strings.Contains(ce.Message, "undefined: nope") {
		t.Errorf("CellError message lacks the compiler's words:\n%s", ce.Message)
	}
	if !strings.Contains(err.Error(), "cell 1") {
		t.Errorf("error text %q does not name the cell", err)
	}
	if res == nil || res.Cells[0].Stdout() != "before\n" {
		t.Fatalf("outputs before the failure were not kept: %+v", res)
	}
	if c := res.Cells[2]; c.ExecutionCount != 0 || len(c.Outputs) != 0 {
		t.Errorf("cell after the failure ran: %+v", c)
	}
	saved, err := os.ReadFile(path)
	if err != nil || !bytes.Contains(saved, []byte("undefined: nope")) {
		t.Errorf("the failing run's outputs were not saved in place (%v)", err)
	}
}

// TestKernelCheckLesson runs the reader-facing lessons/00-kernel-check.ipynb.
func TestKernelCheckLesson(t *testing.T) {
	nbtest.Require(t, "")
	root := repoRoot(t)
	res := nbtest.Run(t, filepath.Join(root, "lessons", "00-kernel-check.ipynb"), nbrun.Options{})
	var out strings.Builder
	for _, c := range res.Code() {
		out.WriteString(c.Stdout())
	}
	pngs := nbtest.CheckCharts(t, res)
	for _, want := range []string{"go1.26", "pkg/plot comes from this checkout", "GOPROXY=off"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("kernel check printed\n%s\nwant it to contain %q", out.String(), want)
		}
	}
	if pngs != 1 {
		t.Errorf("kernel check saved %d image/png outputs, want 1", pngs)
	}
}

// TestCancelShutsKernelDown: cancelling Run while a cell runs must stop the
// kernel, not leave it (and GoNB's gopls) running.
func TestCancelShutsKernelDown(t *testing.T) {
	dir, path := kernelNotebook(t, "hang.ipynb",
		// The cell's parent process is the GoNB kernel.
		cell{src: "%%\nos.WriteFile(\"kernel.pid\", []byte(strconv.Itoa(os.Getppid())), 0o644)"},
		cell{src: "%%\ntime.Sleep(10 * time.Minute)"},
	)
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	done := make(chan error, 1)
	go func() {
		// The kernel works in dir, where the first cell leaves its pid.
		_, err := nbrun.Run(ctx, path, nbrun.Options{Dir: dir})
		done <- err
	}()
	var pid int
	deadline := time.Now().Add(2 * time.Minute)
	for pid == 0 {
		if time.Now().After(deadline) {
			t.Fatal("the first cell never wrote the kernel's pid")
		}
		select {
		case err := <-done:
			t.Fatalf("Run ended before cancellation: %v", err)
		case <-time.After(200 * time.Millisecond):
		}
		if b, err := os.ReadFile(filepath.Join(dir, "kernel.pid")); err == nil {
			pid, _ = strconv.Atoi(string(b))
		}
	}
	time.Sleep(time.Second) // let the sleeping cell start
	cancel()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) {
			t.Errorf("Run after cancel = %v, want context.Canceled", err)
		}
	case <-time.After(40 * time.Second):
		t.Fatal("Run did not return within 40 s of cancellation")
	}
	for end := time.Now().Add(15 * time.Second); ; {
		if syscall.Kill(pid, 0) != nil {
			break
		}
		if time.Now().After(end) {
			t.Fatalf("kernel process %d still running 15 s after Run returned", pid)
		}
		time.Sleep(200 * time.Millisecond)
	}
}
