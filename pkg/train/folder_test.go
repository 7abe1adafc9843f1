package train

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kosaku-dl/kosaku/pkg/internal/testkit"
	"github.com/kosaku-dl/kosaku/pkg/optim"
)

// TestReadOnlyFolderFailsAtOpen: a training cell whose session folder cannot be written
// (a read-only lessons folder) fails in Open, before training, saying what to do — not
// after the whole run. It runs the cell in a child process; as root (which writes
// anywhere) the child runs as user nobody.
func TestReadOnlyFolderFailsAtOpen(t *testing.T) {
	cmd, base := testkit.UnprivilegedChild(t, "-test.run=^$")
	lessons := filepath.Join(base, "lessons")
	// Cleanups run last first: the folder is writable again before it is removed.
	t.Cleanup(func() { os.Chmod(filepath.Join(lessons, "tiny"), 0o755) })
	for _, sub := range []string{"", "tiny"} { // a session trained before, now read-only
		os.Mkdir(filepath.Join(lessons, sub), 0o755)
	}
	os.WriteFile(filepath.Join(lessons, "tiny", lockName), nil, 0o666)
	os.Chmod(filepath.Join(lessons, "tiny", lockName), 0o666)
	os.Chmod(filepath.Join(lessons, "tiny"), 0o555)

	cmd.Env = append(os.Environ(), "KOSAKU_TRAIN_CHILD=1", "KOSAKU_TRAIN_DIR="+lessons, "KOSAKU_TRAIN_EPOCHS=1", "GONB_PIPE=")
	out, _ := cmd.CombinedOutput()
	text := string(out)
	if cmd.ProcessState == nil || cmd.ProcessState.ExitCode() != 3 || strings.Contains(text, "batch 1") ||
		!strings.Contains(text, "cannot be saved in "+filepath.Join(lessons, "tiny")) ||
		!strings.Contains(text, "permission denied") || !strings.Contains(text, "train.Dir(") {
		t.Fatalf("training cell in a read-only folder (exit %v):\n%s", cmd.ProcessState, text)
	}
}

// TestFailedFinalSaveFailsTheCell: when the save at the end of a run fails (here the
// session folder is replaced by a file during training), Epochs panics with the reason
// instead of printing a line and letting the cell succeed.
func TestFailedFinalSaveFailsTheCell(t *testing.T) {
	dir := t.TempDir()
	m := newTinyModel(1)
	opt := optim.NewSGD(m.params(), 0.05, optim.Momentum(0.9))
	var out bytes.Buffer
	s, err := Open("tiny", m.named(), opt, Dir(dir), Seed(7), outputTo(&out))
	if err != nil {
		t.Fatal(err)
	}
	folder := filepath.Join(dir, "tiny")
	loader := tinyData()
	msg := func() (msg any) {
		defer func() { msg = recover() }()
		for range s.Epochs(2) {
			for x, y := range s.Batches(loader) {
				m.step(opt, s, x, y)
			}
			os.RemoveAll(folder)
			os.WriteFile(folder, []byte("not a folder"), 0o644)
		}
		return nil
	}()
	text, _ := msg.(string)
	if !strings.Contains(text, "train.Session.Epochs: the run finished but session \"tiny\" could not be saved") ||
		!strings.Contains(text, folder) || s.Err() == nil {
		t.Fatalf("final save into a folder that became a file: panic %v, Err %v", msg, s.Err())
	}
}

// TestDirIsAFile: train.Dir given a file's path says that it is a file and what to do,
// for training (Open), loading (Load) and a save whose folder became a file.
func TestDirIsAFile(t *testing.T) {
	file := filepath.Join(t.TempDir(), "notes.txt")
	os.WriteFile(file, []byte("not a folder"), 0o644)
	m := newTinyModel(1)
	opt := optim.NewSGD(m.params(), 0.05, optim.Momentum(0.9))
	want := "train: " + file + " is a file, not a folder, so it cannot hold the session folder " +
		filepath.Join(file, "tiny") + "; pass a folder to train.Dir"
	_, errOpen := Open("tiny", m.named(), opt, Dir(file), Quiet())
	_, errLoad := Load("tiny", m.named(), Dir(file))
	for what, err := range map[string]error{"Open": errOpen, "Load": errLoad} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s with train.Dir(a file): %v", what, err)
		}
	}
}
