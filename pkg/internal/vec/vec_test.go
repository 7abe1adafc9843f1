package vec

import (
	"math"
	"math/rand/v2"
	"testing"
)

// specials are the values whose handling differs between careless
// implementations: NaNs of both signs, signed zeros, infinities, subnormals.
var specials = []float32{
	float32(math.NaN()), math.Float32frombits(0xffc00000), math.Float32frombits(0x7f800001),
	0, float32(math.Copysign(0, -1)), float32(math.Inf(1)), float32(math.Inf(-1)),
	math.SmallestNonzeroFloat32, -math.SmallestNonzeroFloat32, math.MaxFloat32, -math.MaxFloat32,
	1, -1, 1e-38, -1e-38,
}

// values is n floats from rng, a quarter of them special and one in eight a
// random NaN.
func values(rng *rand.Rand, n int) []float32 {
	v := make([]float32, n)
	for i := range v {
		switch rng.IntN(8) {
		case 0, 1:
			v[i] = specials[rng.IntN(len(specials))]
		case 2: // a NaN with a random sign and payload
			v[i] = math.Float32frombits(rng.Uint32() | 0x7f800000 | 1<<uint(rng.IntN(23)))
		default:
			v[i] = float32(rng.NormFloat64())
		}
	}
	return v
}

// sameBits fails unless got and want are equal bit for bit.
func sameBits(t *testing.T, what string, got, want []float32) {
	t.Helper()
	for i := range want {
		if math.Float32bits(got[i]) != math.Float32bits(want[i]) {
			t.Fatalf("%s[%d] = %v (%#08x), Go loop gives %v (%#08x)", what, i,
				got[i], math.Float32bits(got[i]), want[i], math.Float32bits(want[i]))
		}
	}
}

// Every length from 0 to 70 at every offset of an 8-float vector, so that the
// assembly's main loop, the Go tail and unaligned slices are all covered.
func forLengths(t *testing.T, fn func(rng *rand.Rand, n, off int)) {
	rng := rand.New(rand.NewPCG(1, 2))
	for n := 0; n <= 70; n++ {
		for off := 0; off < 8; off++ {
			fn(rng, n, off)
		}
	}
}

func TestReLUSameBitsAsGoMax(t *testing.T) {
	forLengths(t, func(rng *rand.Rand, n, off int) {
		src := values(rng, n+off)[off:]
		got, want := make([]float32, n), make([]float32, n)
		ReLU(got, src)
		for i, v := range src {
			want[i] = max(v, 0)
		}
		sameBits(t, "ReLU", got, want)
		// In place, as ReLU_ does.
		ReLU(src, src)
		sameBits(t, "ReLU in place", src, want)
	})
}

func TestReLUGradSameBitsAsGoLoop(t *testing.T) {
	forLengths(t, func(rng *rand.Rand, n, off int) {
		g, y := values(rng, n+off)[off:], values(rng, n+off)[off:]
		got, want := make([]float32, n), make([]float32, n)
		ReLUGrad(got, g, y)
		reluGradGo(want, g, y)
		sameBits(t, "ReLUGrad", got, want)
		for i := range want { // the Go loop itself is y > 0 ? g : +0
			if y[i] > 0 && math.Float32bits(want[i]) != math.Float32bits(g[i]) ||
				!(y[i] > 0) && math.Float32bits(want[i]) != 0 {
				t.Fatalf("reluGradGo(g=%v, y=%v) = %v", g[i], y[i], want[i])
			}
		}
	})
}

func TestMomentumSameBitsAsGoLoop(t *testing.T) {
	forLengths(t, func(rng *rand.Rand, n, off int) {
		p, g, buf := values(rng, n+off)[off:], values(rng, n+off)[off:], values(rng, n+off)[off:]
		p2, buf2 := append([]float32{}, p...), append([]float32{}, buf...)
		m, negLR := float32(0.9), float32(-0.001)
		Momentum(p, g, buf, m, negLR)
		momentumGo(p2, g, buf2, m, negLR)
		sameBits(t, "Momentum buf", buf, buf2)
		sameBits(t, "Momentum p", p, p2)
	})
	// The Go loop rounds each product before its sum: a value where FMA would differ.
	p, g, buf := []float32{0}, []float32{-1}, []float32{1 + 1.0/(1<<23)}
	momentumGo(p, g, buf, 1-1.0/(1<<23), 1)
	if want := float32(1+1.0/(1<<23)) * float32(1-1.0/(1<<23)); buf[0] != want-1 {
		t.Errorf("momentumGo fused the multiply and add: buf = %g, want %g", buf[0], want-1)
	}
}

