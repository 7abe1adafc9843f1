//go:build !amd64

package vec

const useAVX2 = false

func reluAVX2(n int, dst, src *float32)                                    { panic("vec: no AVX2") }
func reluGradAVX2(n int, dst, grad, y *float32)                            { panic("vec: no AVX2") }
func momentumAVX2(n int, p, grad, buf *float32, m, negLR float32)          { panic("vec: no AVX2") }
func addRowsAVX2(dst *float32, ldd int, src *float32, lds, rows, cols int) { panic("vec: no AVX2") }
func maxPool8AVX2(top, bot, out *float32, idx *int32, base, w int32) bool  { panic("vec: no AVX2") }
