// Command ch9_bce is chapter 9's workload: Linear(8,10)-sigmoid-
// Linear(10,1)-sigmoid on the 40 x 8 features of data.json (made by
// make_data.py through the chapter's fixed conv/pool stack), BCELoss, SGD
// lr 0.03, 10,000 full-batch steps (timed); accuracy = share of the 40
// samples on the right side of 0.5. Same as bench_torch.py next to it.
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"

	"github.com/kosaku-dl/kosaku/bench/internal/benchkit"
	"github.com/kosaku-dl/kosaku/pkg/nn"
	"github.com/kosaku-dl/kosaku/pkg/optim"
	"github.com/kosaku-dl/kosaku/pkg/tensor"
)

// dataPath finds data.json next to this source file, or in the working
// directory's bench/ch9_bce.
func dataPath() string {
	if _, file, _, ok := runtime.Caller(0); ok {
		p := filepath.Join(filepath.Dir(file), "data.json")
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	return filepath.Join("bench", "ch9_bce", "data.json")
}

func main() {
	raw, err := os.ReadFile(dataPath())
	if err != nil {
		benchkit.Fail(fmt.Errorf("ch9_bce: %w (run from the repository root, or regenerate with /usr/bin/python3 bench/ch9_bce/make_data.py)", err))
	}
	var d struct {
		Features [][]float32 `json:"features"`
		Labels   []float32   `json:"labels"`
	}
	if err := json.Unmarshal(raw, &d); err != nil {
		benchkit.Fail(fmt.Errorf("ch9_bce: data.json: %w", err))
	}
	inputs := tensor.New(d.Features)
	labels := tensor.New(d.Labels)

	tensor.ManualSeed(0)
	net := benchkit.NewMLP(8, 10, 1, benchkit.Sigmoid).WithSigmoidOut()
	criterion := nn.NewBCELoss()
	optimizer := optim.NewSGD(nn.Parameters(net), 0.03)
	loss, elapsed := benchkit.Steps(10000, optimizer, func() *tensor.Tensor {
		return criterion.Forward(net.Forward(inputs).Squeeze(), labels)
	})

	var correct int
	tensor.NoGrad(func() {
		pred := net.Forward(inputs).Squeeze().GeScalar(0.5).Float()
		correct = int(pred.Eq(labels).Sum().Item())
	})
	benchkit.Report("ch9_bce", elapsed, float64(correct)/float64(labels.Len()),
		map[string]any{"final_loss": loss.Item(), "correct": correct})
}
