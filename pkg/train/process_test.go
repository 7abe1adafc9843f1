package train

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/kosaku-dl/kosaku/pkg/optim"
)

// The tests below run the training "cell" in child processes — this test binary
// re-executed with KOSAKU_TRAIN_CHILD set — because each GoNB cell is a new process:
// nothing but the stored session may carry state from one run to the next.

func TestMain(m *testing.M) {
	if os.Getenv("KOSAKU_TRAIN_CHILD") != "" {
		childCell()
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// childCell is the training cell: open session "tiny", train KOSAKU_TRAIN_EPOCHS epochs,
// printing "batch <epoch> <n>" after each batch and sleeping KOSAKU_TRAIN_DELAY there.
func childCell() {
	epochs, _ := strconv.Atoi(os.Getenv("KOSAKU_TRAIN_EPOCHS"))
	delay, _ := time.ParseDuration(os.Getenv("KOSAKU_TRAIN_DELAY"))
	stall, _ := strconv.Atoi(os.Getenv("KOSAKU_TRAIN_STALL_AT")) // the step that hangs
	opts := []Option{Dir(os.Getenv("KOSAKU_TRAIN_DIR")), Seed(7), SaveEvery(0)}
	if os.Getenv("KOSAKU_TRAIN_CONTINUE") == "1" {
		opts = append(opts, Continue())
	}
	m := newTinyModel(1)
	opt := optim.NewSGD(m.params(), 0.05, optim.Momentum(0.9))
	s, err := Open("tiny", m.named(), opt, opts...)
	if err != nil {
		fmt.Println("open error:", err)
		os.Exit(3)
	}
	loader := tinyData()
	for epoch := range s.Epochs(epochs) {
		for x, y := range s.Batches(loader) {
			m.step(opt, s, x, y)
			_, done := s.Position()
			fmt.Printf("batch %d %d\n", epoch, done+1)
			if int(s.Steps()) == stall {
				time.Sleep(time.Minute)
			}
			time.Sleep(delay)
		}
	}
	fmt.Printf("done epoch %d steps %d\n", s.Epoch(), s.Steps())
}

type childRun struct {
	dir      string
	epochs   int
	cont     bool
	delay    time.Duration
	stallAt  int
	signalAt string // send SIGINT after this output line
}

type childResult struct {
	out      string
	exitCode int
	sinceSig time.Duration // from SIGINT to exit
}

// child is a training cell running in a child process; lines reads its output.
type child struct {
	cmd    *exec.Cmd
	lines  *bufio.Scanner
	stderr bytes.Buffer
}

// startChild starts the training cell of r in a child process.
func startChild(t *testing.T, r childRun) *child {
	t.Helper()
	c := &child{cmd: exec.Command(os.Args[0], "-test.run=^$")}
	c.cmd.Env = append(os.Environ(),
		"KOSAKU_TRAIN_CHILD=1",
		"KOSAKU_TRAIN_DIR="+r.dir,
		"KOSAKU_TRAIN_EPOCHS="+strconv.Itoa(r.epochs),
		"KOSAKU_TRAIN_DELAY="+r.delay.String(),
		"KOSAKU_TRAIN_STALL_AT="+strconv.Itoa(r.stallAt),
		"GONB_PIPE=", // never talk to a notebook, even if the tests run inside one
	)
	if r.cont {
		c.cmd.Env = append(c.cmd.Env, "KOSAKU_TRAIN_CONTINUE=1")
	}
	stdout, err := c.cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	c.cmd.Stderr = &c.stderr
	if err := c.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	c.lines = bufio.NewScanner(stdout)
	return c
}

// interrupt sends the child SIGINT, as Jupyter's interrupt button does.
func (c *child) interrupt(t *testing.T) {
	t.Helper()
	if err := c.cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
}

// runChild runs the training cell of r to its end and returns its output and exit code.
func runChild(t *testing.T, r childRun) childResult {
	t.Helper()
	c := startChild(t, r)
	var out strings.Builder
	var signalled time.Time
	for c.lines.Scan() {
		line := c.lines.Text()
		out.WriteString(line + "\n")
		if r.signalAt != "" && line == r.signalAt && signalled.IsZero() {
			c.interrupt(t)
			signalled = time.Now()
		}
	}
	err := c.cmd.Wait()
	res := childResult{out: out.String()}
	if !signalled.IsZero() {
		res.sinceSig = time.Since(signalled)
	}
	var exitErr *exec.ExitError
	switch {
	case err == nil:
	case errors.As(err, &exitErr):
		res.exitCode = exitErr.ExitCode()
	default:
		t.Fatalf("child: %v\n%s", err, c.stderr.String())
	}
	if c.stderr.Len() > 0 {
		t.Logf("child stderr:\n%s", c.stderr.String())
	}
	return res
}

// storedTensors reads a session file and returns its tensors as float32 bit patterns
// and its record, for bit-for-bit comparisons.
func storedTensors(t *testing.T, dir string) (map[string][]uint32, record) {
	t.Helper()
	rec, tensors, found, err := readFile(filepath.Join(dir, "tiny", fileName))
	if err != nil || !found {
		t.Fatalf("reading session in %s: found %v, %v", dir, found, err)
	}
	out := map[string][]uint32{}
	for k, v := range tensors {
		for _, f := range v.Float32s() {
			out[k] = append(out[k], math.Float32bits(f))
		}
	}
	return out, rec
}

func sameTraining(t *testing.T, what string, dirA, dirB string) {
	t.Helper()
	a, recA := storedTensors(t, dirA)
	b, recB := storedTensors(t, dirB)
	if len(a) != len(b) || len(a) < 4 { // 2 parameters + 2 momentum buffers
		t.Fatalf("%s: sessions hold %d and %d tensors", what, len(a), len(b))
	}
	for k, va := range a {
		if fmt.Sprint(va) != fmt.Sprint(b[k]) {
			t.Fatalf("%s: tensor %s differs:\n%v\n%v", what, k, va, b[k])
		}
	}
	if recA.Epoch != recB.Epoch || recA.Steps != recB.Steps || recA.Batch != recB.Batch || len(recA.History) != len(recB.History) {
		t.Fatalf("%s: counters differ: epoch %d/%d steps %d/%d batch %d/%d", what, recA.Epoch, recB.Epoch, recA.Steps, recB.Steps, recA.Batch, recB.Batch)
	}
	for i := range recA.History {
		ha, hb := recA.History[i], recB.History[i]
		ha.Seconds, hb.Seconds = 0, 0
		if fmt.Sprintf("%#v", ha) != fmt.Sprintf("%#v", hb) {
			t.Fatalf("%s: epoch %d records differ:\n%#v\n%#v", what, i+1, ha, hb)
		}
	}
}

// TestExactResumeAcrossProcesses: 1 epoch in one process and 1 more (Continue) in
// another gives the same weights, optimiser state and history, bit for bit, as 2 epochs
// in one process.
func TestExactResumeAcrossProcesses(t *testing.T) {
	whole, split := t.TempDir(), t.TempDir()
	r := runChild(t, childRun{dir: whole, epochs: 2})
	if r.exitCode != 0 || !strings.Contains(r.out, "done epoch 2 steps 24") {
		t.Fatalf("two epochs: exit %d\n%s", r.exitCode, r.out)
	}
	r = runChild(t, childRun{dir: split, epochs: 1})
	if r.exitCode != 0 || !strings.Contains(r.out, "done epoch 1 steps 12") {
		t.Fatalf("first epoch: exit %d\n%s", r.exitCode, r.out)
	}
	r = runChild(t, childRun{dir: split, epochs: 1, cont: true})
	if r.exitCode != 0 || !strings.Contains(r.out, "continuing session \"tiny\" after epoch 1") || !strings.Contains(r.out, "done epoch 2 steps 24") {
		t.Fatalf("second epoch: exit %d\n%s", r.exitCode, r.out)
	}
	sameTraining(t, "1+1 epochs vs 2", whole, split)

	// Without Continue, running the cell again trains from the start: the same result
	// as the first single epoch, not a third epoch.
	again, once := t.TempDir(), t.TempDir()
	runChild(t, childRun{dir: once, epochs: 1})
	runChild(t, childRun{dir: again, epochs: 1})
	r = runChild(t, childRun{dir: again, epochs: 1})
	if strings.Contains(r.out, "train:") || !strings.Contains(r.out, "done epoch 1 steps 12") {
		t.Fatalf("re-run without Continue:\n%s", r.out)
	}
	sameTraining(t, "re-run vs one run", once, again)
}

// TestInterruptAcrossProcesses sends a real SIGINT in the middle of an epoch: the child
// must finish the batch, save, say where it stopped and exit with status 130 well within
// GoNB's 5 s; running the cell again finishes the run with the same result as a run
// that was never interrupted.
func TestInterruptAcrossProcesses(t *testing.T) {
	whole, stopped := t.TempDir(), t.TempDir()
	runChild(t, childRun{dir: whole, epochs: 2})

	r := runChild(t, childRun{dir: stopped, epochs: 2, delay: 20 * time.Millisecond, signalAt: "batch 2 5"})
	t.Logf("exit %d, %v after SIGINT; output:\n%s", r.exitCode, r.sinceSig, r.out)
	if r.exitCode != exitInterrupted {
		t.Fatalf("exit code %d, want %d", r.exitCode, exitInterrupted)
	}
	if r.sinceSig > 2*time.Second {
		t.Fatalf("child took %v to exit after SIGINT", r.sinceSig)
	}
	_, rec := storedTensors(t, stopped)
	if rec.Finished || rec.Epoch != 1 || rec.Batch < 5 || rec.Batch >= 12 || rec.Steps != int64(12+rec.Batch) {
		t.Fatalf("saved position: finished %v epoch %d batch %d steps %d", rec.Finished, rec.Epoch, rec.Batch, rec.Steps)
	}
	wantMsg := fmt.Sprintf("train: interrupted in epoch 2 after batch %d of 12 (step %d); session \"tiny\" saved.", rec.Batch, rec.Steps)
	if !strings.Contains(r.out, wantMsg) {
		t.Fatalf("output lacks %q", wantMsg)
	}
	if strings.Contains(r.out, "done epoch") {
		t.Fatal("the interrupted child ran on past the training loop")
	}

	r = runChild(t, childRun{dir: stopped, epochs: 2})
	if r.exitCode != 0 || !strings.Contains(r.out, fmt.Sprintf("resuming session \"tiny\" where it was interrupted: epoch 2, after batch %d of 12", rec.Batch)) ||
		!strings.Contains(r.out, "done epoch 2 steps 24") {
		t.Fatalf("resumed run: exit %d\n%s", r.exitCode, r.out)
	}
	if strings.Contains(r.out, "batch 1 ") || !strings.Contains(r.out, fmt.Sprintf("batch 2 %d\n", rec.Batch+1)) {
		t.Fatalf("resumed run did not start at epoch 2, batch %d:\n%s", rec.Batch+1, r.out)
	}
	sameTraining(t, "interrupted and resumed vs uninterrupted", whole, stopped)
}

// TestInterruptDuringStalledBatch: when the batch in progress does not finish, the child
// still exits in time (after the 3.5 s grace), without saving, and the stored session
// keeps its last save (here: the end of epoch 1).
func TestInterruptDuringStalledBatch(t *testing.T) {
	dir := t.TempDir()
	r := runChild(t, childRun{dir: dir, epochs: 2, stallAt: 15, signalAt: "batch 2 3"})
	t.Logf("exit %d, %v after SIGINT; output:\n%s", r.exitCode, r.sinceSig, r.out)
	if r.exitCode != exitInterrupted || r.sinceSig < 3*time.Second || r.sinceSig > 4500*time.Millisecond {
		t.Fatalf("exit %d after %v; want %d after about 3.5 s", r.exitCode, r.sinceSig, exitInterrupted)
	}
	if !strings.Contains(r.out, "did not finish within 3.5s; exiting without saving — session \"tiny\" keeps its last saved state (after epoch 1)") {
		t.Fatalf("missing give-up message")
	}
	_, rec := storedTensors(t, dir)
	if rec.Epoch != 1 || rec.Batch != 0 {
		t.Fatalf("stored position epoch %d batch %d, want the end of epoch 1", rec.Epoch, rec.Batch)
	}
}
