package nn_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/kosaku-dl/kosaku/pkg/nn"
	"github.com/kosaku-dl/kosaku/pkg/tensor"
)

// newIrisNet is chapter 2's network (IrisNet, example_print_test.go) with hidden units.
func newIrisNet(hidden int) *IrisNet {
	return &IrisNet{fc1: nn.NewLinear(4, hidden), fc2: nn.NewLinear(hidden, 1)}
}

func TestSaveLoadRoundTrip(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "iris.kosaku")
	tensor.ManualSeed(1)
	a := newIrisNet(5)
	if err := nn.Save(a, path); err != nil {
		t.Fatal(err)
	}
	b := newIrisNet(5) // different random values
	if slices.Equal(a.fc1.Weight.Float32s(), b.fc1.Weight.Float32s()) {
		t.Fatal("two new nets should differ")
	}
	if err := nn.Load(b, path); err != nil {
		t.Fatal(err)
	}
	for name, p := range nn.NamedParameters(a) {
		if !slices.Equal(p.Float32s(), nn.StateDict(b)[name].Float32s()) {
			t.Fatalf("%s differs after Load", name)
		}
	}
	if !b.fc1.Weight.IsParameter() || !b.fc1.Weight.NeedsGrad() {
		t.Fatal("Load must keep the model's parameters (it copies values into them)")
	}
	// Only the file itself is left: the temporary file was renamed.
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Fatalf("folder holds %d entries after Save, want 1", len(entries))
	}
}

func TestLoadRefusesMismatch(t *testing.T) {
	path := filepath.Join(t.TempDir(), "iris.kosaku")
	if err := nn.Save(newIrisNet(5), path); err != nil {
		t.Fatal(err)
	}
	b := newIrisNet(6)
	before := append([]float32(nil), b.fc1.Weight.Float32s()...)
	err := nn.Load(b, path)
	if err == nil {
		t.Fatal("loading a 5-hidden net into a 6-hidden one must fail")
	}
	for _, want := range []string{
		"parameter fc1.weight has shape [6 4] in the model but [5 4] in the state dict",
		"parameter fc1.bias has shape [6] in the model but [5] in the state dict",
		"parameter fc2.weight has shape [1 6] in the model but [1 5] in the state dict",
		path,
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not say %q", err, want)
		}
	}
	if !slices.Equal(before, b.fc1.Weight.Float32s()) {
		t.Fatal("a failed Load must not change the model")
	}

	renamed := &renamedNet{A: nn.NewLinear(4, 5), Fc2: nn.NewLinear(5, 1)}
	err = nn.Load(renamed, path)
	if err == nil || !strings.Contains(err.Error(), "parameter a.weight [5 4] is missing") ||
		!strings.Contains(err.Error(), "unexpected parameter fc1.weight [5 4] (not in the model)") {
		t.Fatalf("error %v", err)
	}
}

type renamedNet struct{ A, Fc2 *nn.Linear }

func (r *renamedNet) Forward(x *tensor.Tensor) *tensor.Tensor { return x }

func TestLoadErrors(t *testing.T) {
	dir := t.TempDir()
	err := nn.Load(newIrisNet(5), filepath.Join(dir, "missing.kosaku"))
	if err == nil || !errors.Is(err, os.ErrNotExist) || !strings.Contains(err.Error(), "nn.Save") {
		t.Fatalf("missing file: %v", err)
	}
	err = nn.Load(newIrisNet(5), dir)
	if want := "nn.Load: read " + dir + ": is a directory (" + dir + " is a folder: give the path of the file nn.Save wrote)"; err == nil || err.Error() != want {
		t.Fatalf("a folder:\n got: %v\nwant: %s", err, want)
	}
	path := filepath.Join(dir, "model.kosaku")
	if err := nn.Save(newIrisNet(5), path); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(path)
	os.WriteFile(path, data[:len(data)-10], 0o644)
	if err := nn.Load(newIrisNet(5), path); err == nil || !strings.Contains(err.Error(), "checksum mismatch") || !errors.Is(err, nn.ErrCorrupt) {
		t.Fatalf("truncated file: %v", err)
	}
	os.WriteFile(path, []byte("PK\x03\x04 a zip, not a state dict"), 0o644)
	if err := nn.Load(newIrisNet(5), path); err == nil || !strings.Contains(err.Error(), "not a valid Kosaku state dict") || !errors.Is(err, nn.ErrCorrupt) {
		t.Fatalf("foreign file: %v", err)
	}
	if err := nn.Save(newIrisNet(5), filepath.Join(dir, "no", "such", "folder", "m.kosaku")); err == nil {
		t.Fatal("saving into a missing folder must fail")
	}
}

func TestStateDictAllDTypes(t *testing.T) {
	sd := map[string]*tensor.Tensor{
		"f32":    tensor.FromSlice([]float32{1.5, -2}, 2),
		"f64":    tensor.FromSlice([]float64{3.25}, 1, 1),
		"i64":    tensor.FromSlice([]int64{-7, 1 << 40}, 2),
		"i32":    tensor.FromSlice([]int32{5, 6, 7}, 3),
		"bool":   tensor.FromSlice([]bool{true, false}, 2),
		"scalar": tensor.New(float32(4)),
		"empty":  tensor.Zeros(0, 3),
	}
	path := filepath.Join(t.TempDir(), "sd.kosaku")
	if err := nn.SaveStateDict(sd, path); err != nil {
		t.Fatal(err)
	}
	got, err := nn.ReadStateDict(path)
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range sd {
		g := got[name]
		if g == nil || g.DType() != want.DType() || !slices.Equal(g.Shape(), want.Shape()) ||
			!slices.Equal(g.ToFloat64s(), want.ToFloat64s()) {
			t.Fatalf("%s: got %v, want %v", name, g, want)
		}
	}
}

func TestLoadStateDictInMemory(t *testing.T) {
	a, b := newIrisNet(5), newIrisNet(5)
	if err := nn.LoadStateDict(b, nn.StateDict(a)); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(a.fc2.Weight.Float32s(), b.fc2.Weight.Float32s()) {
		t.Fatal("LoadStateDict did not copy")
	}
	sd := nn.StateDict(a)
	sd["fc2.bias"] = tensor.Zeros(1).Double()
	if err := nn.LoadStateDict(b, sd); err == nil || !strings.Contains(err.Error(), "parameter fc2.bias is torch.float32 in the model but torch.float64 in the state dict") {
		t.Fatalf("dtype mismatch: %v", err)
	}
}

// A damaged file is told apart from one written by a newer Kosaku with errors.Is: the
// first wants saving again, the second an update.
func ExampleLoad_damaged() {
	dir, _ := os.MkdirTemp("", "kosaku")
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "model.kosaku")
	net := nn.NewLinear(4, 1)
	if err := nn.Save(net, path); err != nil {
		fmt.Println(err)
	}
	data, _ := os.ReadFile(path)
	os.WriteFile(path, data[:len(data)/2], 0o644) // a copy cut short

	err := nn.Load(net, path)
	fmt.Println(errors.Is(err, nn.ErrCorrupt), errors.Is(err, nn.ErrNewerFormat))
	fmt.Println(strings.ReplaceAll(err.Error(), path, "model.kosaku"))
	// Output:
	// true false
	// nn.Load: model.kosaku: not a valid Kosaku state dict: checksum mismatch, the file is truncated or damaged
}
