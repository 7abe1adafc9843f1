package nn

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/kosaku-dl/kosaku/pkg/internal/tensorcodec"
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
	tensors := make([]tensorcodec.Named, len(names))
	for i, n := range names {
		tensors[i] = tensorcodec.Named{Name: n, Tensor: params[i]}
	}
	if err := writeStateFile(path, tensors); err != nil {
		return fmt.Errorf("nn.Save: %w", err)
	}
	return nil
}

// Load reads the parameters saved at path by Save into m. It changes nothing and
// returns an error if the file cannot be read, is not a Kosaku state dict or is
// damaged (the error matches ErrCorrupt), was written by a newer Kosaku (ErrNewerFormat),
// or does not fit m: a parameter missing from the file or unknown to m, or one whose
// shape or dtype differs (the error names the parameter and both shapes).
func Load(m Module, path string) error {
	sd, err := readStateFile("nn.Load", path)
	if err != nil {
		return err
	}
	names, params := namedList("nn.Load", m)
	if problems := mismatches(names, params, sd); len(problems) > 0 {
		return fmt.Errorf("nn.Load: %s does not fit the %s model: %s", path, typeName(m), strings.Join(problems, "; "))
	}
	copyIn(names, params, sd)
	return nil
}

// SaveStateDict writes the tensors of sd to path, sorted by name, in the Kosaku
// state-dict format: every dtype, each tensor's name, shape and elements, and a
// checksum. The write is atomic: the data streams to a temporary file in the same
// folder, is flushed to disk, and then renamed over path, so an interrupted save leaves
// either the old file or the new one, never a torn one.
func SaveStateDict(sd map[string]*tensor.Tensor, path string) error {
	names := make([]string, 0, len(sd))
	for n := range sd {
		names = append(names, n)
	}
	sort.Strings(names)
	tensors := make([]tensorcodec.Named, len(names))
	for i, n := range names {
		if sd[n] == nil {
			panic(fmt.Sprintf("nn.SaveStateDict: tensor %q is nil", n))
		}
		tensors[i] = tensorcodec.Named{Name: n, Tensor: sd[n]}
	}
	if err := writeStateFile(path, tensors); err != nil {
		return fmt.Errorf("nn.SaveStateDict: %w", err)
	}
	return nil
}

// ReadStateDict reads a file written by Save or SaveStateDict into new tensors. Its
// errors match ErrCorrupt and ErrNewerFormat as Load's do.
func ReadStateDict(path string) (map[string]*tensor.Tensor, error) {
	return readStateFile("nn.ReadStateDict", path)
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
