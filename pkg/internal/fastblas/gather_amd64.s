#include "textflag.h"
#include "fma_amd64.h"

// func gather6x16AVX2(k int, a, b *float32, offs *int, hi int, c *float32, ldc int)
//
// C[0:6, 0:16] = Apanel · B, stored (not added), where Apanel holds k groups of 6
// floats as for kern6x16AVX2 and row p of B is the 8 floats at b + offs[p] followed
// by the 8 floats at b + offs[p] + hi (offs in floats, hi in bytes). The loop body is
// kern6x16AVX2's, instruction for instruction, with the two B loads addressed through
// offs: the same fused multiply-adds in the same order, so the tile equals the packed
// product's bit for bit. A convolution uses it to read its input in place instead of
// through an im2col matrix.
TEXT ·gather6x16AVX2(SB), NOSPLIT, $0-56
	MOVQ k+0(FP), CX
	MOVQ a+8(FP), SI
	MOVQ b+16(FP), DI
	MOVQ offs+24(FP), R11
	MOVQ hi+32(FP), BX
	MOVQ c+40(FP), DX
	MOVQ ldc+48(FP), R8
	SHLQ $2, R8

	ZERO12

	TESTQ CX, CX
	JZ    store

loop:
	MOVQ         (R11), R12
	LEAQ         (DI)(R12*4), R13
	VMOVUPS      (R13), Y12
	VMOVUPS      (R13)(BX*1), Y13
	STEP6x16
	ADDQ         $8, R11
	DECQ         CX
	JNZ          loop

store:
	STORE6x16
	VZEROUPPER
	RET

// func gatherDot2x4AVX2(n int, a0, a1, b *float32, chunks *int, offs *[4]int, out *[64]float32)
//
// dot2x4AVX2 with rows b0..b3 gathered: step q reads the 8 floats of row t at
// b + chunks[q] + offs[t] (floats). The FMAs and their order are dot2x4AVX2's, so
// the unreduced lanes equal what it gives on the same values laid out contiguously.
TEXT ·gatherDot2x4AVX2(SB), NOSPLIT, $0-56
	MOVQ n+0(FP), CX
	MOVQ a0+8(FP), SI
	MOVQ a1+16(FP), DI
	MOVQ b+24(FP), R8
	MOVQ chunks+32(FP), R12
	MOVQ offs+40(FP), AX
	MOVQ 0(AX), R9
	SHLQ $2, R9
	MOVQ 8(AX), R10
	SHLQ $2, R10
	MOVQ 16(AX), R11
	SHLQ $2, R11
	MOVQ 24(AX), R13
	SHLQ $2, R13
	MOVQ out+48(FP), DX

	ZERO8

	TESTQ CX, CX
	JZ    gdone

gloop:
	MOVQ        (R12), R14
	LEAQ        (R8)(R14*4), R14
	VMOVUPS     (SI), Y8
	VMOVUPS     (DI), Y9
	VMOVUPS     (R14)(R9*1), Y10
	VMOVUPS     (R14)(R10*1), Y11
	VMOVUPS     (R14)(R11*1), Y12
	VMOVUPS     (R14)(R13*1), Y13
	STEP2x4
	ADDQ        $32, SI
	ADDQ        $32, DI
	ADDQ        $8, R12
	DECQ        CX
	JNZ         gloop

gdone:
	STORE8
	VZEROUPPER
	RET
