package train

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/kosaku-dl/kosaku/pkg/optim"
	"github.com/kosaku-dl/kosaku/pkg/tensor"

	"github.com/kosaku-dl/kosaku/pkg/internal/testkit"
)

// trainTiny runs the tiny model's training cell in this process.
func trainTiny(t *testing.T, dir string, epochs int, out *bytes.Buffer, opts ...Option) (*Session, *tinyModel) {
	t.Helper()
	m := newTinyModel(1)
	opt := optim.NewSGD(m.params(), 0.05, optim.Momentum(0.9))
	all := append([]Option{Dir(dir), Seed(7), outputTo(out)}, opts...)
	s, err := Open("tiny", m.named(), opt, all...)
	if err != nil {
		t.Fatal(err)
	}
	loader := tinyData()
	for range s.Epochs(epochs) {
		for x, y := range s.Batches(loader) {
			m.step(opt, s, x, y)
		}
	}
	if s.Err() != nil {
		t.Fatal(s.Err())
	}
	return s, m
}

// outputTo sends the session's messages and plain progress lines to a buffer.
func outputTo(b *bytes.Buffer) Option {
	return func(c *config) {
		if b != nil {
			c.out = b
		}
	}
}

func bits(t *tensor.Tensor) []uint32 {
	var out []uint32
	for _, f := range t.Float32s() {
		out = append(out, math.Float32bits(f))
	}
	return out
}

// TestLoadGivesTheTrainedModel: a later cell's Load restores exactly the trained
// parameters and the history into a freshly built model.
func TestLoadGivesTheTrainedModel(t *testing.T) {
	dir := t.TempDir()
	var out bytes.Buffer
	s, trained := trainTiny(t, dir, 2, &out)
	fresh := newTinyModel(1)
	if slices.Equal(bits(fresh.w), bits(trained.w)) {
		t.Fatal("training did not change the weights")
	}
	loaded, err := Load("tiny", fresh.named(), Dir(dir))
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(bits(fresh.w), bits(trained.w)) || !slices.Equal(bits(fresh.b), bits(trained.b)) {
		t.Fatal("loaded parameters differ from the trained ones")
	}
	h := loaded.History()
	if len(h) != 2 || loaded.Epoch() != 2 || loaded.Steps() != 24 {
		t.Fatalf("history %d epochs, epoch %d, steps %d", len(h), loaded.Epoch(), loaded.Steps())
	}
	for i, r := range h {
		if r.Epoch != i+1 || r.Batches != 12 || r.Examples != 48 || r.Steps != 12 || !(r.Loss() > 0) {
			t.Fatalf("epoch record %d: %+v", i+1, r)
		}
	}
	if h[1].Loss() >= h[0].Loss() {
		t.Fatalf("loss did not fall: %v", h.Loss())
	}
	if got := s.History().Loss(); got[0] != h.Loss()[0] || got[1] != h.Loss()[1] {
		t.Fatalf("stored history %v differs from the running session's %v", h.Loss(), got)
	}
	if _, err := os.Stat(filepath.Join(dir, "tiny", fileName)); err != nil {
		t.Fatal(err)
	}
	if loaded.Save() == nil {
		t.Fatal("a loaded session saved without an optimiser")
	}
}

// TestPlainProgressLines: outside a notebook, one plain line per epoch and no escape codes.
func TestPlainProgressLines(t *testing.T) {
	var out bytes.Buffer
	trainTiny(t, t.TempDir(), 3, &out)
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 3 {
		t.Fatalf("%d lines:\n%s", len(lines), out.String())
	}
	for i, l := range lines {
		prefix := "epoch " + string(rune('1'+i)) + "/3  12/12 batches  loss "
		if !strings.HasPrefix(l, prefix) || !strings.Contains(l, " examples/s  ") || !strings.HasSuffix(l, " s") {
			t.Errorf("line %q does not look like %q...examples/s...s", l, prefix)
		}
	}
	if strings.ContainsAny(out.String(), "\x1b\r") {
		t.Errorf("progress output holds escape codes or carriage returns: %q", out.String())
	}
}

