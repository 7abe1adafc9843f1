package train

import (
	"strings"
	"testing"
)

func TestMaxEpochs(t *testing.T) {
	t.Setenv(EpochsEnv, "")
	if got := MaxEpochs(50); got != 50 {
		t.Errorf("unset: MaxEpochs(50) = %d, want 50", got)
	}
	t.Setenv(EpochsEnv, "1")
	if got := MaxEpochs(50); got != 1 {
		t.Errorf("KOSAKU_EPOCHS=1: MaxEpochs(50) = %d, want 1", got)
	}
	t.Setenv(EpochsEnv, "80")
	if got := MaxEpochs(50); got != 50 {
		t.Errorf("KOSAKU_EPOCHS=80: MaxEpochs(50) = %d, want 50 (never more than the chapter)", got)
	}
	for _, bad := range []string{"0", "-1", "two"} {
		t.Setenv(EpochsEnv, bad)
		func() {
			defer func() {
				msg, _ := recover().(string)
				if !strings.Contains(msg, "KOSAKU_EPOCHS=\""+bad+"\" is not a positive number") {
					t.Errorf("KOSAKU_EPOCHS=%q: panic %q", bad, msg)
				}
			}()
			MaxEpochs(2)
		}()
	}
}
