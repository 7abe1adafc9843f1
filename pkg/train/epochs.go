package train

import (
	"fmt"
	"os"
	"strconv"
)

// EpochsEnv names the one variable that shortens the lessons' long training runs:
// when it holds a positive integer, MaxEpochs caps every run at that many epochs.
// `make test` sets it to 1 so that CI runs each MNIST lesson's first epoch only; the
// committed notebooks carry the chapters' full runs, made without it (`make
// notebooks`).
const EpochsEnv = "KOSAKU_EPOCHS"

// MaxEpochs returns n, or the value of $KOSAKU_EPOCHS when that is set and smaller. A
// lesson's training cell writes `s.Epochs(train.MaxEpochs(50))` where the chapter
// trains 50 epochs. A value that is not a positive integer panics: a typo must not
// silently run the full training.
func MaxEpochs(n int) int {
	v := os.Getenv(EpochsEnv)
	if v == "" {
		return n
	}
	k, err := strconv.Atoi(v)
	if err != nil || k < 1 {
		panic(fmt.Sprintf("train.MaxEpochs: $%s=%q is not a positive number of epochs (unset it for the chapter's full run)", EpochsEnv, v))
	}
	return min(n, k)
}
