package tensor

// EpochSeed derives the seed of one epoch's shuffle from a loader's seed, so that the
// order of epoch e is the same in every process and every notebook cell (SplitMix64
// finalisation of seed and epoch: nearby seeds and epochs give unrelated streams).
// pkg/data's DataLoader shuffles epoch e with NewGenerator(EpochSeed(seed, e)); a
// training session that resumes mid-epoch derives the same order from it.
func EpochSeed(seed uint64, epoch int) uint64 {
	return splitMix(seed ^ splitMix(uint64(epoch)+0x9e3779b97f4a7c15))
}

// splitMix is SplitMix64's output function: a bijection that scatters nearby inputs.
func splitMix(z uint64) uint64 {
	z += 0x9e3779b97f4a7c15
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}
