package vec

import "golang.org/x/sys/cpu"

var useAVX2 = cpu.X86.HasAVX2

//go:noescape
func reluAVX2(n int, dst, src *float32)

//go:noescape
func reluGradAVX2(n int, dst, grad, y *float32)

//go:noescape
func momentumAVX2(n int, p, grad, buf *float32, m, negLR float32)

//go:noescape
func addRowsAVX2(dst *float32, ldd int, src *float32, lds, rows, cols int)

//go:noescape
func maxPool8AVX2(top, bot, out *float32, idx *int32, base, w int32) bool
