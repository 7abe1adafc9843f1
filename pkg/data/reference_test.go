package data

import (
	"slices"
	"testing"

	"github.com/kosaku-dl/kosaku/pkg/internal/testkit"
)

// reference is testdata/reference.json, written by testdata/reference.py from
// torchvision and scikit-learn.
type reference struct {
	ToTensor struct {
		Shape  []int     `json:"shape"`
		DType  string    `json:"dtype"`
		Values []float64 `json:"values"`
	} `json:"to_tensor"`
	Normalize []struct {
		Mean   float64   `json:"mean"`
		Std    float64   `json:"std"`
		Values []float64 `json:"values"`
	} `json:"normalize"`
	NormalizeRGB struct {
		Input  []float64 `json:"input"`
		Mean   []float64 `json:"mean"`
		Std    []float64 `json:"std"`
		Values []float64 `json:"values"`
	} `json:"normalize_rgb"`
	Permutations []struct {
		Seed uint32 `json:"seed"`
		N    int    `json:"n"`
		Perm []int  `json:"perm"`
	} `json:"permutations"`
	TrainTestSplit []struct {
		Kwargs struct {
			RandomState *uint32  `json:"random_state"`
			TestSize    *float64 `json:"test_size"`
			Shuffle     *bool    `json:"shuffle"`
		} `json:"kwargs"`
		N     int   `json:"n"`
		Train []int `json:"train"`
		Test  []int `json:"test"`
	} `json:"train_test_split"`
}

func loadReference(t *testing.T) *reference {
	t.Helper()
	r := testkit.LoadJSON[reference](t, "testdata/reference.json", "/usr/bin/python3 testdata/reference.py")
	return &r
}

func TestMT19937MatchesNumpy(t *testing.T) {
	ref := loadReference(t)
	if len(ref.Permutations) != 25 {
		t.Fatalf("reference holds %d permutations, want 25", len(ref.Permutations))
	}
	for _, p := range ref.Permutations {
		if got := newMT19937(p.Seed).permutation(p.N); !slices.Equal(got, p.Perm) {
			t.Errorf("RandomState(%d).permutation(%d) = %v, numpy gives %v", p.Seed, p.N, got, p.Perm)
		}
	}
}
