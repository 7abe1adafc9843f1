package train

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path/filepath"
	"syscall"

	"github.com/kosaku-dl/kosaku/pkg/internal/atomicfile"
	"github.com/kosaku-dl/kosaku/pkg/internal/tensorcodec"
	"github.com/kosaku-dl/kosaku/pkg/nn"
	"github.com/kosaku-dl/kosaku/pkg/tensor"
)

// A session is stored as one file, "KOSAKU-SESSION 1\n", a JSON header (the record
// below) and the tensors it lists, then a checksum, so that replacing it is a single
// atomic rename. pkg/internal/tensorcodec lays it out and streams it through a small
// buffer (nn.Save's state dicts share its tensor codec).
const (
	fileName    = "session.kosaku"
	sessionsDir = ".kosaku/sessions"
)

// ErrCorrupt is matched (errors.Is) by the error of Open or Load for a stored session
// that cannot be read back: truncated, damaged, or not a session. Reset deletes it;
// Restart trains over it. It is the same value as nn.ErrCorrupt.
var ErrCorrupt = nn.ErrCorrupt

// ErrNewerFormat is matched by the error for a session written by a newer Kosaku: not
// damage — update Kosaku, or Restart. It is the same value as nn.ErrNewerFormat.
var ErrNewerFormat = nn.ErrNewerFormat

// record is everything a session stores besides the tensor data. Tensors names each
// stored tensor: "model/<name>" for a model parameter, "optim/<index>/<buffer>" for an
// optimiser buffer.
type record struct {
	Name string `json:"name"`
	Seed uint64 `json:"seed"`
	// Epoch counts completed epochs; Batch counts the batches done of epoch Epoch+1
	// (non-zero only when a run stopped in the middle of an epoch); Steps counts all
	// training batches ever done.
	Epoch int   `json:"epoch"`
	Batch int   `json:"batch"`
	Steps int64 `json:"steps"`
	// RunStart and RunEpochs describe the last run (one range over Epochs): it began
	// after epoch RunStart and asked for RunEpochs epochs. Finished is false when it was
	// interrupted, so that running the same cell again finishes it.
	RunStart  int  `json:"run_start"`
	RunEpochs int  `json:"run_epochs"`
	Finished  bool `json:"finished"`
	// LoaderBatches is the number of batches per epoch of the training loader and
	// LoaderSeed its seed (when it has one), checked when a run resumes mid-epoch.
	LoaderBatches int     `json:"loader_batches"`
	LoaderSeed    *uint64 `json:"loader_seed,omitempty"`
	// Current accumulates the epoch in progress; History holds the finished epochs.
	Current EpochRecord   `json:"current"`
	History []EpochRecord `json:"history"`
	// Optimizer and OptimHyper describe the optimiser; OptimSteps holds its
	// per-parameter step counts.
	Optimizer  string              `json:"optimizer,omitempty"`
	OptimHyper map[string]float64  `json:"optim_hyper,omitempty"`
	OptimSteps []int64             `json:"optim_steps,omitempty"`
	Tensors    []tensorcodec.Entry `json:"tensors"`
}

// Entries lists the stored tensors (tensorcodec.Header).
func (r *record) Entries() []tensorcodec.Entry { return r.Tensors }

// dtypeName is the name a session gives a dtype ("float32").
func dtypeName(d tensor.DType) string {
	name, _ := tensorcodec.Name(d)
	return name
}

// tempPrefix names the temporary files of a save; each carries its writer's pid and
// is locked while written (pkg/internal/atomicfile).
const tempPrefix = fileName + ".tmp-"

// writeAtomic replaces path with what write produces so that a reader (or a crash, or
// GoNB's SIGKILL) sees either the old file or the new one, never a mixture: write a
// temporary file in the same folder, fsync it, rename it over path, fsync the folder.
func writeAtomic(path string, write func(io.Writer) error) error {
	dir := filepath.Dir(path)
	if err := makeSessionDir(dir); err != nil {
		return err
	}
	if err := atomicfile.WriteWith(path, tempPrefix, write); err != nil {
		hint := "is the disk full?"
		if errors.Is(err, fs.ErrPermission) {
			hint = writableHint(dir)
		}
		return fmt.Errorf("train: saving the session to %s: %w (%s)", path, err, hint)
	}
	return nil
}

// removeStaleTemps deletes temporary files left by a process killed mid-save, and only
// those: a save in progress in another process keeps its file.
func removeStaleTemps(dir string) { atomicfile.RemoveStale(dir, tempPrefix) }

// readFile loads a stored session; found is false when there is none.
func readFile(path string) (rec record, tensors map[string]*tensor.Tensor, found bool, err error) {
	// A folder at path opens, and reads as a damaged session.
	f, size, err := atomicfile.Open(path, false)
	if err == nil {
		defer f.Close()
	}
	if errors.Is(err, fs.ErrNotExist) {
		return record{}, nil, false, nil
	}
	if errors.Is(err, syscall.ENOTDIR) {
		if ferr := fileInTheWay(filepath.Dir(path)); ferr != nil {
			return record{}, nil, false, ferr
		}
	}
	if err != nil {
		return record{}, nil, false, fmt.Errorf("train: reading session %s: %w", path, err)
	}
	tensors, err = tensorcodec.ReadSession(f, size, &rec)
	if errors.Is(err, ErrNewerFormat) {
		return record{}, nil, true, fmt.Errorf("train: session %s was %w: update Kosaku or start over with train.Restart()", path, err)
	}
	if err != nil {
		return record{}, nil, true, fmt.Errorf("train: reading session %s: %w; delete it with train.Reset or start afresh with train.Restart()", path, err)
	}
	return rec, tensors, true, nil
}
