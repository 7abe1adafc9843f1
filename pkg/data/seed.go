package data

import "github.com/kosaku-dl/kosaku/pkg/tensor"

// globalSeed draws a non-zero 64-bit seed from tensor's global generator (seeded by
// tensor.ManualSeed): two uniform float64 draws give 32 bits each, so the seeds, and
// with them the shuffles and splits, are those the lessons have always printed.
func globalSeed() uint64 {
	g := tensor.DefaultGenerator()
	for {
		if s := uint64(g.Float64()*(1<<32))<<32 | uint64(g.Float64()*(1<<32)); s != 0 {
			return s
		}
	}
}
