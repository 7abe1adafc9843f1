package tensor

import (
	"fmt"
	"math/rand/v2"
)

// Generator is a seedable source of random numbers for initialisation and shuffling.
// It is a PCG generator: reproducible from its seed, but not PyTorch's Mersenne Twister
// stream, so values differ from torch.manual_seed's.
type Generator struct {
	r *rand.Rand
}

// NewGenerator returns a generator seeded with seed.
func NewGenerator(seed uint64) *Generator {
	return &Generator{r: rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15))}
}

var global = NewGenerator(0)

// ManualSeed reseeds the global generator (torch.manual_seed).
func ManualSeed(seed uint64) { global = NewGenerator(seed) }

// DefaultGenerator is the global generator that ManualSeed reseeds and that random
// ops use when given no generator (torch.default_generator). Packages that draw a
// seed from it (pkg/data's shuffles and splits) make tensor.ManualSeed govern them too.
func DefaultGenerator() *Generator { return global }

// pick returns the generator an op was given (PyTorch's optional generator=), or the
// global one when it was given none or nil.
func pick(op string, gen []*Generator) *Generator {
	switch {
	case len(gen) > 1:
		panic(fmt.Sprintf("tensor.%s: takes at most one generator, got %d", op, len(gen)))
	case len(gen) == 0 || gen[0] == nil:
		return global
	}
	return gen[0]
}

// Float64 is uniform in [0, 1).
func (g *Generator) Float64() float64 { return g.r.Float64() }

// Intn is uniform in [0, n).
func (g *Generator) Intn(n int) int { return g.r.IntN(n) }

// NormFloat64 is standard normal.
func (g *Generator) NormFloat64() float64 { return g.r.NormFloat64() }

// Perm is a random permutation of 0..n-1 (for shuffling).
func (g *Generator) Perm(n int) []int { return g.r.Perm(n) }

// Uniform_ fills t in place with values uniform in [lo, hi) and returns t. The
// generator is optional, PyTorch's generator=: t.Uniform_(lo, hi) (or, as the lessons
// write, t.Uniform_(lo, hi, nil)) draws from the global generator, t.Uniform_(lo, hi, g)
// from g.
func (t *Tensor) Uniform_(lo, hi float64, generator ...*Generator) *Tensor {
	g := pick("Uniform_", generator)
	return t.fillRandom("Uniform_", func() float64 { return lo + (hi-lo)*g.r.Float64() })
}

// Normal_ fills t in place with normal values of the given mean and std and returns
// t; the generator is optional, as for Uniform_.
func (t *Tensor) Normal_(mean, std float64, generator ...*Generator) *Tensor {
	g := pick("Normal_", generator)
	return t.fillRandom("Normal_", func() float64 { return mean + std*g.r.NormFloat64() })
}

// fillRandom sets every element of the float tensor t to draw(), rounded to t's dtype.
func (t *Tensor) fillRandom(op string, draw func() float64) *Tensor {
	t.checkWritable(op)
	switch t.dtype {
	case Float32:
		for i := range t.f32 {
			t.f32[i] = float32(draw())
		}
	case Float64:
		for i := range t.f64 {
			t.f64[i] = draw()
		}
	default:
		panic(fmt.Sprintf("tensor.%s: needs a float tensor, got %v (shape %v)", op, t.dtype, t.shape))
	}
	return t
}

// Rand is a Float32 tensor uniform in [0, 1) (torch.rand).
func Rand(g *Generator, shape ...int) *Tensor { return Empty(shape...).Uniform_(0, 1, g) }

// Randn is a Float32 tensor of standard normal values (torch.randn).
func Randn(g *Generator, shape ...int) *Tensor { return Empty(shape...).Normal_(0, 1, g) }

// RandOf is Rand of a float dtype dt (torch.rand(..., dtype=dt)).
func RandOf(dt DType, g *Generator, shape ...int) *Tensor {
	return EmptyOf(dt, shape...).Uniform_(0, 1, g)
}

// RandnOf is Randn of a float dtype dt (torch.randn(..., dtype=dt)).
func RandnOf(dt DType, g *Generator, shape ...int) *Tensor {
	return EmptyOf(dt, shape...).Normal_(0, 1, g)
}
