package train

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"syscall"

	"github.com/kosaku-dl/kosaku/pkg/internal/atomicfile"
	"github.com/kosaku-dl/kosaku/pkg/tensor"
)

// A session is stored as one file, so that replacing it is a single atomic rename:
//
//	"KOSAKU-SESSION 1\n" (the format version; a larger one is reported as written by a
//	newer Kosaku, not as damage)
//	header length (uint32, little endian) and the header as JSON (a record)
//	each tensor of header.Tensors in order, its elements little endian
//	CRC-32 (IEEE) of everything above (uint32, little endian)
//
// The JSON header keeps the counters and history readable with any text tool.
const (
	fileVersion = 1
	magicPrefix = "KOSAKU-SESSION "
	fileMagic   = "KOSAKU-SESSION 1\n"
	fileName    = "session.kosaku"
	maxHeader   = 64 << 20
	sessionsDir = ".kosaku/sessions"
)

// tensorEntry describes one stored tensor: "model/<name>" for a model parameter,
// "optim/<index>/<buffer>" for an optimiser buffer.
type tensorEntry struct {
	Key   string `json:"key"`
	DType string `json:"dtype"`
	Shape []int  `json:"shape"`
}

// record is everything a session stores besides the tensor data.
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
	Optimizer  string             `json:"optimizer,omitempty"`
	OptimHyper map[string]float64 `json:"optim_hyper,omitempty"`
	OptimSteps []int64            `json:"optim_steps,omitempty"`
	Tensors    []tensorEntry      `json:"tensors"`
}

// storedTensor pairs an entry with its data.
type storedTensor struct {
	entry tensorEntry
	t     *tensor.Tensor
}

var dtypeNames = map[tensor.DType]string{
	tensor.Float32: "float32", tensor.Float64: "float64", tensor.Int64: "int64", tensor.Int32: "int32",
}

func elemSize(dtype string) int {
	switch dtype {
	case "float32", "int32":
		return 4
	case "float64", "int64":
		return 8
	}
	return 0
}

// encode lays out a session file in memory (tests; Save streams with encodeTo).
func encode(rec record, tensors []storedTensor) ([]byte, error) {
	var buf bytes.Buffer
	if err := encodeTo(&buf, rec, tensors); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// errCorrupt marks a session file that cannot be read back.
var errCorrupt = errors.New("corrupt session file")

// newerFormatError is a session file of a format this Kosaku does not know yet: not
// damage, so the user is told to update rather than to delete it.
type newerFormatError struct{ version int }

func (e *newerFormatError) Error() string {
	return fmt.Sprintf("written by a newer Kosaku (format %d); this one reads up to %d: "+
		"update Kosaku or start over with train.Restart()", e.version, fileVersion)
}

// fileFormat reads the format version from the first line, "KOSAKU-SESSION <n>\n";
// ok is false when the data does not start that way.
func fileFormat(data []byte) (version int, ok bool) {
	line, _, found := bytes.Cut(data[:min(len(data), 64)], []byte("\n"))
	rest, isSession := bytes.CutPrefix(line, []byte(magicPrefix))
	if !found || !isSession {
		return 0, false
	}
	v, err := strconv.Atoi(string(rest))
	return v, err == nil && v > 0
}

// decode parses a session file held in memory (readFile streams with decodeFrom).
func decode(data []byte) (record, map[string]*tensor.Tensor, error) {
	return decodeFrom(bytes.NewReader(data), int64(len(data)))
}

// tempPrefix names the temporary files of a save; each carries its writer's pid and
// is locked while written (pkg/internal/atomicfile).
const tempPrefix = fileName + ".tmp-"

// writeAtomic replaces path with data so that a reader (or a crash, or GoNB's SIGKILL)
// sees either the old file or the new one, never a mixture: write a temporary file in
// the same folder, fsync it, rename it over path, fsync the folder.
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
	f, err := os.Open(path)
	var size int64
	if err == nil {
		defer f.Close()
		var fi fs.FileInfo
		if fi, err = f.Stat(); err == nil {
			size = fi.Size()
		}
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
	rec, tensors, err = decodeFrom(f, size)
	var newer *newerFormatError
	if errors.As(err, &newer) {
		return record{}, nil, true, fmt.Errorf("train: session %s was %w", path, err)
	}
	if err != nil {
		return record{}, nil, true, fmt.Errorf("train: reading session %s: %w; delete it with train.Reset or start afresh with train.Restart()", path, err)
	}
	return rec, tensors, true, nil
}
