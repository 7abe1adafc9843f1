package vec

import "math"

// ReLU sets dst[i] = max(src[i], 0) with Go's max: NaN stays NaN and -0 becomes +0.
// dst and src have the same length; they may be the same slice.
func ReLU(dst, src []float32) {
	src = src[:len(dst)]
	n := 0
	if useAVX2 {
		n = len(dst) &^ 7
		if n > 0 {
			reluAVX2(n, &dst[0], &src[0])
		}
	}
	reluGo(dst[n:], src[n:])
}

// ReLUGrad sets dst[i] = g[i] where y[i] > 0 and +0 elsewhere (a NaN y passes no
// gradient): the backward of ReLU given its output y.
func ReLUGrad(dst, g, y []float32) {
	g, y = g[:len(dst)], y[:len(dst)]
	n := 0
	if useAVX2 {
		n = len(dst) &^ 7
		if n > 0 {
			reluGradAVX2(n, &dst[0], &g[0], &y[0])
		}
	}
	reluGradGo(dst[n:], g[n:], y[n:])
}

// Momentum is SGD's update with momentum m and no dampening, weight decay or
// Nesterov, after the first step: buf = buf*m + g, then p += negLR*buf, each
// product rounded to float32 before the sum, as PyTorch's element-wise kernels round.
func Momentum(p, g, buf []float32, m, negLR float32) {
	g, buf = g[:len(p)], buf[:len(p)]
	n := 0
	if useAVX2 {
		n = len(p) &^ 7
		if n > 0 {
			momentumAVX2(n, &p[0], &g[0], &buf[0], m, negLR)
		}
	}
	momentumGo(p[n:], g[n:], buf[n:], m, negLR)
}

// AddRows adds a rows x cols block of src (row stride lds) into dst (row stride
// ldd): dst[r*ldd+c] += src[r*lds+c]. Each element gets one rounded addition, so the
// order in which a caller adds blocks into dst is the order of the sums.
func AddRows(dst []float32, ldd int, src []float32, lds, rows, cols int) {
	if rows <= 0 || cols <= 0 {
		return
	}
	// The last row's end must be inside both slices.
	_ = dst[(rows-1)*ldd+cols-1]
	_ = src[(rows-1)*lds+cols-1]
	n := 0
	if useAVX2 {
		n = cols &^ 7
		if n > 0 {
			addRowsAVX2(&dst[0], ldd, &src[0], lds, rows, n)
		}
	}
	if n < cols {
		for r := range rows {
			addGo(dst[r*ldd+n:r*ldd+cols], src[r*lds+n:r*lds+cols])
		}
	}
}

// MaxPool8 pools eight adjacent 2x2 windows (stride 2) of two image rows: window c
// covers top[2c], top[2c+1], bot[2c], bot[2c+1]. It writes the first maximum in
// that row-major order, the value itself (so a zero maximum keeps its sign), and its
// position base + 2c + k (k = 0, 1, w, w+1 for the four places) to out[c] and
// idx[c], and reports true. With a NaN among the inputs, or without AVX2, it writes
// nothing and reports false: the caller's general loop then takes those windows.
func MaxPool8(top, bot, out []float32, idx []int32, base, w int32) bool {
	if !useAVX2 {
		return false
	}
	_, _, _, _ = top[15], bot[15], out[7], idx[7]
	return maxPool8AVX2(&top[0], &bot[0], &out[0], &idx[0], base, w)
}

func addGo(dst, src []float32) {
	src = src[:len(dst)]
	for i, v := range src {
		dst[i] += v
	}
}

func reluGo(dst, src []float32) {
	src = src[:len(dst)]
	for i, v := range src {
		dst[i] = max(v, 0)
	}
}

// reluGradGo masks g's bits rather than branching: on a layer's random signs the
// branch is mispredicted half the time.
func reluGradGo(dst, g, y []float32) {
	g, y = g[:len(dst)], y[:len(dst)]
	for i, v := range y {
		var mask uint32
		if v > 0 {
			mask = ^uint32(0)
		}
		dst[i] = math.Float32frombits(math.Float32bits(g[i]) & mask)
	}
}

// momentumGo's float32(...) conversions keep the compiler from fusing a multiply
// and an add, so every architecture rounds the same way.
func momentumGo(p, g, buf []float32, m, negLR float32) {
	g, buf = g[:len(p)], buf[:len(p)]
	for j, gj := range g {
		b := float32(buf[j]*m) + gj
		buf[j] = b
		p[j] += float32(negLR * b)
	}
}
