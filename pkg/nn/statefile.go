package nn

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path/filepath"
	"syscall"

	"github.com/kosaku-dl/kosaku/pkg/internal/atomicfile"
	"github.com/kosaku-dl/kosaku/pkg/internal/tensorcodec"
	"github.com/kosaku-dl/kosaku/pkg/tensor"
)

// A state-dict file ("KOSAKUSD", version 1) holds named tensors of any dtype with a
// CRC-32 at the end; pkg/internal/tensorcodec lays it out and reads it back (pkg/train's
// sessions share its tensor codec).

// ErrCorrupt is matched (errors.Is) by the error of Load or ReadStateDict for a file
// that is not a whole Kosaku state dict: another kind of file, a truncated or damaged
// one. Saving the model again is the way out. It is the same value as train.ErrCorrupt.
var ErrCorrupt = tensorcodec.ErrCorrupt

// ErrNewerFormat is matched by the error for a state dict written by a newer Kosaku
// in a format this one cannot read: keep the file and update Kosaku. It is the same value
// as train.ErrNewerFormat.
var ErrNewerFormat = tensorcodec.ErrNewerFormat

// NamedTensor is one entry of a decoded state dict.
type NamedTensor struct {
	Name   string
	Tensor *tensor.Tensor
}

// DecodeStateDict parses the bytes of a state-dict file into tensors, in file order.
// It never panics: anything malformed gives an error matching ErrCorrupt, a file of a
// newer format one matching ErrNewerFormat.
func DecodeStateDict(data []byte) ([]NamedTensor, error) {
	stored, err := readStateDict(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, err
	}
	out := make([]NamedTensor, len(stored))
	for i, e := range stored {
		out[i] = NamedTensor(e)
	}
	return out, nil
}

// readStateDict reads a state dict of size bytes, telling the reader of a newer file
// what to do.
func readStateDict(r io.Reader, size int64) ([]tensorcodec.Named, error) {
	stored, err := tensorcodec.ReadStateDict(r, size)
	if errors.Is(err, ErrNewerFormat) {
		return nil, fmt.Errorf("%w: update Kosaku, or save the model again with this one", err)
	}
	return stored, err
}

// readStateFile reads the state dict at path into a map by name; op names the caller
// in errors.
func readStateFile(op, path string) (map[string]*tensor.Tensor, error) {
	f, size, err := atomicfile.Open(path, true)
	if err != nil {
		return nil, fmt.Errorf("%s: %w (%s)", op, err, readHint(path, err))
	}
	defer f.Close()
	stored, err := readStateDict(f, size)
	if err != nil {
		return nil, fmt.Errorf("%s: %s: %w", op, path, err)
	}
	sd := make(map[string]*tensor.Tensor, len(stored))
	for _, e := range stored {
		sd[e.Name] = e.Tensor
	}
	return sd, nil
}

// readHint says what to do about a state-dict file that cannot be read.
func readHint(path string, err error) string {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "save the model first with nn.Save, or check the path"
	case errors.Is(err, fs.ErrPermission):
		return fmt.Sprintf("you may not read it: make %s readable (chmod a+r), or load a copy you can read", path)
	case errors.Is(err, syscall.EISDIR):
		return fmt.Sprintf("%s is a folder: give the path of the file nn.Save wrote", path)
	}
	return "check that the file " + path + " can be read"
}

// writeStateFile replaces path with a state dict of tensors, streamed through
// pkg/internal/atomicfile: a temporary file next to the target, synced and renamed over
// it, so that a killed save leaves the old file or the new one. Temporary files of saves
// killed earlier are removed (those of a save still running in another process are left
// alone); a symlink stays a symlink (its target is replaced); the file keeps its mode,
// 0644 less the umask when new.
func writeStateFile(path string, tensors []tensorcodec.Named) error {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	err := atomicfile.WriteWith(path, "."+base+".tmp-", func(w io.Writer) error {
		return tensorcodec.WriteStateDict(w, tensors)
	})
	switch {
	case err == nil:
		return nil
	case errors.Is(err, fs.ErrNotExist) || errors.Is(err, fs.ErrPermission) || errors.Is(err, syscall.ENOTDIR):
		return fmt.Errorf("%w (check that the folder %s exists and is writable)", err, dir)
	case errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EDQUOT):
		return fmt.Errorf("%w (the disk is full: free some space and save again)", err)
	}
	return err
}