// TestManyEpochsKeepFewLines: 2000 full-batch epochs (chapter 2's loop, no loader) print
// about 20 lines, the last epoch's among them, and save the file only a few times.
func TestManyEpochsKeepFewLines(t *testing.T) {
	var out bytes.Buffer
	m := newTinyModel(1)
	opt := optim.NewSGD(m.params(), 0.01)
	s, err := Open("iris", m.named(), opt, Dir(t.TempDir()), outputTo(&out))
	if err != nil {
		t.Fatal(err)
	}
	data := tinyData()
	for range s.Epochs(2000) {
		m.step(opt, s, data.x, data.y)
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 20 || !strings.HasPrefix(lines[0], "epoch 100/2000  loss ") || !strings.HasPrefix(lines[19], "epoch 2000/2000  loss ") {
		t.Fatalf("%d lines, first %q, last %q", len(lines), lines[0], lines[len(lines)-1])
	}
	if s.Epoch() != 2000 || len(s.History()) != 2000 {
		t.Fatalf("epoch %d, history %d", s.Epoch(), len(s.History()))
	}
}

// TestBreakThenContinue: a reader who breaks out in the middle of an epoch and later
// continues gets the same result as an unbroken run.
func TestBreakThenContinue(t *testing.T) {
	whole, broken := t.TempDir(), t.TempDir()
	_, want := trainTiny(t, whole, 2, nil, Quiet())

	m := newTinyModel(1)
	opt := optim.NewSGD(m.params(), 0.05, optim.Momentum(0.9))
	s, err := Open("tiny", m.named(), opt, Dir(broken), Seed(7), Quiet())
	if err != nil {
		t.Fatal(err)
	}
	loader := tinyData()
	for range s.Epochs(2) {
		n := 0
		for x, y := range s.Batches(loader) {
			m.step(opt, s, x, y)
			if n++; n == 7 {
				break
			}
		}
		if n == 7 {
			break
		}
	}
	if e, b := s.Position(); e != 0 || b != 7 {
		t.Fatalf("position after break: epoch %d batch %d", e, b)
	}
	var out bytes.Buffer
	_, got := trainTiny(t, broken, 2, &out, Continue())
	if !strings.HasPrefix(out.String(), `train: continuing session "tiny" from epoch 1, after batch 7 of 12`+"\n") {
		t.Errorf("Continue said %q", out.String())
	}
	if !slices.Equal(bits(got.w), bits(want.w)) || !slices.Equal(bits(got.b), bits(want.b)) {
		t.Fatal("break + continue differs from an unbroken run")
	}
}

func TestResetAndMissing(t *testing.T) {
	dir := t.TempDir()
	trainTiny(t, dir, 1, nil, Quiet())
	if err := Reset("tiny", Dir(dir)); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "tiny")); !os.IsNotExist(err) {
		t.Fatalf("session folder still there: %v", err)
	}
	_, err := Load("tiny", newTinyModel(1).named(), Dir(dir))
	if err == nil || !strings.Contains(err.Error(), `no stored session "tiny"`) || !strings.Contains(err.Error(), "run the cell that trains it first") {
		t.Fatalf("Load after Reset: %v", err)
	}
	if err := Reset("tiny", Dir(dir)); err != nil {
		t.Fatalf("Reset of a missing session: %v", err)
	}
}

