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

func orGlobal(g *Generator) *Generator {
	if g == nil {
		return global
	}
	return g
}

// Float64 is uniform in [0, 1).
func (g *Generator) Float64() float64 { return g.r.Float64() }

// Intn is uniform in [0, n).
func (g *Generator) Intn(n int) int { return g.r.IntN(n) }

// NormFloat64 is standard normal.
func (g *Generator) NormFloat64() float64 { return g.r.NormFloat64() }

// Perm is a random permutation of 0..n-1 (for shuffling).
func (g *Generator) Perm(n int) []int { return g.r.Perm(n) }

// Uniform_ fills t in place with values uniform in [lo, hi) and returns t.
func (t *Tensor) Uniform_(lo, hi float64, g *Generator) *Tensor {
	t.checkWritable("Uniform_")
	g = orGlobal(g)
	switch t.dtype {
	case Float32:
		for i := range t.f32 {
			t.f32[i] = float32(lo + (hi-lo)*g.r.Float64())
		}
	case Float64:
		for i := range t.f64 {
			t.f64[i] = lo + (hi-lo)*g.r.Float64()
		}
	default:
		panic(fmt.Sprintf("tensor.Uniform_: needs a float tensor, got %v (shape %v)", t.dtype, t.shape))
	}
	return t
}

// Normal_ fills t in place with normal values of the given mean and std and returns t.
func (t *Tensor) Normal_(mean, std float64, g *Generator) *Tensor {
	t.checkWritable("Normal_")
	g = orGlobal(g)
	switch t.dtype {
	case Float32:
		for i := range t.f32 {
			t.f32[i] = float32(mean + std*g.r.NormFloat64())
		}
	case Float64:
		for i := range t.f64 {
			t.f64[i] = mean + std*g.r.NormFloat64()
		}
	default:
		panic(fmt.Sprintf("tensor.Normal_: needs a float tensor, got %v (shape %v)", t.dtype, t.shape))
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
