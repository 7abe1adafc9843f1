package tensor

import (
	"fmt"
	"testing"
)

// reportGFLOPs records flops per operation as GFLOP/s.
func reportGFLOPs(b *testing.B, flops float64) {
	b.ReportMetric(flops*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
}

// The lessons' matrix sizes: iris (112x4 @ 4x5) and MNIST MLP layers with batch 20.
var matmulSizes = [][3]int{{112, 4, 5}, {20, 784, 64}, {20, 256, 64}}

func BenchmarkMatMul(b *testing.B) {
	for _, s := range matmulSizes {
		m, k, n := s[0], s[1], s[2]
		g := NewGenerator(1)
		x, w := Randn(g, m, k), Randn(g, k, n)
		b.Run(fmt.Sprintf("%dx%d@%dx%d", m, k, k, n), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				x.MatMul(w)
			}
			reportGFLOPs(b, 2*float64(m*n*k))
		})
	}
}

// Forward and backward of a product with both operands requiring grad: three GEMMs.
func BenchmarkMatMulBackward(b *testing.B) {
	for _, s := range matmulSizes {
		m, k, n := s[0], s[1], s[2]
		g := NewGenerator(1)
		x, w := Randn(g, m, k).RequiresGrad(), Randn(g, k, n).RequiresGrad()
		gout := Ones(m, n)
		b.Run(fmt.Sprintf("%dx%d@%dx%d", m, k, k, n), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				x.ZeroGrad()
				w.ZeroGrad()
				x.MatMul(w).Backward(gout)
			}
			reportGFLOPs(b, 6*float64(m*n*k))
		})
	}
}

// naiveMatMul is the triple loop the BLAS path replaces, for the ratio in the report.
func naiveMatMul(a, b, c []float32, m, k, n int) {
	for i := 0; i < m; i++ {
		for j := 0; j < n; j++ {
			var s float32
			for p := 0; p < k; p++ {
				s += a[i*k+p] * b[p*n+j]
			}
			c[i*n+j] = s
		}
	}
}

func BenchmarkMatMulNaiveLoop(b *testing.B) {
	for _, s := range matmulSizes {
		m, k, n := s[0], s[1], s[2]
		g := NewGenerator(1)
		x, w := Randn(g, m, k), Randn(g, k, n)
		c := make([]float32, m*n)
		b.Run(fmt.Sprintf("%dx%d@%dx%d", m, k, k, n), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				naiveMatMul(x.f32, w.f32, c, m, k, n)
			}
			reportGFLOPs(b, 2*float64(m*n*k))
		})
	}
}

// Element-wise ops at MLP-layer sizes: one flop per output element.
func BenchmarkElementwise(b *testing.B) {
	g := NewGenerator(2)
	big := Randn(g, 20, 784)
	h := Randn(g, 20, 64)
	row := Randn(g, 64)
	col := Randn(g, 20, 1)
	cases := []struct {
		name string
		n    int
		f    func()
	}{
		{"Add_same_20x784", 20 * 784, func() { big.Add(big) }},
		{"Add_row_20x64+64", 20 * 64, func() { h.Add(row) }},
		{"Mul_col_20x64*20x1", 20 * 64, func() { h.Mul(col) }},
		{"Sub_outer_20x1-64", 20 * 64, func() { col.Sub(row) }},
		{"MulScalar_20x784", 20 * 784, func() { big.MulScalar(0.5) }},
		{"Sigmoid_20x64", 20 * 64, func() { h.Sigmoid() }},
		{"ReLU_20x784", 20 * 784, func() { big.ReLU() }},
		{"SumDim0_20x784", 20 * 784, func() { big.SumDim(0, false) }},
		{"SumDim1_20x784", 20 * 784, func() { big.SumDim(1, false) }},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				c.f()
			}
			reportGFLOPs(b, float64(c.n))
		})
	}
}

// Backward of a broadcast add: the bias gradient is a sum over the batch.
func BenchmarkAddRowBackward(b *testing.B) {
	g := NewGenerator(3)
	h := Randn(g, 20, 64).RequiresGrad()
	bias := Randn(g, 64).RequiresGrad()
	gout := Ones(20, 64)
	for i := 0; i < b.N; i++ {
		h.ZeroGrad()
		bias.ZeroGrad()
		h.Add(bias).Backward(gout)
	}
	reportGFLOPs(b, 2*20*64)
}
