package train

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/kosaku-dl/kosaku/pkg/internal/tensorcodec"
	"github.com/kosaku-dl/kosaku/pkg/nn"
	"github.com/kosaku-dl/kosaku/pkg/optim"
	"github.com/kosaku-dl/kosaku/pkg/tensor"
)

// Session is a training run that outlives the notebook cell (the process) running it.
// Open one in the training cell, range over Epochs and Batches, call Step after each
// optimiser step; Load the trained model in later cells. A Session is not safe for
// concurrent use.
type Session struct {
	name, path string
	names      []string         // model parameter names, sorted
	params     []*tensor.Tensor // the model's tensors, in names' order
	opt        optim.Optimizer
	cfg        config
	rec        record

	resuming bool // the stored run was interrupted and this session finishes it

	// Run state, valid inside a range over Epochs.
	epoch         int  // epoch being trained, 0 outside Epochs
	target        int  // last epoch of the run
	epochDone     bool // Batches went through the whole loader
	epochOpen     bool // between beginEpoch and the epoch's end
	inBatches     bool
	runStarted    time.Time
	epochStarted  time.Time
	epochSeconds  float64 // seconds of the current epoch spent by earlier runs
	lastSave      time.Time
	prog          *progress
	interrupted   atomic.Bool
	stopMu        sync.Mutex
	err           error
	lastBatchSize int
}

type config struct {
	seed      uint64
	seedSet   bool
	cont      bool
	restart   bool
	dir       string
	saveEvery time.Duration
	out       io.Writer
	quiet     bool
	grace     time.Duration
	onEpoch   func(*Session, EpochRecord)
	chart     bool
	exit      func(code int)
}

// Option configures Open, Load and Reset.
type Option func(*config)

// Seed sets the session's seed (default 0). Before each batch the session seeds the
// global generator (tensor.ManualSeed) from (seed, epoch, batch), so that dropout and
// any other randomness inside the model is the same in a resumed run as in an
// uninterrupted one. The seed of the data loader's shuffle is the loader's own.
func Seed(seed uint64) Option { return func(c *config) { c.seed, c.seedSet = seed, true } }

// Continue makes Open pick up the stored session — model parameters, optimiser state,
// counters and history — so that Epochs(n) trains n more epochs. Without it, Open
// starts from the model as given, replacing the stored session at the first save,
// unless the stored run was interrupted: that one is always finished first.
func Continue() Option { return func(c *config) { c.cont = true } }

// Restart makes Open ignore the stored session, even an interrupted one (or a corrupt
// file): training starts from the model as given.
func Restart() Option { return func(c *config) { c.restart = true } }

// Dir stores the session under dir/<name> instead of the default folder (see Path).
func Dir(dir string) Option { return func(c *config) { c.dir = dir } }

// SaveEvery sets how often a running session is saved at an epoch boundary besides the
// saves at the end of a run and on interrupt (default 30 s). Zero saves after every
// epoch.
func SaveEvery(d time.Duration) Option { return func(c *config) { c.saveEvery = d } }

// Quiet turns off the progress display and the session's messages.
func Quiet() Option { return func(c *config) { c.quiet = true } }

// LiveChart adds a chart of the loss per epoch (and of every metric logged under a name
// containing "loss", such as "valid_loss") under the progress lines in a notebook,
// redrawn in place at most once a second; the saved notebook keeps the final frame as
// an image. Outside a notebook it does nothing.
func LiveChart() Option { return func(c *config) { c.chart = true } }

// OnEpochEnd calls f after every finished epoch (after its record joined the history),
// for a live chart of s.History(), for example.
func OnEpochEnd(f func(s *Session, r EpochRecord)) Option {
	return func(c *config) { c.onEpoch = f }
}

