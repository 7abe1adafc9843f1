package train

import (
	"fmt"
	"os"
	"os/signal"
	"time"

	"github.com/kosaku-dl/kosaku/pkg/internal/nbdisplay"
)

// exitInterrupted is the exit status after an interrupt: 128 + SIGINT, as a shell
// reports a program stopped by Control-C. GoNB then shows the cell as failed, so a
// "Run All" does not go on to evaluate a half-trained model.
const exitInterrupted = 130

// catchInterrupt turns SIGINT into a request to stop at the next batch boundary, for as
// long as a run lasts; the returned function restores the default (SIGINT kills).
func (s *Session) catchInterrupt() (stop func()) {
	s.interrupted.Store(false)
	ch := make(chan os.Signal, 1)
	done := make(chan struct{})
	signal.Notify(ch, os.Interrupt)
	go func() {
		select {
		case <-ch:
			s.interrupted.Store(true)
			// GoNB kills the cell 5 s after the interrupt. If the current batch takes too
			// long, leave on our own terms: the stored session keeps its last save.
			select {
			case <-time.After(s.cfg.grace):
				s.giveUp()
			case <-done:
			}
		case <-done:
		}
	}()
	return func() {
		signal.Stop(ch)
		close(done)
	}
}

// checkInterrupt saves and exits if an interrupt arrived. Called between batches, where
// the model, the optimiser and the loader position agree with each other.
func (s *Session) checkInterrupt() {
	if !s.interrupted.Load() {
		return
	}
	s.stopMu.Lock() // held until exit: giveUp must not exit in the middle of the save
	err := s.Save()
	s.prog.interrupted()
	where := fmt.Sprintf("after epoch %d", s.rec.Epoch)
	if s.epochOpen {
		where = fmt.Sprintf("in epoch %d after batch %d of %d", s.epoch, s.rec.Batch, s.rec.LoaderBatches)
	}
	if err != nil {
		fmt.Fprintf(s.cfg.out, "train: interrupted %s, but saving failed: %v\n", where, err)
	} else {
		fmt.Fprintf(s.cfg.out, "train: interrupted %s (step %d); session %q saved. "+
			"Run the cell again to continue from there, or use train.Restart() to start over.\n",
			where, s.rec.Steps, s.name)
	}
	nbdisplay.Sync()
	s.cfg.exit(exitInterrupted)
}

// giveUp exits when the batch in progress did not finish within the grace period.
func (s *Session) giveUp() {
	s.stopMu.Lock()
	fmt.Fprintf(s.cfg.out, "train: interrupted, but the batch in progress did not finish within %v; "+
		"exiting without saving — session %q keeps its last saved state (%s).\n", s.cfg.grace, s.name, s.savedPosition())
	nbdisplay.Sync()
	s.cfg.exit(exitInterrupted)
}

// savedPosition describes the stored state on disk, which is what the next run sees.
func (s *Session) savedPosition() string {
	rec, _, found, err := readFile(s.path)
	switch {
	case err != nil:
		return "unreadable: " + err.Error()
	case !found:
		return "nothing saved yet; the next run starts from the beginning"
	case rec.Batch > 0:
		return fmt.Sprintf("epoch %d, after batch %d", rec.Epoch+1, rec.Batch)
	}
	return fmt.Sprintf("after epoch %d", rec.Epoch)
}
