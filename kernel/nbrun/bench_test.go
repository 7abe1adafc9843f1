package nbrun_test

import (
	"testing"
	"time"

	"github.com/kosaku-dl/kosaku/kernel/nbrun"
	"github.com/kosaku-dl/kosaku/kernel/nbrun/nbtest"
)

// lessonCell is a typical lesson cell: it uses pkg/ and draws a chart.
const lessonCell = `%%
xs := make([]float64, 200)
train := make([]float64, 200)
val := make([]float64, 200)
for i := range xs {
	xs[i] = float64(i + 1)
	train[i] = 1 / math.Sqrt(xs[i])
	val[i] = 1.1 / math.Sqrt(xs[i]) + 0.02
}
plot.Line(xs, train).Label("train").Add(xs, val).Label("validation").
	Grid().Title("loss").XLabel("epoch").YLabel("loss").Show()`

const warmRuns = 10

// benchCells runs a notebook whose first code cell imports pkg/plot, then
// the same chart cell 1+warmRuns times, and reports the first chart cell
// (the cold cell of a new kernel) and the median of the re-runs.
func benchCells(b *testing.B, env []string) {
	cells := []cell{{src: "import (\n\t\"math\"\n\n\t\"github.com/kosaku-dl/kosaku/pkg/plot\"\n)"}}
	for i := 0; i <= warmRuns; i++ {
		cells = append(cells, cell{src: lessonCell})
	}
	_, path := kernelNotebook(b, "bench.ipynb", cells...)
	var first, start, warm []time.Duration
	for b.Loop() {
		res := nbtest.Run(b, path, nbrun.Options{Env: env})
		d := res.CodeDurations()
		if len(d) != len(cells) {
			b.Fatalf("%d cells timed, want %d", len(d), len(cells))
		}
		start = append(start, res.KernelStart)
		first = append(first, d[0]+d[1])
		warm = append(warm, nbrun.Median(d[2:]))
	}
	b.ReportMetric(nbrun.Median(start).Seconds(), "kernel-start-s")
	b.ReportMetric(nbrun.Median(first).Seconds(), "first-cell-s")
	b.ReportMetric(nbrun.Median(warm).Seconds(), "warm-cell-s")
	b.ReportMetric(0, "ns/op")
}

// BenchmarkCell: a new kernel with the build cache already warm (after
// docker/install.sh warm, or any earlier session).
func BenchmarkCell(b *testing.B) { benchCells(b, nil) }

// BenchmarkCellEmptyBuildCache: the first session on a machine whose Go
// build cache is empty (everything, the standard library included, compiles).
func BenchmarkCellEmptyBuildCache(b *testing.B) {
	benchCells(b, []string{"GOCACHE=" + b.TempDir()})
}
