package nn

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"syscall"

	"github.com/kosaku-dl/kosaku/pkg/internal/atomicfile"
	"github.com/kosaku-dl/kosaku/pkg/tensor"
)

// StateDict returns m's parameters by their dotted names (PyTorch's
// model.state_dict()). The tensors are the module's own, not copies: use it to
// inspect a model, or hand it to code that saves tensors (pkg/train).
func StateDict(m Module) map[string]*tensor.Tensor {
	sd := make(map[string]*tensor.Tensor)
	for name, p := range namedParameters("nn.StateDict", m) {
		sd[name] = p
	}
	return sd
}

// LoadStateDict copies the tensors of sd into m's parameters of the same names
// (PyTorch's load_state_dict with strict=True). It checks everything first and
// changes nothing unless sd has exactly m's parameter names, each with the model's
// shape and dtype; otherwise the error lists every difference.
func LoadStateDict(m Module, sd map[string]*tensor.Tensor) error {
	names, params := namedList("nn.LoadStateDict", m)
	if problems := mismatches(names, params, sd); len(problems) > 0 {
		return fmt.Errorf("nn.LoadStateDict: the state dict does not fit the %s model: %s", typeName(m), strings.Join(problems, "; "))
	}
	copyIn(names, params, sd)
	return nil
}

// Save writes m's parameters to the file at path (see SaveStateDict for the format
// and the atomic write). Load reads them back into a model of the same structure,
// for instance in a later notebook cell.
func Save(m Module, path string) error {
	names, params := namedList("nn.Save", m)
	if err := writeFileAtomic(path, encodeStateDict(names, params)); err != nil {
		return fmt.Errorf("nn.Save: %w", err)
	}
	return nil
}

// Load reads the parameters saved at path by Save into m. It changes nothing and
// returns an error if the file cannot be read, is not a Kosaku state dict, is damaged,
// or does not fit m: a parameter missing from the file or unknown to m, or one whose
// shape or dtype differs (the error names the parameter and both shapes).
func Load(m Module, path string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("nn.Load: %w (%s)", err, readHint(path, err))
	}
	stored, err := DecodeStateDict(data)
	if err != nil {
		return fmt.Errorf("nn.Load: %s: %w", path, err)
	}
	names, params := namedList("nn.Load", m)
	sd := make(map[string]*tensor.Tensor, len(stored))
	for _, e := range stored {
		sd[e.Name] = e.Tensor
	}
	if problems := mismatches(names, params, sd); len(problems) > 0 {
		return fmt.Errorf("nn.Load: %s does not fit the %s model: %s", path, typeName(m), strings.Join(problems, "; "))
	}
	copyIn(names, params, sd)
	return nil
}

// SaveStateDict writes the tensors of sd to path, sorted by name, in the Kosaku
// state-dict format (see DecodeStateDict). The write is atomic: the data goes to a
// temporary file in the same folder, is flushed to disk, and then renamed over path,
// so an interrupted save leaves either the old file or the new one, never a torn one.
func SaveStateDict(sd map[string]*tensor.Tensor, path string) error {
	names := make([]string, 0, len(sd))
	for n := range sd {
		names = append(names, n)
	}
	sort.Strings(names)
	ts := make([]*tensor.Tensor, len(names))
	for i, n := range names {
		if sd[n] == nil {
			panic(fmt.Sprintf("nn.SaveStateDict: tensor %q is nil", n))
		}
		ts[i] = sd[n]
	}
	if err := writeFileAtomic(path, encodeStateDict(names, ts)); err != nil {
		return fmt.Errorf("nn.SaveStateDict: %w", err)
	}
	return nil
}

// ReadStateDict reads a file written by Save or SaveStateDict into new tensors.
func ReadStateDict(path string) (map[string]*tensor.Tensor, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("nn.ReadStateDict: %w (%s)", err, readHint(path, err))
	}
	stored, err := DecodeStateDict(data)
	if err != nil {
		return nil, fmt.Errorf("nn.ReadStateDict: %s: %w", path, err)
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

func namedList(op string, m Module) ([]string, []*tensor.Tensor) {
	var names []string
	var params []*tensor.Tensor
	for n, p := range namedParameters(op, m) {
		names = append(names, n)
		params = append(params, p)
	}
	return names, params
}

// mismatches lists, in the model's order, what keeps sd from loading into the
// parameters (names[i], params[i]).
func mismatches(names []string, params []*tensor.Tensor, sd map[string]*tensor.Tensor) []string {
	var problems []string
	known := make(map[string]bool, len(names))
	for i, n := range names {
		known[n] = true
		p := params[i]
		t, ok := sd[n]
		switch {
		case !ok || t == nil:
			problems = append(problems, fmt.Sprintf("parameter %s %v is missing", n, []int(p.Shape())))
		case !slices.Equal(t.Shape(), p.Shape()):
			problems = append(problems, fmt.Sprintf("parameter %s has shape %v in the model but %v in the state dict", n, []int(p.Shape()), []int(t.Shape())))
		case t.DType() != p.DType():
			problems = append(problems, fmt.Sprintf("parameter %s is %v in the model but %v in the state dict", n, p.DType(), t.DType()))
		}
	}
	var extra []string
	for n := range sd {
		if !known[n] {
			extra = append(extra, n)
		}
	}
	sort.Strings(extra)
	for _, n := range extra {
		problems = append(problems, fmt.Sprintf("unexpected parameter %s %v (not in the model)", n, []int(sd[n].Shape())))
	}
	return problems
}

func copyIn(names []string, params []*tensor.Tensor, sd map[string]*tensor.Tensor) {
	for i, n := range names {
		params[i].CopyFrom(sd[n])
	}
}

// writeFileAtomic replaces path with data atomically (pkg/internal/atomicfile): a
// temporary file next to the target, synced and renamed over it, so that a killed save
// leaves the old file or the new one. Temporary files of saves killed earlier are
// removed (those of a save still running in another process are left alone); a symlink
// stays a symlink (its target is replaced); the file keeps its mode, 0644 less the
// umask when new.
func writeFileAtomic(path string, data []byte) error {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	if err := atomicfile.WriteFile(path, data, "."+base+".tmp-"); err != nil {
		if errors.Is(err, fs.ErrNotExist) || errors.Is(err, fs.ErrPermission) || errors.Is(err, syscall.ENOTDIR) {
			return fmt.Errorf("%w (check that the folder %s exists and is writable)", err, dir)
		}
		if errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EDQUOT) {
			return fmt.Errorf("%w (the disk is full: free some space and save again)", err)
		}
		return err
	}
	return nil
}

// errFormat is wrapped by every error about a file's contents.
var errFormat = errors.New("not a valid Kosaku state dict")
