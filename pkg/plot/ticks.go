package plot

import (
	"math"
	"strconv"

	gplot "gonum.org/v1/plot"
)

// niceTicks places about six major ticks at multiples of 1, 2, 2.5 or 5
// times a power of ten, as matplotlib does; gonum's default aims at three
// and often lands on steps such as 0.6 that a reader cannot read off.
// With integer set (an axis of epochs) steps are whole numbers.
type niceTicks struct{ integer bool }

func (n niceTicks) Ticks(lo, hi float64) []gplot.Tick {
	if !(hi > lo) {
		return []gplot.Tick{{Value: lo, Label: strconv.FormatFloat(lo, 'g', 6, 64)}}
	}
	step := niceStep((hi - lo) / 6)
	if n.integer && step < 1 {
		step = 1
	}
	prec := max(0, -int(math.Floor(math.Log10(step)+1e-9)))
	if s := step / math.Pow10(-prec); math.Abs(s-math.Round(s)) > 1e-6 {
		prec++ // steps like 0.25 need one more digit
	}
	var ticks []gplot.Tick
	for v := math.Ceil(lo/step-1e-9) * step; v <= hi+step*1e-9; v += step {
		if math.Abs(v) < step*1e-9 {
			v = 0
		}
		label := strconv.FormatFloat(v, 'f', prec, 64)
		if math.Abs(v) >= 1e6 || (v != 0 && math.Abs(v) < 1e-4) {
			label = strconv.FormatFloat(v, 'g', 4, 64)
		}
		ticks = append(ticks, gplot.Tick{Value: v, Label: label})
		// Unlabelled minor ticks halfway, as a reading aid.
		if m := v + step/2; m < hi && !(n.integer && step == 1) {
			ticks = append(ticks, gplot.Tick{Value: m})
		}
	}
	if first := math.Ceil(lo/step-1e-9)*step - step/2; first > lo && !(n.integer && step == 1) {
		ticks = append(ticks, gplot.Tick{Value: first})
	}
	return ticks
}

func niceStep(raw float64) float64 {
	mag := math.Pow10(int(math.Floor(math.Log10(raw))))
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if raw <= m*mag*1.0000001 {
			return m * mag
		}
	}
	return 10 * mag
}
