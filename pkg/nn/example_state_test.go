package nn_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/kosaku-dl/kosaku/pkg/nn"
)

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
