package data

import "github.com/kosaku-dl/kosaku/pkg/tensor"

// globalSeed draws a non-zero 64-bit seed from tensor's global generator (seeded by
// tensor.ManualSeed), through the public API: two uniform float64 draws give 32 bits each.
func globalSeed() uint64 {
	for {
		u := tensor.FromSlice([]float64{0, 0}, 2).Uniform_(0, 1, nil).Float64s()
		if s := uint64(u[0]*(1<<32))<<32 | uint64(u[1]*(1<<32)); s != 0 {
			return s
		}
	}
}
