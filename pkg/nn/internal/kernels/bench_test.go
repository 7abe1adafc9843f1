package kernels

import (
	"math/rand/v2"
	"testing"
)

// The two convolutions of the chapter 8 CNN at the lessons' batch size of 20.
var (
	benchConv1 = ConvGeom{N: 20, C: 1, H: 28, W: 28, OC: 6, KH: 5, KW: 5, SH: 1, SW: 1}
	benchConv2 = ConvGeom{N: 20, C: 6, H: 12, W: 12, OC: 16, KH: 5, KW: 5, SH: 1, SW: 1}
)

func BenchmarkConv1ForwardBackward(b *testing.B) { benchConv(b, benchConv1) }
func BenchmarkConv2ForwardBackward(b *testing.B) { benchConv(b, benchConv2) }

func benchConv(b *testing.B, g ConvGeom) {
	r := rand.New(rand.NewPCG(1, 1))
	x := randSlice(r, g.N*g.C*g.H*g.W)
	w := randSlice(r, g.OC*g.ColRows())
	bias := randSlice(r, g.OC)
	y := make([]float32, g.N*g.OC*g.OH()*g.OW())
	dy := randSlice(r, len(y))
	dx := make([]float32, len(x))
	dw := make([]float32, len(w))
	db := make([]float32, g.OC)
	// Forward, dW and dX products: 3 GEMMs of 2*OC*K*N*P flops each.
	flops := 3 * 2 * float64(g.OC*g.ColRows()*g.ColCols())
	b.ReportAllocs()
	b.ResetTimer()
	defer reportCPU(b, cpuTime())
	for i := 0; i < b.N; i++ {
		col := Floats(g.ColRows() * g.ColCols())
		tmp := Floats(g.OC * g.ColCols())
		ConvForward(g, x, w, bias, y, col, tmp)
		dcol := Floats(len(col))
		ConvBackward(g, dy, w, col, dx, dw, db, tmp, dcol)
		PutFloats(dcol)
		PutFloats(tmp)
		PutFloats(col)
	}
	b.ReportMetric(flops*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
}

func BenchmarkMaxPool(b *testing.B) {
	g := PoolGeom{N: 20, C: 6, H: 24, W: 24, KH: 2, KW: 2, SH: 2, SW: 2}
	r := rand.New(rand.NewPCG(1, 1))
	x := randSlice(r, g.N*g.C*g.H*g.W)
	y := make([]float32, g.N*g.C*g.OH()*g.OW())
	idx := make([]int32, len(y))
	dx := make([]float32, len(x))
	b.ReportAllocs()
	defer reportCPU(b, cpuTime())
	for i := 0; i < b.N; i++ {
		MaxPoolForward(g, x, y, idx)
		MaxPoolBackward(g, y, idx, dx)
	}
}

// The data movement around the products, per batch of 20.
func BenchmarkIm2ColConv1(b *testing.B) { benchIm2Col(b, benchConv1) }
func BenchmarkIm2ColConv2(b *testing.B) { benchIm2Col(b, benchConv2) }

func benchIm2Col(b *testing.B, g ConvGeom) {
	x := randSlice(rand.New(rand.NewPCG(1, 1)), g.N*g.C*g.H*g.W)
	col := make([]float32, g.ColRows()*g.ColCols())
	defer reportCPU(b, cpuTime())
	for i := 0; i < b.N; i++ {
		Im2Col(g, x, col)
	}
}

func BenchmarkCol2ImConv2(b *testing.B) {
	g := benchConv2
	col := randSlice(rand.New(rand.NewPCG(1, 1)), g.ColRows()*g.ColCols())
	dx := make([]float32, g.N*g.C*g.H*g.W)
	defer reportCPU(b, cpuTime())
	for i := 0; i < b.N; i++ {
		Col2Im(g, col, dx)
	}
}
