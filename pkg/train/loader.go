package train

import (
	"iter"

	"github.com/kosaku-dl/kosaku/pkg/tensor"
)

// Loader is what a session needs from the training data loader to resume exactly.
//
// EpochBatches yields the batches of epoch number epoch (1 for the first epoch),
// beginning with batch number start (0-based; the batches before it are skipped, ideally
// without being loaded). The order of the batches must depend only on the loader's own
// configuration (dataset, batch size, shuffle seed) and on epoch — never on how many
// epochs this process has already run — because a resumed session asks for epoch 2 in a
// fresh process. Shuffling with tensor.NewGenerator(EpochSeed(seed, epoch)).Perm(n) is
// one way to get that.
//
// Len is the number of batches EpochBatches yields for start 0.
type Loader interface {
	Len() int
	EpochBatches(epoch, start int) iter.Seq2[*tensor.Tensor, *tensor.Tensor]
}

// Seeded is implemented by a loader that shuffles with a fixed seed. A session stores
// the seed and refuses to resume mid-epoch with a loader whose seed differs, since the
// rest of the epoch would then be other examples than the stopped run would have seen.
type Seeded interface {
	Seed() uint64
}

// EpochSeed derives the seed of one epoch's shuffle from a loader's seed, so that the
// order of epoch e is the same in every process (SplitMix64 finalisation of seed and
// epoch: nearby seeds and epochs give unrelated streams).
// It is tensor.EpochSeed, which pkg/data's loaders use too.
func EpochSeed(seed uint64, epoch int) uint64 { return tensor.EpochSeed(seed, epoch) }

// batchSeed is the seed the session gives the global generator before each batch, so
// that randomness inside the model (dropout) depends only on (seed, epoch, batch) and a
// run resumed mid-epoch draws the same numbers as an uninterrupted one.
func batchSeed(seed uint64, epoch, batch int) uint64 {
	return mix(EpochSeed(seed, epoch) ^ mix(uint64(batch)+0xbf58476d1ce4e5b9))
}

func mix(z uint64) uint64 {
	z += 0x9e3779b97f4a7c15
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}