// TestMismatchedModel: a stored session that does not fit the model gives an error that
// names each difference, and leaves the model untouched.
func TestMismatchedModel(t *testing.T) {
	dir := t.TempDir()
	trainTiny(t, dir, 1, nil, Quiet())

	wide := tensors{
		"fc.weight": tensor.Zeros(4, 2).RequiresGrad(),
		"fc.bias":   tensor.Zeros(2).RequiresGrad(),
		"fc2.bias":  tensor.Zeros(1).RequiresGrad(),
	}
	opt := optim.NewSGD([]*tensor.Tensor{wide["fc.weight"], wide["fc.bias"]}, 0.05, optim.Momentum(0.9))
	_, err := Open("tiny", wide, opt, Dir(dir), Continue(), Quiet())
	for _, want := range []string{
		`the stored session "tiny"`, "does not fit this model",
		"fc.weight is float32 [3 2] in the session but float32 [4 2] in the model",
		"fc2.bias float32 [1] is in the model but not in the session",
		"train.Restart()",
	} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Fatalf("error %v\nlacks %q", err, want)
		}
	}
	if wide["fc.bias"].Float32s()[0] != 0 {
		t.Fatal("a failed Open changed the model")
	}
	if _, err := Load("tiny", tensors{"fc.weight": tensor.Zeros(3, 2)}, Dir(dir)); err == nil ||
		!strings.Contains(err.Error(), "fc.bias float32 [2] is in the session but not in the model") {
		t.Fatalf("Load into a model lacking fc.bias: %v", err)
	}

	m := newTinyModel(1)
	adam := optim.NewAdam(m.params(), 0.01)
	_, err = Open("tiny", m.named(), adam, Dir(dir), Continue(), Quiet())
	if err == nil || !strings.Contains(err.Error(), "cannot load SGD state into an Adam optimiser") {
		t.Fatalf("Adam continuing an SGD session: %v", err)
	}
	// Restart ignores the stored session altogether.
	if _, err := Open("tiny", m.named(), adam, Dir(dir), Restart(), Quiet()); err != nil {
		t.Fatal(err)
	}
}

// TestCorruptFile: a damaged file is reported with the way out, and Restart gets past it.
func TestCorruptFile(t *testing.T) {
	dir := t.TempDir()
	trainTiny(t, dir, 1, nil, Quiet())
	path := filepath.Join(dir, "tiny", fileName)
	data, _ := os.ReadFile(path)
	data[len(data)/2] ^= 0x40
	os.WriteFile(path, data, 0o644)
	m := newTinyModel(1)
	opt := optim.NewSGD(m.params(), 0.05)
	_, err := Open("tiny", m.named(), opt, Dir(dir), Quiet())
	if err == nil || !strings.Contains(err.Error(), "checksum mismatch") || !strings.Contains(err.Error(), "train.Restart()") || !errors.Is(err, ErrCorrupt) {
		t.Fatalf("corrupt file: %v", err)
	}
	if _, err := Open("tiny", m.named(), opt, Dir(dir), Quiet(), Restart()); err != nil {
		t.Fatalf("Restart over a corrupt file: %v", err)
	}
	os.WriteFile(path, data[:20], 0o644)
	if _, err := Load("tiny", m.named(), Dir(dir)); err == nil || !strings.Contains(err.Error(), "corrupt session file") {
		t.Fatalf("truncated file: %v", err)
	}
}

// TestStaleTempFilesRemoved: a temporary file left by a process killed in the middle of
// a save is cleaned up, and saving leaves no temporary file behind.
func TestStaleTempFilesRemoved(t *testing.T) {
	dir := t.TempDir()
	stale := filepath.Join(dir, "tiny", fileName+".tmp-12345")
	os.MkdirAll(filepath.Dir(stale), 0o755)
	os.WriteFile(stale, []byte("half a session"), 0o644)
	longAgo := time.Now().Add(-2 * time.Hour) // pid 12345 may run now: the age tells
	os.Chtimes(stale, longAgo, longAgo)
	trainTiny(t, dir, 1, nil, Quiet())
	entries, _ := os.ReadDir(filepath.Join(dir, "tiny"))
	if len(entries) != 2 || entries[0].Name() != fileName || entries[1].Name() != lockName {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Fatalf("session folder holds %v", names)
	}
}

