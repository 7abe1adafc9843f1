package train

import (
	"fmt"
	"iter"
	"time"

	"github.com/kosaku-dl/kosaku/pkg/tensor"
)

// Epochs ranges over the epochs of one run, numbered from 1 over the whole session:
// epochs 1..n on a fresh session; with Continue, the n epochs after the last finished
// one — an epoch left half done (the reader broke out of the loop) counts as the first
// of them and its Batches start where it stopped. If the stored run was interrupted,
// Epochs(n) finishes that run instead: the epochs it still lacks up to its own start
// plus n, beginning with the unfinished one.
//
// After each epoch the session records it in the history; it saves at the end of the
// run, every SaveEvery, and when interrupted. If the save at the end of the run fails,
// Epochs panics after the loop (the cell fails) with the reason; a failed save during
// the run is printed and training goes on. While Epochs runs, SIGINT (GoNB's
// interrupt button) no longer kills the program at once: the current batch finishes,
// the session is saved, a line says where training stopped, and the program exits
// with status 130 — within GoNB's 5-second grace period. If a batch does not finish
// within 3.5 s the program exits without saving, keeping the last saved state.
func (s *Session) Epochs(n int) iter.Seq[int] {
	return func(yield func(int) bool) {
		const op = "train.Session.Epochs"
		if s.opt == nil {
			panic(op + ": this session was opened with Load and cannot train; use Open")
		}
		if s.epoch != 0 {
			panic(op + ": already inside a range over Epochs")
		}
		if n < 0 {
			panic(fmt.Sprintf("%s: negative number of epochs %d", op, n))
		}
		if !s.resuming {
			s.rec.RunStart = s.rec.Epoch
		}
		s.resuming = false
		s.target = s.rec.RunStart + n
		s.rec.RunEpochs = n
		s.rec.Finished = false
		s.runStarted = time.Now()
		s.lastSave = time.Now()
		stop := s.catchInterrupt()
		defer stop()
		s.prog = newProgress(s)
		for e := s.rec.Epoch + 1; e <= s.target; e++ {
			s.beginEpoch(e)
			more := yield(e)
			if more || s.epochDone {
				s.finishEpoch()
			} else {
				// The reader broke out in the middle of the epoch: keep the position, so
				// that Continue picks the epoch up where it was left.
				s.rec.Current.Seconds = s.epochSeconds + time.Since(s.epochStarted).Seconds()
				s.epochOpen = false
			}
			s.checkInterrupt()
			s.epoch = 0
			if !more {
				break
			}
		}
		s.rec.Finished = true
		err := s.Save()
		s.prog.finish()
		if err != nil {
			if s.err == nil {
				s.err = err
			}
			// Failing the cell keeps "Run All" from going on to cells that would load a
			// session that is not there (or an older one).
			panic(fmt.Sprintf("%s: the run finished but session %q could not be saved, so later cells cannot load it: %v", op, s.name, err))
		}
	}
}

func (s *Session) beginEpoch(e int) {
	s.epoch = e
	s.epochDone = false
	s.epochStarted = time.Now()
	if s.rec.Batch == 0 {
		s.rec.Current = EpochRecord{Epoch: e}
	}
	s.epochSeconds = s.rec.Current.Seconds
	s.epochOpen = true
	s.prog.update(true)
}

func (s *Session) finishEpoch() {
	cur := s.rec.Current
	cur.Epoch = s.epoch
	cur.Seconds = s.epochSeconds + time.Since(s.epochStarted).Seconds()
	s.rec.History = append(s.rec.History, cur)
	s.rec.Epoch = s.epoch
	s.rec.Batch = 0
	s.rec.Current = EpochRecord{}
	s.epochOpen = false
	s.prog.endEpoch(cur)
	if s.cfg.onEpoch != nil {
		s.cfg.onEpoch(s, cur)
	}
	if s.epoch < s.target && time.Since(s.lastSave) >= s.cfg.saveEvery {
		s.saveOrReport()
	}
}

func (s *Session) saveOrReport() {
	if err := s.Save(); err != nil {
		if s.err == nil {
			s.err = err
		}
		fmt.Fprintf(s.cfg.out, "train: could not save session %q: %v\n", s.name, err)
	}
}

