package train

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/kosaku-dl/kosaku/pkg/optim"
)

// TestSecondTrainerRefused: while one process (a kernel running the training cell)
// trains session "tiny", a second one — the same notebook open in another kernel —
// cannot open it to train, nor Reset it, and is told the first one's pid; the first
// run's saves are untouched and, once it exits, the session opens again.
func TestSecondTrainerRefused(t *testing.T) {
	dir := t.TempDir()
	c := startChild(t, childRun{dir: dir, epochs: 1000, delay: 5 * time.Millisecond})
	defer func() { c.cmd.Process.Kill(); c.cmd.Wait() }()
	for c.lines.Scan() && !strings.HasPrefix(c.lines.Text(), "batch 2 ") { // epoch 1 saved (SaveEvery(0))
	}
	rest := make(chan string, 1)
	epoch3 := make(chan struct{})
	go func() {
		var b strings.Builder
		closed := false
		for c.lines.Scan() {
			b.WriteString(c.lines.Text() + "\n")
			if !closed && strings.HasPrefix(c.lines.Text(), "batch 3 ") {
				close(epoch3) // epoch 2 saved, after our knocks below
				closed = true
			}
		}
		rest <- b.String()
	}()

	m := newTinyModel(1)
	opt := optim.NewSGD(m.params(), 0.05, optim.Momentum(0.9))
	_, err := Open("tiny", m.named(), opt, Dir(dir), Quiet())
	pid := strconv.Itoa(c.cmd.Process.Pid)
	var busy *BusyError
	if !errors.As(err, &busy) || busy.PID != c.cmd.Process.Pid || !strings.Contains(err.Error(), "process "+pid) ||
		!strings.Contains(err.Error(), "run this cell again") {
		t.Fatalf("Open while process %s trains: %v", pid, err)
	}
	t.Log(err)
	host, _ := os.Hostname()
	if !strings.Contains(err.Error(), " on "+host) {
		t.Fatalf("the message does not name the host %q: %v", host, err)
	}
	if err := Reset("tiny", Dir(dir)); err == nil || !strings.Contains(err.Error(), "process "+pid) {
		t.Fatalf("Reset while process %s trains: %v", pid, err)
	}
	// Reading a trained model is not training: Load still works.
	if _, err := Load("tiny", newTinyModel(1).named(), Dir(dir)); err != nil {
		t.Fatalf("Load while another process trains: %v", err)
	}
	// The child saves after every epoch; none of them may fail while we knock. Wait
	// for it to start epoch 3 (however slow a loaded machine makes it) before stopping it.
	select {
	case <-epoch3:
	case <-time.After(2 * time.Minute):
		t.Fatal("the child did not reach epoch 3 within two minutes")
	}
	c.interrupt(t)
	c.cmd.Wait()
	if entries, _ := filepath.Glob(filepath.Join(dir, "tiny", tempPrefix+"*")); len(entries) != 0 {
		t.Fatalf("temporary files left: %v", entries)
	}
	s, err := Open("tiny", m.named(), opt, Dir(dir), Quiet())
	if err != nil {
		t.Fatalf("Open after the other trainer exited: %v", err)
	}
	if s.Epoch() < 2 {
		t.Fatalf("the interrupted run was saved at epoch %d", s.Epoch())
	}
	if out := <-rest; strings.Contains(out, "could not save") || !strings.Contains(out, "session \"tiny\" saved") {
		t.Fatalf("the first trainer's output:\n%s", out)
	}
}