func TestDefaultFolder(t *testing.T) {
	nb := t.TempDir()
	t.Setenv("GONB_DIR", nb)
	_, path := sessionPath(config{}, "ch07")
	if want := filepath.Join(nb, ".kosaku", "sessions", "ch07", fileName); path != want {
		t.Fatalf("path %s, want %s", path, want)
	}
	t.Setenv("GONB_DIR", "")
	cwd, _ := os.Getwd()
	if _, path := sessionPath(config{}, "ch07"); path != filepath.Join(cwd, ".kosaku", "sessions", "ch07", fileName) {
		t.Fatalf("path outside a notebook %s", path)
	}
}

func TestMisusePanics(t *testing.T) {
	m := newTinyModel(1)
	opt := optim.NewSGD(m.params(), 0.05)
	testkit.ExpectPanicContaining(t, `session name "../x" must be letters`, func() { Open("../x", m.named(), opt) })
	testkit.ExpectPanicContaining(t, "train.Open: the model is nil", func() { Open("x", nil, opt) })
	stray := optim.NewSGD([]*tensor.Tensor{tensor.Zeros(5).RequiresGrad()}, 0.1)
	testkit.ExpectPanicContaining(t, "optimiser parameter 0 (shape [5]) is not one of the model's tensors", func() { Open("x", m.named(), stray) })
	s, err := Open("x", m.named(), opt, Dir(t.TempDir()), Quiet())
	if err != nil {
		t.Fatal(err)
	}
	testkit.ExpectPanicContaining(t, "train.Session.Batches: use it inside a range over s.Epochs(n)", func() {
		for range s.Batches(tinyData()) {
		}
	})
	testkit.ExpectPanicContaining(t, "train.Session.Step: use it inside a range over s.Epochs(n)", func() { s.Step(tensor.New(float32(1))) })
	loaded, _ := trainTinyAndLoad(t)
	testkit.ExpectPanicContaining(t, "opened with Load and cannot train", func() {
		for range loaded.Epochs(1) {
		}
	})
}

func trainTinyAndLoad(t *testing.T) (*Session, error) {
	dir := t.TempDir()
	trainTiny(t, dir, 1, nil, Quiet())
	return Load("tiny", newTinyModel(1).named(), Dir(dir))
}

// TestResumeWithOtherLoaderPanics: finishing an interrupted epoch with a loader of
// another batch size would train on other examples; Batches refuses.
func TestResumeWithOtherLoaderPanics(t *testing.T) {
	dir := t.TempDir()
	m := newTinyModel(1)
	opt := optim.NewSGD(m.params(), 0.05)
	s, _ := Open("tiny", m.named(), opt, Dir(dir), Quiet())
epochs:
	for range s.Epochs(1) {
		n := 0
		for x, y := range s.Batches(tinyData()) {
			m.step(opt, s, x, y)
			if n++; n == 3 {
				break epochs
			}
		}
	}
	s2, err := Open("tiny", m.named(), opt, Dir(dir), Quiet(), Continue())
	if err != nil {
		t.Fatal(err)
	}
	other := tinyData()
	other.batchSize = 8
	testkit.ExpectPanicContaining(t, "stopped after batch 3 of 12 in epoch 1, but this loader has 6 batches per epoch", func() {
		for range s2.Epochs(1) {
			for range s2.Batches(other) {
			}
		}
	})
}

func TestHistoryJSONKeepsNaN(t *testing.T) {
	r := EpochRecord{Epoch: 1, Steps: 2, LossSum: Float(math.NaN()), Metrics: map[string]Float{"up": Float(math.Inf(1)), "x": 0.1}}
	data, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	var back EpochRecord
	if err := json.Unmarshal(data, &back); err != nil {
		t.Fatal(err)
	}
	if !math.IsNaN(back.Loss()) || !math.IsInf(float64(back.Metrics["up"]), 1) || back.Metrics["x"] != 0.1 {
		t.Fatalf("round trip of %s gave %+v", data, back)
	}
	if v := (History{{Examples: 4, Correct: 3}}).Accuracy(); v[0] != 0.75 {
		t.Fatalf("accuracy %v", v)
	}
}