// AddRows over blocks of every shape up to 4 x 20 with padded strides, against the
// Go loop; the padding between rows must stay untouched.
func TestAddRowsSameBitsAsGoLoop(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for rows := 0; rows <= 4; rows++ {
		for cols := 0; cols <= 20; cols++ {
			for pad := 0; pad <= 9; pad += 3 {
				ldd, lds := cols+pad, cols+2*pad
				size := func(ld int) int { return max(0, (rows-1)*ld+cols) }
				dst, src := values(rng, size(ldd)), values(rng, size(lds))
				want := append([]float32{}, dst...)
				for r := range rows {
					for c := range cols {
						want[r*ldd+c] += src[r*lds+c]
					}
				}
				AddRows(dst, ldd, src, lds, rows, cols)
				sameBits(t, "AddRows", dst, want)
			}
		}
	}
}

// MaxPool8 against the first-maximum rule on windows drawn from few values (so ties,
// and zeros of both signs, are common), with and without NaNs.
func TestMaxPool8FirstMaximum(t *testing.T) {
	if !useAVX2 {
		t.Skip("no AVX2: MaxPool8 always defers to the caller")
	}
	rng := rand.New(rand.NewPCG(5, 6))
	pool := []float32{0, float32(math.Copysign(0, -1)), 1, -1, 2, float32(math.Inf(1)), float32(math.Inf(-1)), math.SmallestNonzeroFloat32}
	for trial := 0; trial < 20000; trial++ {
		top, bot := make([]float32, 16), make([]float32, 16)
		for i := range top {
			top[i], bot[i] = pool[rng.IntN(len(pool))], pool[rng.IntN(len(pool))]
		}
		nan := trial%10 == 0
		if nan {
			v := []float32{float32(math.NaN()), math.Float32frombits(0xffc00001)}[rng.IntN(2)]
			[][]float32{top, bot}[rng.IntN(2)][rng.IntN(16)] = v
		}
		out, idx := make([]float32, 8), make([]int32, 8)
		for i := range out {
			out[i], idx[i] = 42, -7
		}
		base, w := int32(rng.IntN(1000)), int32(16+rng.IntN(100))
		ok := MaxPool8(top, bot, out, idx, base, w)
		if ok == nan {
			t.Fatalf("MaxPool8(%v, %v) reported %v with NaN %v", top, bot, ok, nan)
		}
		for c := range 8 {
			if nan {
				if out[c] != 42 || idx[c] != -7 {
					t.Fatalf("MaxPool8 wrote window %d before deferring a NaN: %v at %d", c, out[c], idx[c])
				}
				continue
			}
			win := [4]float32{top[2*c], top[2*c+1], bot[2*c], bot[2*c+1]}
			pos := [4]int32{0, 1, w, w + 1}
			best, k := win[0], 0
			for j := 1; j < 4; j++ {
				if win[j] > best {
					best, k = win[j], j
				}
			}
			if math.Float32bits(out[c]) != math.Float32bits(best) || idx[c] != base+int32(2*c)+pos[k] {
				t.Fatalf("window %d of %v: got %v at %d, want %v at %d", c, win, out[c], idx[c], best, base+int32(2*c)+pos[k])
			}
		}
	}
}

func BenchmarkReLU(b *testing.B) {
	src := values(rand.New(rand.NewPCG(1, 2)), 69120) // chapter 8's first ReLU, batch 20
	dst := make([]float32, len(src))
	b.SetBytes(8 * int64(len(src)))
	for b.Loop() {
		ReLU(dst, src)
	}
}

func BenchmarkReLUGo(b *testing.B) {
	src := values(rand.New(rand.NewPCG(1, 2)), 69120)
	dst := make([]float32, len(src))
	b.SetBytes(8 * int64(len(src)))
	for b.Loop() {
		reluGo(dst, src)
	}
}
