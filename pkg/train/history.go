package train

import (
	"encoding/json"
	"math"
	"strconv"
)

// EpochRecord is what a session remembers of one epoch.
type EpochRecord struct {
	// Epoch is the epoch's number, counting from 1 over the whole session.
	Epoch int `json:"epoch"`
	// Batches and Examples count what Batches yielded; Steps counts the losses given
	// to Step.
	Batches  int `json:"batches"`
	Examples int `json:"examples"`
	Steps    int `json:"steps"`
	// LossSum is the sum of the losses given to Step: chapter 10's total_loss.
	LossSum Float `json:"loss_sum"`
	// Correct sums the counts given to Correct.
	Correct int `json:"correct"`
	// Metrics holds the values given to Log during the epoch (validation loss and
	// accuracy, for example), the last value per name.
	Metrics map[string]Float `json:"metrics,omitempty"`
	// Seconds is the time spent in the epoch, over all the runs that trained it.
	Seconds float64 `json:"seconds"`
}

// Loss is the mean of the epoch's batch losses (NaN if Step was never called).
func (r EpochRecord) Loss() float64 {
	if r.Steps == 0 {
		return math.NaN()
	}
	return float64(r.LossSum) / float64(r.Steps)
}

// Accuracy is Correct / Examples (NaN if no examples were counted).
func (r EpochRecord) Accuracy() float64 {
	if r.Examples == 0 {
		return math.NaN()
	}
	return float64(r.Correct) / float64(r.Examples)
}

// Metric returns the value logged under name in this epoch, and whether there was one.
func (r EpochRecord) Metric(name string) (float64, bool) {
	v, ok := r.Metrics[name]
	return float64(v), ok
}

// History is the list of finished epochs, oldest first.
type History []EpochRecord

// Loss returns each epoch's mean batch loss, ready to plot.
func (h History) Loss() []float64 {
	out := make([]float64, len(h))
	for i, r := range h {
		out[i] = r.Loss()
	}
	return out
}

// Accuracy returns each epoch's training accuracy (Correct / Examples).
func (h History) Accuracy() []float64 {
	out := make([]float64, len(h))
	for i, r := range h {
		out[i] = r.Accuracy()
	}
	return out
}

// Metric returns each epoch's value of a logged metric (NaN where it was not logged).
func (h History) Metric(name string) []float64 {
	out := make([]float64, len(h))
	for i, r := range h {
		v, ok := r.Metric(name)
		if !ok {
			v = math.NaN()
		}
		out[i] = v
	}
	return out
}

// Float is a float64 whose JSON form also carries NaN and ±Inf (as the strings "NaN",
// "+Inf", "-Inf"), so that a diverged loss can still be saved.
type Float float64

// MarshalJSON writes finite values as numbers (exactly: shortest round-trip form).
func (f Float) MarshalJSON() ([]byte, error) {
	v := float64(f)
	switch {
	case math.IsNaN(v):
		return []byte(`"NaN"`), nil
	case math.IsInf(v, 1):
		return []byte(`"+Inf"`), nil
	case math.IsInf(v, -1):
		return []byte(`"-Inf"`), nil
	}
	return strconv.AppendFloat(nil, v, 'g', -1, 64), nil
}

// UnmarshalJSON reads what MarshalJSON writes.
func (f *Float) UnmarshalJSON(b []byte) error {
	var s string
	if json.Unmarshal(b, &s) == nil {
		v, err := strconv.ParseFloat(s, 64)
		*f = Float(v)
		return err
	}
	var v float64
	err := json.Unmarshal(b, &v)
	*f = Float(v)
	return err
}