var nameRE = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]*$`)

func newConfig(op, name string, options []Option) config {
	if !nameRE.MatchString(name) || strings.Contains(name, "..") {
		panic(fmt.Sprintf("%s: session name %q must be letters, digits, '.', '_' or '-' (it names a folder)", op, name))
	}
	c := config{saveEvery: 30 * time.Second, out: os.Stdout, grace: 3500 * time.Millisecond, exit: os.Exit}
	for _, o := range options {
		o(&c)
	}
	return c
}

// sessionPath returns the folder and the file of a session.
func sessionPath(c config, name string) (string, string) {
	base := c.dir
	if base == "" {
		root := os.Getenv("GONB_DIR")
		if root == "" {
			root, _ = os.Getwd()
		}
		base = filepath.Join(root, filepath.FromSlash(sessionsDir))
	}
	dir := filepath.Join(base, name)
	return dir, filepath.Join(dir, fileName)
}

// Open starts or resumes the training session called name for model and opt.
//
// model is the network to keep: its parameters, by their dotted names as
// nn.NamedParameters gives them, or — for a model that has a StateDict method — the
// tensors that method returns (a model built from plain tensors lists them that way).
// opt must optimise only tensors of model.
//
// The session lives in the folder $GONB_DIR/.kosaku/sessions/<name> — next to the
// notebook when run by GoNB — or ./.kosaku/sessions/<name> outside a notebook (Dir
// overrides). What Open does with a stored session:
//   - none stored, or Restart given: start from the model as given;
//   - the stored run was interrupted: resume it (model, optimiser, position in the
//     epoch, history), so that running the same cell again finishes the same run;
//   - Continue given: resume it, and Epochs(n) trains n epochs more;
//   - otherwise: start again from the model as given (re-running a training cell
//     retrains), replacing the stored session at the first save.
//
// Open locks the session for this process until it exits: if another process (another
// kernel) is training it, Open returns a *BusyError that names that process. It also
// checks that the session folder is writable, so that a run that could not be saved
// fails before training rather than after.
//
// Resuming checks that the stored session fits: the same parameter names, shapes and
// dtypes, the same optimiser algorithm. If it does not, Open returns an error that says
// what differs, and the model is left untouched.
func Open(name string, model nn.Module, opt optim.Optimizer, options ...Option) (*Session, error) {
	const op = "train.Open"
	if opt == nil {
		panic(op + ": the optimiser is nil (use train.Load to restore a model without training it)")
	}
	cfg := newConfig(op, name, options)
	s := newSession(op, name, model, opt, cfg)
	dir := filepath.Dir(s.path)
	if _, err := lockSession(name, dir); err != nil {
		return nil, err
	}
	removeStaleTemps(dir)
	if err := probeWritable(name, dir); err != nil {
		unlockSession(dir)
		return nil, err
	}
	rec, stored, found, err := readFile(s.path)
	if cfg.restart {
		s.say("train: session %q starts from the beginning (train.Restart)", name)
		return s, nil
	}
	if err != nil {
		return nil, err
	}
	switch {
	case !found:
		return s, nil
	case !rec.Finished:
		if cfg.seedSet && cfg.seed != rec.Seed {
			return nil, fmt.Errorf("train: session %q was interrupted while training with seed %d, but this cell uses seed %d; "+
				"resuming would mix the two — use the old seed to finish it, or train.Restart() to start over", name, rec.Seed, cfg.seed)
		}
		if err := s.restore(rec, stored); err != nil {
			return nil, err
		}
		s.resuming = true
		s.say("train: resuming session %q where it was interrupted: %s (train.Restart() starts over)", name, s.position())
	case cfg.cont:
		if err := s.restore(rec, stored); err != nil {
			return nil, err
		}
		if cfg.seedSet {
			s.rec.Seed = cfg.seed
		}
		if s.rec.Batch > 0 {
			s.say("train: continuing session %q from epoch %d, after batch %d of %d", name, s.rec.Epoch+1, s.rec.Batch, s.rec.LoaderBatches)
		} else {
			s.say("train: continuing session %q after epoch %d", name, s.rec.Epoch)
		}
	default:
		// Re-running a training cell retrains, silently: a message here would make the
		// first and the second run of a notebook print different outputs.
	}
	return s, nil
}

// Load restores the model parameters of the stored session called name into model, for
// evaluating, plotting or printing the trained model in a later cell. The returned
// session gives the history and counters; it cannot train (it has no optimiser).
// It returns an error if there is no stored session or it does not fit the model.
func Load(name string, model nn.Module, options ...Option) (*Session, error) {
	const op = "train.Load"
	cfg := newConfig(op, name, options)
	s := newSession(op, name, model, nil, cfg)
	rec, stored, found, err := readFile(s.path)
	if err != nil {
		return nil, err
	}
	if !found {
		return nil, fmt.Errorf("train: no stored session %q (looked for %s); run the cell that trains it first", name, s.path)
	}
	if err := s.restore(rec, stored); err != nil {
		return nil, err
	}
	return s, nil
}

// Reset deletes the stored session called name, so that the next Open starts afresh.
// Deleting a session that does not exist is not an error.
func Reset(name string, options ...Option) error {
	cfg := newConfig("train.Reset", name, options)
	dir, path := sessionPath(cfg, name)
	if _, err := os.Stat(dir); os.IsNotExist(err) {
		return nil
	}
	// Deleting a session another process is training would only be undone by its next
	// save: refuse, naming that process.
	if _, err := lockSession(name, dir); err != nil {
		return err
	}
	removeStaleTemps(dir)
	if err := os.Remove(path); err != nil && !os.IsNotExist(err) {
		return fmt.Errorf("train: deleting session %q: %w (delete %s by hand)", name, err, path)
	}
	// The lock file goes too (removed while locked, so that nobody takes a lock on a
	// file about to vanish); a session of this process opened before saves unlocked.
	os.Remove(filepath.Join(dir, lockName))
	unlockSession(dir)
	os.Remove(dir) // only succeeds when empty: the folder holds nothing else of ours
	return nil
}

func newSession(op, name string, model nn.Module, opt optim.Optimizer, cfg config) *Session {
	names, params := namedTensors(op, model)
	if opt != nil {
		known := make(map[*tensor.Tensor]bool, len(params))
		for _, p := range params {
			known[p] = true
		}
		for i, p := range opt.Params() {
			if !known[p] {
				panic(fmt.Sprintf("%s: optimiser parameter %d (shape %v) is not one of the model's tensors, so the session could not save it; build the optimiser from the model's parameters", op, i, []int(p.Shape())))
			}
		}
	}
	_, path := sessionPath(cfg, name)
	s := &Session{name: name, path: path, names: names, params: params, opt: opt, cfg: cfg}
	s.rec = record{Name: name, Seed: cfg.seed, Finished: true}
	return s
}

// stateDicter is a model that lists its own tensors.
type stateDicter interface {
	StateDict() map[string]*tensor.Tensor
}

// namedTensors lists a model's tensors by name, sorted by name.
func namedTensors(op string, model nn.Module) ([]string, []*tensor.Tensor) {
	var m map[string]*tensor.Tensor
	switch v := model.(type) {
	case nil:
		panic(op + ": the model is nil")
	case stateDicter:
		m = v.StateDict()
	default:
		m = nn.StateDict(v)
	}
	if len(m) == 0 {
		panic(fmt.Sprintf("%s: the model has no tensors to keep", op))
	}
	names := make([]string, 0, len(m))
	for n := range m {
		names = append(names, n)
	}
	sort.Strings(names)
	params := make([]*tensor.Tensor, len(names))
	seen := make(map[*tensor.Tensor]string, len(names))
	for i, n := range names {
		p := m[n]
		if p == nil {
			panic(fmt.Sprintf("%s: model tensor %q is nil", op, n))
		}
		if other, dup := seen[p]; dup {
			panic(fmt.Sprintf("%s: model tensors %q and %q are the same tensor", op, other, n))
		}
		if _, ok := tensorcodec.Name(p.DType()); !ok {
			panic(fmt.Sprintf("%s: model tensor %q has dtype %v, which a session cannot store", op, n, p.DType()))
		}
		seen[p] = n
		params[i] = p
	}
	return names, params
}

// restore checks that a stored session fits the model and optimiser, then loads it.
// Nothing changes unless everything fits.
func (s *Session) restore(rec record, stored map[string]*tensor.Tensor) error {
	var problems []string
	inModel := make(map[string]bool, len(s.names))
	for i, n := range s.names {
		inModel[n] = true
		p := s.params[i]
		t, ok := stored["model/"+n]
		switch {
		case !ok:
			problems = append(problems, fmt.Sprintf("%s %s %v is in the model but not in the session", n, dtypeName(p.DType()), []int(p.Shape())))
		case !slices.Equal(t.Shape(), p.Shape()) || t.DType() != p.DType():
			problems = append(problems, fmt.Sprintf("%s is %s %v in the session but %s %v in the model", n, dtypeName(t.DType()), []int(t.Shape()), dtypeName(p.DType()), []int(p.Shape())))
		}
	}
	for _, e := range rec.Tensors {
		if n, ok := strings.CutPrefix(e.Key, "model/"); ok && !inModel[n] {
			problems = append(problems, fmt.Sprintf("%s %s %v is in the session but not in the model", n, e.DType, e.Shape))
		}
	}
	if len(problems) > 0 {
		return fmt.Errorf("train: the stored session %q (%s) does not fit this model: %s. "+
			"Rebuild the model the session was trained with, or pass train.Restart() to train this one from the start",
			s.name, s.path, strings.Join(problems, "; "))
	}
	if s.opt != nil {
		st, err := s.optimState(rec, stored)
		if err == nil {
			// LoadState changes nothing when it fails, so the model stays untouched too.
			err = s.opt.LoadState(st)
		}
		if err != nil {
			return fmt.Errorf("train: the optimiser of the stored session %q (%s) does not fit: %w. "+
				"Use the optimiser the session was trained with, or pass train.Restart() to start over", s.name, s.path, err)
		}
	}
	for i, n := range s.names {
		s.params[i].CopyFrom(stored["model/"+n])
	}
	s.rec = rec
	return nil
}

// optimState rebuilds the optimiser state stored in a session.
func (s *Session) optimState(rec record, stored map[string]*tensor.Tensor) (optim.State, error) {
	st := optim.State{Optimizer: rec.Optimizer, Hyper: rec.OptimHyper, Params: make([]optim.ParamState, len(rec.OptimSteps))}
	for i := range st.Params {
		st.Params[i] = optim.ParamState{Step: rec.OptimSteps[i], Buffers: map[string]*tensor.Tensor{}}
	}
	for key, t := range stored {
		rest, ok := strings.CutPrefix(key, "optim/")
		if !ok {
			continue
		}
		idx, buf, _ := strings.Cut(rest, "/")
		i, err := strconv.Atoi(idx)
		if err != nil || i < 0 || i >= len(st.Params) || buf == "" {
			return optim.State{}, fmt.Errorf("optimiser tensor %q belongs to no parameter", key)
		}
		st.Params[i].Buffers[buf] = t
	}
	return st, nil
}

// Save writes the session now (atomically). Epochs saves by itself: at the end of a
// run, on interrupt, and every SaveEvery at an epoch boundary.
func (s *Session) Save() error {
	if s.opt == nil {
		return fmt.Errorf("train: session %q was opened with Load and has no optimiser to save; use Open", s.name)
	}
	rec := s.rec
	rec.Tensors = rec.Tensors[:0:0]
	var tensors []*tensor.Tensor
	keep := func(key string, t *tensor.Tensor) {
		e, _ := tensorcodec.EntryOf(key, t)
		rec.Tensors = append(rec.Tensors, e)
		tensors = append(tensors, t)
	}
	for i, n := range s.names {
		keep("model/"+n, s.params[i])
	}
	st := s.opt.State()
	rec.Optimizer, rec.OptimHyper, rec.OptimSteps = st.Optimizer, st.Hyper, make([]int64, len(st.Params))
	for i, ps := range st.Params {
		rec.OptimSteps[i] = ps.Step
		bufs := make([]string, 0, len(ps.Buffers))
		for b := range ps.Buffers {
			bufs = append(bufs, b)
		}
		sort.Strings(bufs)
		for _, b := range bufs {
			keep(fmt.Sprintf("optim/%d/%s", i, b), ps.Buffers[b])
		}
	}
	if s.epochOpen {
		rec.Current.Seconds = s.epochSeconds + time.Since(s.epochStarted).Seconds()
	}
	if err := writeAtomic(s.path, func(w io.Writer) error { return tensorcodec.WriteSession(w, &rec, tensors) }); err != nil {
		return err
	}
	s.lastSave = time.Now()
	return nil
}

// Name returns the session's name.
func (s *Session) Name() string { return s.name }

// Path returns the file the session is stored in.
func (s *Session) Path() string { return s.path }

// Epoch returns the number of finished epochs.
func (s *Session) Epoch() int { return s.rec.Epoch }

// Steps returns the number of training steps (calls of Step) over the whole session.
func (s *Session) Steps() int64 { return s.rec.Steps }

// Position returns where training stands: finished epochs, and batches done of the
// next epoch (non-zero after an interrupt).
func (s *Session) Position() (epoch, batch int) { return s.rec.Epoch, s.rec.Batch }

// Seed returns the session's seed.
func (s *Session) Seed() uint64 { return s.rec.Seed }

// History returns a copy of the finished epochs' records.
func (s *Session) History() History {
	h := make(History, len(s.rec.History))
	copy(h, s.rec.History)
	return h
}

// Err returns the first error met while saving during Epochs (also printed when it
// happened), or nil.
func (s *Session) Err() error { return s.err }

func (s *Session) position() string {
	if s.rec.Batch > 0 {
		return fmt.Sprintf("epoch %d, after batch %d of %d", s.rec.Epoch+1, s.rec.Batch, s.rec.LoaderBatches)
	}
	return fmt.Sprintf("after epoch %d", s.rec.Epoch)
}

func (s *Session) say(format string, args ...any) {
	if !s.cfg.quiet {
		fmt.Fprintf(s.cfg.out, format+"\n", args...)
	}
}
