package nbrun_test

import (
	"bytes"
	"encoding/binary"
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
	"github.com/kosaku-dl/kosaku/pkg/nn"
	"github.com/kosaku-dl/kosaku/pkg/tensor"
	"github.com/kosaku-dl/kosaku/pkg/train"
)

// The session demo (lessons/session-demo.ipynb) through the real kernel: pkg/train's
// promises that only a GoNB kernel can show — a model that outlives its cell, outputs
// that are the same on a second run, an interrupt that saves and resumes.

// progressTimings matches the parts of a progress line that differ between runs.
var progressTimings = regexp.MustCompile(`\d+ examples/s|[0-9.]+ s\b|[0-9hms.]+ left`)

// cellText is a code cell's outputs as text: its standard output and error (joined,
// since Jupyter splits streams into chunks as they arrive), then each display output.
func cellText(c nbrun.Cell) string {
	var b strings.Builder
	b.WriteString("stdout:" + c.Stdout() + "\nstderr:" + c.Stderr() + "\n")
	for _, o := range c.Outputs {
		if o.Type == "stream" {
			continue
		}
		b.WriteString(o.Type + ":")
		for mime, v := range o.Data {
			if mime != "image/png" {
				b.WriteString(mime + ":" + v)
			}
		}
		b.WriteString(o.EName + o.EValue + "\n")
	}
	return b.String()
}

// TestSessionDemoNotebook runs lessons/session-demo.ipynb through the real kernel (in a
// copy, so the session folder lands in a temporary directory): cell 1 trains chapter
// 7's network one epoch, cell 2 — a new program — loads it and prints the same test
// accuracy as cell 1's last line, cell 3 continues to epoch 2. Run twice, the notebook
// saves the same outputs apart from timings.
func TestSessionDemoNotebook(t *testing.T) {
	nbtest.Require(t, "")
	src, err := os.ReadFile("../../lessons/session-demo.ipynb")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	nb := filepath.Join(dir, "session-demo.ipynb")
	if err := os.WriteFile(nb, src, 0o644); err != nil {
		t.Fatal(err)
	}
	var runs [2][]nbrun.Cell
	for i := range runs {
		// Both runs share the working folder, so the second finds the first one's session.
		res := nbtest.Run(t, nb, nbrun.Options{Output: filepath.Join(dir, "executed.ipynb"), Dir: dir})
		runs[i] = res.Code()
	}
	code := runs[0]
	if len(code) != 5 {
		t.Fatalf("%d code cells", len(code))
	}
	trainOut, evalOut, contOut, histOut := code[1], code[2], code[3], code[4]

	progress := ""
	for _, o := range trainOut.Outputs {
		progress += o.Data["text/html"]
	}
	if !regexp.MustCompile(`^<pre style="margin:0">epoch 1/1  3000/3000 batches  loss 0\.\d{4}  accuracy 0\.\d{4}  \d+ examples/s  [0-9.]+ s</pre>$`).MatchString(progress) {
		t.Errorf("cell 1's final progress output: %q", progress)
	}
	acc := regexp.MustCompile(`(?m)^epoch 1: test accuracy (0\.\d{4})\n$`)
	m := acc.FindStringSubmatch(trainOut.Stdout())
	if m == nil {
		t.Fatalf("cell 1 printed %q", trainOut.Stdout())
	}
	if got := evalOut.Stdout(); got != "epoch 1: test accuracy "+m[1]+"\n" {
		t.Errorf("cell 2 printed %q; cell 1's last line was %q", got, m[0])
	}
	if m[1] < "0.90" {
		t.Errorf("test accuracy %s after one epoch; chapter 7 reaches about 0.91", m[1])
	}
	if out := contOut.Stdout(); !strings.HasPrefix(out, "train: continuing session \"mnist-fc\" after epoch 1\n") ||
		!regexp.MustCompile(`\nepoch 2: test accuracy 0\.\d{4}\n$`).MatchString(out) {
		t.Errorf("cell 3 printed %q", out)
	}
	if lines := strings.Split(strings.TrimSpace(histOut.Stdout()), "\n"); len(lines) != 2 ||
		!strings.HasPrefix(lines[0], "epoch 1: 3000 batches") || !strings.HasPrefix(lines[1], "epoch 2: 3000 batches") {
		t.Errorf("history cell printed %q", histOut.Stdout())
	}
	for i := range code {
		a, b := progressTimings.ReplaceAllString(cellText(runs[0][i]), "T"), progressTimings.ReplaceAllString(cellText(runs[1][i]), "T")
		if a != b {
			t.Errorf("cell %d differs between two runs of the notebook:\n%s\n---\n%s", code[i].Index, a, b)
		}
		if strings.Contains(a, "\x1b") {
			t.Errorf("cell %d: escape codes in the output", code[i].Index)
		}
	}
	saved, err := os.ReadFile(filepath.Join(dir, "executed.ipynb"))
	if err != nil || strings.Contains(string(saved), `\u001b`) {
		t.Errorf("saved notebook: %v, escape codes: %v", err, strings.Contains(string(saved), `\u001b`))
	}
}

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
	rec, err := storedSession(dir, "mnist-fc")
	if err != nil || !rec.Finished || rec.Epoch != 2 || rec.Steps != 6000 || rec.History[0].Batches != 3000 {
		t.Fatalf("stored session: err %v, finished %v, epoch %d, steps %d", err, rec.Finished, rec.Epoch, rec.Steps)
	}
	final := second.HTML[len(second.HTML)-1]
	if !strings.Contains(final, "epoch 1/2  3000/3000 batches") || !strings.Contains(final, "epoch 2/2  3000/3000 batches") {
		t.Errorf("re-run's final progress %q", final)
	}
}

// storedSession reads what a kernel's run stored for the session called name in the
// folder dir: the whole file must load into chapter 7's network (train.Load checks its
// checksum, names and shapes), and its JSON header — readable with any text tool —
// gives the counters, Finished included.
func storedSession(dir, name string) (rec sessionRecord, err error) {
	sessions := filepath.Join(dir, ".kosaku", "sessions")
	if _, err := train.Load(name, &mnistFC{Fc1: nn.NewLinear(28*28, 64), Fc2: nn.NewLinear(64, 10)}, train.Dir(sessions)); err != nil {
		return rec, err
	}
	data, err := os.ReadFile(filepath.Join(sessions, name, "session.kosaku"))
	if err != nil {
		return rec, err
	}
	_, rest, ok := bytes.Cut(data, []byte("\n"))
	if !ok || len(rest) < 4 || uint64(len(rest)) < 4+uint64(binary.LittleEndian.Uint32(rest)) {
		return rec, fmt.Errorf("no session header in %d bytes", len(data))
	}
	err = json.Unmarshal(rest[4:4+binary.LittleEndian.Uint32(rest)], &rec)
	if err == nil && len(rec.History) == 0 {
		err = fmt.Errorf("the session has no history")
	}
	return rec, err
}

// sessionRecord is the part of a session's header these tests read.
type sessionRecord struct {
	Finished bool  `json:"finished"`
	Epoch    int   `json:"epoch"`
	Steps    int64 `json:"steps"`
	History  []struct {
		Batches int `json:"batches"`
	} `json:"history"`
}

// mnistFC is the session demo's network (chapter 7's), to load its session into.
type mnistFC struct{ Fc1, Fc2 *nn.Linear }

func (n *mnistFC) Forward(x *tensor.Tensor) *tensor.Tensor {
	return n.Fc2.Forward(n.Fc1.Forward(x.Reshape(-1, 28*28)).ReLU())
}
