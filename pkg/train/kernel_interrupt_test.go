package train

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/kosaku-dl/kosaku/kernel/nbrun"
	"github.com/kosaku-dl/kosaku/kernel/nbrun/nbtest"
)

type kernelRun struct {
	Stdout, Stderr, Status, Error string
	HTML                          []string
}

// TestInterruptThroughKernel presses "interrupt" the way Jupyter does (the kernel's
// interrupt, which GoNB passes to the cell's program as SIGINT) one second into the
// session demo's 2-epoch training cell: the cell must report where it stopped, save,
// and end well within GoNB's 5 s; running the cell again resumes from that batch and
// finishes both epochs.
func TestInterruptThroughKernel(t *testing.T) {
	nbtest.Require(t, "")
	python, err := nbrun.FindPython()
	if err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile("../../lessons/session-demo.ipynb")
	if err != nil {
		t.Fatal(err)
	}
	var nb struct {
		Cells []struct {
			CellType string   `json:"cell_type"`
			Source   []string `json:"source"`
		} `json:"cells"`
	}
	if err := json.Unmarshal(raw, &nb); err != nil {
		t.Fatal(err)
	}
	var setup string
	for _, c := range nb.Cells {
		if c.CellType == "code" {
			setup = strings.Join(c.Source, "")
			break
		}
	}
	dir := t.TempDir()
	setupPath, trainPath := filepath.Join(dir, "setup.go"), filepath.Join(dir, "train.go")
	os.WriteFile(setupPath, []byte(setup), 0o644)
	os.WriteFile(trainPath, []byte("%%\ntrainCell(2)\n"), 0o644)
	driver, _ := filepath.Abs("testdata/interrupt_driver.py")
	cmd := exec.CommandContext(t.Context(), python, driver, nbrun.DefaultKernel, dir, setupPath, trainPath)
	cmd.Dir = dir
	// A TMPDIR of its own: GoNB keeps its work folder and cache there.
	cmd.Env = append(os.Environ(), "TMPDIR="+t.TempDir())
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("driver: %v\n%s", err, out)
	}
	var res struct {
		Setup           *kernelRun
		Interrupted     kernelRun
		InterruptToIdle *float64 `json:"interrupt_to_idle"`
		Rerun           kernelRun
	}
	if err := json.Unmarshal(out, &res); err != nil {
		t.Fatalf("driver output %q: %v", out, err)
	}
	if res.Setup != nil {
		t.Fatalf("setup cell failed: %+v", *res.Setup)
	}
	first := res.Interrupted
	if res.InterruptToIdle == nil {
		t.Fatalf("the training cell finished before it was interrupted: %+v", first)
	}
	t.Logf("interrupt to idle: %.2f s; interrupted cell printed %q, stderr %q", *res.InterruptToIdle, first.Stdout, first.Stderr)
	if *res.InterruptToIdle > 4 {
		t.Errorf("the cell took %.2f s to stop after the interrupt; GoNB kills it at 5 s", *res.InterruptToIdle)
	}
	m := regexp.MustCompile(`train: interrupted in epoch ([12]) after batch (\d+) of 3000 \(step \d+\); session "mnist-fc" saved\.`).FindStringSubmatch(first.Stdout)
	if m == nil {
		t.Fatalf("interrupted cell printed %q", first.Stdout)
	}
	if first.Status != "error" || !strings.Contains(first.Stderr, "exit status 130") {
		t.Errorf("interrupted cell: status %q, stderr %q; want an error with exit status 130 so Run All stops", first.Status, first.Stderr)
	}
	if n := len(first.HTML); n == 0 || !strings.Contains(first.HTML[n-1], "— interrupted") {
		t.Errorf("the progress output does not show the interruption: %q", first.HTML)
	}
	second := res.Rerun
	if second.Status != "ok" || !strings.HasPrefix(second.Stdout, fmt.Sprintf("train: resuming session \"mnist-fc\" where it was interrupted: epoch %s, after batch %s of 3000", m[1], m[2])) ||
		!regexp.MustCompile(`\nepoch 2: test accuracy 0\.9\d{3}\n$`).MatchString(second.Stdout) {
		t.Fatalf("re-run: status %q, stdout %q, stderr %q", second.Status, second.Stdout, second.Stderr)
	}
	// The re-run's first line shows the interrupted run's save; after it, the session
	// holds both epochs: 6000 steps, the resumed epoch's 3000 batches counted once.
	rec, _, found, err := readFile(filepath.Join(dir, ".kosaku", "sessions", "mnist-fc", fileName))
	if err != nil || !found || !rec.Finished || rec.Epoch != 2 || rec.Steps != 6000 || rec.History[0].Batches != 3000 {
		t.Fatalf("stored session: found %v, err %v, finished %v, epoch %d, steps %d", found, err, rec.Finished, rec.Epoch, rec.Steps)
	}
	final := second.HTML[len(second.HTML)-1]
	if !strings.Contains(final, "epoch 1/2  3000/3000 batches") || !strings.Contains(final, "epoch 2/2  3000/3000 batches") {
		t.Errorf("re-run's final progress %q", final)
	}
}
