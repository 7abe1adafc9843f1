package tensor

import (
	"slices"
	"testing"

	"github.com/kosaku-dl/kosaku/pkg/internal/testkit"
)

// The generator of Uniform_ and Normal_ is optional: none and nil both mean the
// global generator (the lessons write nil), and a given one is used instead.
func TestRandomFillGeneratorIsOptional(t *testing.T) {
	draw := func(f func(x *Tensor) *Tensor) []float32 {
		ManualSeed(3)
		return f(Empty(5)).Float32s()
	}
	none := draw(func(x *Tensor) *Tensor { return x.Uniform_(-1, 1) })
	withNil := draw(func(x *Tensor) *Tensor { return x.Uniform_(-1, 1, nil) })
	global := draw(func(x *Tensor) *Tensor { return x.Uniform_(-1, 1, DefaultGenerator()) })
	own := draw(func(x *Tensor) *Tensor { return x.Uniform_(-1, 1, NewGenerator(4)) })
	if !slices.Equal(none, withNil) || !slices.Equal(none, global) {
		t.Errorf("Uniform_ without a generator %v, with nil %v, with DefaultGenerator %v: want the same draws", none, withNil, global)
	}
	if slices.Equal(none, own) {
		t.Errorf("Uniform_ with its own generator drew the global generator's values %v", own)
	}
	if a, b := draw(func(x *Tensor) *Tensor { return x.Normal_(0, 1) }), draw(func(x *Tensor) *Tensor { return x.Normal_(0, 1, nil) }); !slices.Equal(a, b) {
		t.Errorf("Normal_ without a generator %v, with nil %v", a, b)
	}
	testkit.ExpectPanic(t, "tensor.Uniform_: takes at most one generator, got 2", func() {
		Empty(2).Uniform_(0, 1, NewGenerator(1), NewGenerator(2))
	})
	testkit.ExpectPanic(t, "tensor.Normal_: needs a float tensor, got torch.int64 (shape [2])", func() {
		ZerosOf(Int64, 2).Normal_(0, 1)
	})
}

// EpochSeed's values are pinned: shuffles recorded in the lessons and sessions saved
// by pkg/train depend on them.
func TestEpochSeedPinned(t *testing.T) {
	for _, c := range []struct {
		seed  uint64
		epoch int
		want  uint64
	}{{0, 0, 0x46b73e79f0c37c00}, {1, 0, 0x5d60b960e0946ba0}, {42, 3, 0xbaecd765e5f011}} {
		if got := EpochSeed(c.seed, c.epoch); got != c.want {
			t.Errorf("EpochSeed(%d, %d) = %#x, want %#x", c.seed, c.epoch, got, c.want)
		}
	}
}
