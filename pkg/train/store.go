package train

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
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

// encode lays out a session file in memory.
func encode(rec record, tensors []storedTensor) ([]byte, error) {
	rec.Tensors = rec.Tensors[:0]
	for _, st := range tensors {
		rec.Tensors = append(rec.Tensors, st.entry)
	}
	header, err := json.Marshal(rec)
	if err != nil {
		return nil, fmt.Errorf("train: encoding session header: %w", err)
	}
	var buf bytes.Buffer
	buf.WriteString(fileMagic)
	_ = binary.Write(&buf, binary.LittleEndian, uint32(len(header)))
	buf.Write(header)
	for _, st := range tensors {
		var err error
		switch st.entry.DType {
		case "float32":
			err = binary.Write(&buf, binary.LittleEndian, st.t.Float32s())
		case "float64":
			err = binary.Write(&buf, binary.LittleEndian, st.t.Float64s())
		case "int64":
			err = binary.Write(&buf, binary.LittleEndian, st.t.Int64s())
		case "int32":
			err = binary.Write(&buf, binary.LittleEndian, st.t.Int32s())
		default:
			err = fmt.Errorf("dtype %s cannot be stored", st.entry.DType)
		}
		if err != nil {
			return nil, fmt.Errorf("train: encoding tensor %s: %w", st.entry.Key, err)
		}
	}
	_ = binary.Write(&buf, binary.LittleEndian, crc32.ChecksumIEEE(buf.Bytes()))
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

// decode parses a session file, checking its checksum and every size.
func decode(data []byte) (record, map[string]*tensor.Tensor, error) {
	var rec record
	fail := func(format string, args ...any) (record, map[string]*tensor.Tensor, error) {
		return record{}, nil, fmt.Errorf("%w: %s", errCorrupt, fmt.Sprintf(format, args...))
	}
	if v, ok := fileFormat(data); ok && v > fileVersion {
		return record{}, nil, &newerFormatError{v}
	}
	if len(data) < len(fileMagic)+8 || string(data[:len(fileMagic)]) != fileMagic {
		return fail("it does not start with %q", strings.TrimSpace(fileMagic))
	}
	body, sum := data[:len(data)-4], binary.LittleEndian.Uint32(data[len(data)-4:])
	if crc32.ChecksumIEEE(body) != sum {
		return fail("checksum mismatch (the file was damaged after it was written)")
	}
	rest := body[len(fileMagic):]
	n := binary.LittleEndian.Uint32(rest)
	rest = rest[4:]
	if n > maxHeader || int(n) > len(rest) {
		return fail("header length %d exceeds the file", n)
	}
	if err := json.Unmarshal(rest[:n], &rec); err != nil {
		return fail("header: %v", err)
	}
	rest = rest[n:]
	tensors := make(map[string]*tensor.Tensor, len(rec.Tensors))
	for _, e := range rec.Tensors {
		size := elemSize(e.DType)
		if size == 0 {
			return fail("tensor %s has unknown dtype %q", e.Key, e.DType)
		}
		count := 1
		for _, d := range e.Shape {
			if d < 0 || (d > 0 && count > math.MaxInt32/d) {
				return fail("tensor %s has a bad shape %v", e.Key, e.Shape)
			}
			count *= d
		}
		if count*size > len(rest) {
			return fail("tensor %s needs %d bytes, %d left", e.Key, count*size, len(rest))
		}
		raw := rest[:count*size]
		rest = rest[count*size:]
		var t *tensor.Tensor
		switch e.DType {
		case "float32":
			v := make([]float32, count)
			_ = binary.Read(bytes.NewReader(raw), binary.LittleEndian, v)
			t = tensor.FromSlice(v, e.Shape...)
		case "float64":
			v := make([]float64, count)
			_ = binary.Read(bytes.NewReader(raw), binary.LittleEndian, v)
			t = tensor.FromSlice(v, e.Shape...)
		case "int64":
			v := make([]int64, count)
			_ = binary.Read(bytes.NewReader(raw), binary.LittleEndian, v)
			t = tensor.FromSlice(v, e.Shape...)
		case "int32":
			v := make([]int32, count)
			_ = binary.Read(bytes.NewReader(raw), binary.LittleEndian, v)
			t = tensor.FromSlice(v, e.Shape...)
		}
		if len(e.Shape) == 0 {
			t = t.Reshape() // FromSlice without a shape makes [1]; a scalar is 0-d
		}
		if _, dup := tensors[e.Key]; dup {
			return fail("tensor %s is stored twice", e.Key)
		}
		tensors[e.Key] = t
	}
	if len(rest) != 0 {
		return fail("%d unexpected bytes after the tensors", len(rest))
	}
	return rec, tensors, nil
}

// tempPrefix names the temporary files of a save; each carries its writer's pid and
// is locked while written (pkg/internal/atomicfile).
const tempPrefix = fileName + ".tmp-"

// writeAtomic replaces path with data so that a reader (or a crash, or GoNB's SIGKILL)
// sees either the old file or the new one, never a mixture: write a temporary file in
// the same folder, fsync it, rename it over path, fsync the folder.
func writeAtomic(path string, data []byte) error {
	dir := filepath.Dir(path)
	if err := makeSessionDir(dir); err != nil {
		return err
	}
	if err := atomicfile.WriteFile(path, data, tempPrefix); err != nil {
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
	data, err := os.ReadFile(path)
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
	rec, tensors, err = decode(data)
	var newer *newerFormatError
	if errors.As(err, &newer) {
		return record{}, nil, true, fmt.Errorf("train: session %s was %w", path, err)
	}
	if err != nil {
		return record{}, nil, true, fmt.Errorf("train: reading session %s: %w; delete it with train.Reset or start afresh with train.Restart()", path, err)
	}
	return rec, tensors, true, nil
}