// Batches ranges over the current epoch's batches of loader, as (inputs, labels). It
// must be used inside a range over Epochs. After an interrupt it starts at the first
// batch the stopped run had not done. Before each batch it seeds the global generator
// from (seed, epoch, batch); after each batch it counts the examples, updates the
// progress line and, if the reader pressed interrupt, saves and exits.
func (s *Session) Batches(loader Loader) iter.Seq2[*tensor.Tensor, *tensor.Tensor] {
	return func(yield func(*tensor.Tensor, *tensor.Tensor) bool) {
		const op = "train.Session.Batches"
		if s.epoch == 0 {
			panic(op + ": use it inside a range over s.Epochs(n)")
		}
		if s.inBatches {
			panic(op + ": already inside a range over Batches")
		}
		n := loader.Len()
		start := s.rec.Batch
		if start > 0 {
			if n != s.rec.LoaderBatches {
				panic(fmt.Sprintf("%s: session %q stopped after batch %d of %d in epoch %d, but this loader has %d batches per epoch; "+
					"use the loader it was trained with (same data and batch size), or train.Restart()", op, s.name, start, s.rec.LoaderBatches, s.epoch, n))
			}
			if sl, ok := loader.(Seeded); ok && s.rec.LoaderSeed != nil && sl.Seed() != *s.rec.LoaderSeed {
				panic(fmt.Sprintf("%s: session %q stopped in the middle of epoch %d with a loader seeded %d, but this loader's seed is %d; "+
					"use the old seed to finish the epoch, or train.Restart()", op, s.name, s.epoch, *s.rec.LoaderSeed, sl.Seed()))
			}
		}
		s.rec.LoaderBatches = n
		if sl, ok := loader.(Seeded); ok {
			seed := sl.Seed()
			s.rec.LoaderSeed = &seed
		}
		s.inBatches = true
		defer func() { s.inBatches = false }()
		b := start
		for x, y := range loader.EpochBatches(s.epoch, start) {
			tensor.ManualSeed(batchSeed(s.rec.Seed, s.epoch, b))
			more := yield(x, y)
			b++
			s.rec.Batch = b
			s.rec.Current.Batches++
			if x != nil && x.Dim() > 0 {
				s.lastBatchSize = x.Len()
				s.rec.Current.Examples += s.lastBatchSize
			}
			s.checkInterrupt()
			s.prog.update(false)
			if !more {
				return
			}
		}
		s.epochDone = true
	}
}

// Step records that one training step is done, with its loss (a scalar tensor, as
// criterion returns it): the loss joins the epoch's mean and the progress line.
func (s *Session) Step(loss *tensor.Tensor) {
	if s.epoch == 0 {
		panic("train.Session.Step: use it inside a range over s.Epochs(n)")
	}
	if loss.Numel() != 1 {
		panic(fmt.Sprintf("train.Session.Step: the loss must have one element, got shape %v", []int(loss.Shape())))
	}
	s.rec.Current.LossSum += Float(loss.Item())
	s.rec.Current.Steps++
	s.rec.Steps++
}

// Correct adds n correctly predicted examples to the epoch's count, from which the
// history computes the training accuracy (Correct / Examples).
func (s *Session) Correct(n int) {
	if s.epoch == 0 {
		panic("train.Session.Correct: use it inside a range over s.Epochs(n)")
	}
	s.rec.Current.Correct += n
}

// Log records a value for the current epoch under name ("valid_loss", "valid_accuracy",
// ...); History().Metric(name) returns them per epoch.
func (s *Session) Log(name string, v float64) {
	if s.epoch == 0 {
		panic("train.Session.Log: use it inside a range over s.Epochs(n)")
	}
	if s.rec.Current.Metrics == nil {
		s.rec.Current.Metrics = map[string]Float{}
	}
	s.rec.Current.Metrics[name] = Float(v)
}

// CountCorrect returns how many rows of outputs [N, C] have their largest score at the
// class given by labels [N] (int64 class indices): chapter 7's
// (predicted == labels).sum().item().
func CountCorrect(outputs, labels *tensor.Tensor) int {
	if outputs.Dim() != 2 || labels.Dim() != 1 || outputs.Len() != labels.Len() {
		panic(fmt.Sprintf("train.CountCorrect: outputs %v and labels %v must be [N, C] and [N]", []int(outputs.Shape()), []int(labels.Shape())))
	}
	return int(outputs.ArgMax(1).Eq(labels).Sum().Item())
}