// TestMetricsAndHook: Correct, Log and OnEpochEnd reach the history in epoch order, and
// CountCorrect counts argmax hits.
func TestMetricsAndHook(t *testing.T) {
	m := newTinyModel(1)
	opt := optim.NewSGD(m.params(), 0.05)
	var seen []int
	s, err := Open("metrics", m.named(), opt, Dir(t.TempDir()), Quiet(),
		OnEpochEnd(func(s *Session, r EpochRecord) { seen = append(seen, r.Epoch, s.Epoch()) }))
	if err != nil {
		t.Fatal(err)
	}
	for epoch := range s.Epochs(2) {
		for x, y := range s.Batches(tinyData()) {
			m.step(opt, s, x, y)
			s.Correct(1)
		}
		s.Log("valid_loss", float64(epoch)/10)
	}
	h := s.History()
	if fmt.Sprint(seen) != "[1 1 2 2]" {
		t.Errorf("OnEpochEnd saw (record epoch, session epoch) %v", seen)
	}
	if got := h.Metric("valid_loss"); got[0] != 0.1 || got[1] != 0.2 {
		t.Errorf("valid_loss history %v", got)
	}
	if got := h.Accuracy(); got[0] != 12.0/48 || got[1] != 12.0/48 {
		t.Errorf("accuracy history %v (12 correct of 48 per epoch)", got)
	}
	if got := h.Metric("absent"); !math.IsNaN(got[0]) {
		t.Errorf("missing metric gives %v, want NaN", got)
	}
	outputs := tensor.New([][]float32{{0.1, 0.9}, {0.8, 0.2}, {0.3, 0.7}})
	if n := CountCorrect(outputs, tensor.New([]int64{1, 1, 1})); n != 2 {
		t.Errorf("CountCorrect = %d, want 2", n)
	}
}

// markInterrupted rewrites a stored session as if its run had been interrupted.
func markInterrupted(t *testing.T, path string) {
	t.Helper()
	rec, tensors, _, err := readFile(path)
	if err != nil {
		t.Fatal(err)
	}
	rec.Finished = false
	var list []*tensor.Tensor
	for _, e := range rec.Tensors {
		list = append(list, tensors[e.Key])
	}
	data, err := encode(rec, list)
	if err != nil {
		t.Fatal(err)
	}
	if err := writeAtomic(path, func(w io.Writer) error { _, err := w.Write(data); return err }); err != nil {
		t.Fatal(err)
	}
}

// TestInterruptedRunNeedsItsSeed: an interrupted run resumes only with the seed it was
// started with; the refusal leaves the model untouched. Without a Seed option the
// stored seed is used.
func TestInterruptedRunNeedsItsSeed(t *testing.T) {
	dir := t.TempDir()
	trainTiny(t, dir, 1, nil, Quiet()) // seed 7
	markInterrupted(t, filepath.Join(dir, "tiny", fileName))
	m := newTinyModel(1)
	before := bits(m.w)
	opt := optim.NewSGD(m.params(), 0.05, optim.Momentum(0.9))
	_, err := Open("tiny", m.named(), opt, Dir(dir), Seed(8), Quiet())
	if err == nil || !strings.Contains(err.Error(), "was interrupted while training with seed 7, but this cell uses seed 8") {
		t.Fatalf("resuming with another seed: %v", err)
	}
	if !slices.Equal(before, bits(m.w)) {
		t.Fatal("the refused Open changed the model")
	}
	var out bytes.Buffer
	s, err := Open("tiny", m.named(), opt, Dir(dir), outputTo(&out))
	if err != nil || s.Seed() != 7 || !strings.Contains(out.String(), `resuming session "tiny" where it was interrupted: after epoch 1`) {
		t.Fatalf("resume without Seed: %v, seed %d, said %q", err, s.Seed(), out.String())
	}
	if slices.Equal(before, bits(m.w)) {
		t.Fatal("resuming did not load the stored parameters")
	}
}
