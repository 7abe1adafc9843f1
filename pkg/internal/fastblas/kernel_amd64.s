#include "textflag.h"
#include "fma_amd64.h"

// func kern6x16AVX2(k int, a, b *float32, ldb int, c *float32, ldc int, add bool)
//
// C[0:6, 0:16] (+)= Apanel · B, where Apanel holds k groups of 6 floats (one
// column of six rows of op(A) per step) and B holds k rows of 16 floats,
// ldb floats apart (16 for a packed panel, the matrix's own stride when B
// is read in place). With add false the tile is stored, not added, which
// spares clearing C first. Twelve YMM accumulators hold the 6x16 tile, the
// usual register budget for AVX2.
TEXT ·kern6x16AVX2(SB), NOSPLIT, $0-49
	MOVQ k+0(FP), CX
	MOVQ a+8(FP), SI
	MOVQ b+16(FP), DI
	MOVQ ldb+24(FP), R9
	SHLQ $2, R9
	MOVQ c+32(FP), DX
	MOVQ ldc+40(FP), R8
	SHLQ $2, R8
	MOVBQZX add+48(FP), R10

	ZERO12

	TESTQ CX, CX
	JZ    store

loop:
	VMOVUPS      (DI), Y12
	VMOVUPS      32(DI), Y13
	STEP6x16
	ADDQ         R9, DI
	DECQ         CX
	JNZ          loop

store:
	TESTQ R10, R10
	JZ    overwrite
	VADDPS  (DX), Y0, Y0
	VMOVUPS Y0, (DX)
	VADDPS  32(DX), Y1, Y1
	VMOVUPS Y1, 32(DX)
	ADDQ    R8, DX
	VADDPS  (DX), Y2, Y2
	VMOVUPS Y2, (DX)
	VADDPS  32(DX), Y3, Y3
	VMOVUPS Y3, 32(DX)
	ADDQ    R8, DX
	VADDPS  (DX), Y4, Y4
	VMOVUPS Y4, (DX)
	VADDPS  32(DX), Y5, Y5
	VMOVUPS Y5, 32(DX)
	ADDQ    R8, DX
	VADDPS  (DX), Y6, Y6
	VMOVUPS Y6, (DX)
	VADDPS  32(DX), Y7, Y7
	VMOVUPS Y7, 32(DX)
	ADDQ    R8, DX
	VADDPS  (DX), Y8, Y8
	VMOVUPS Y8, (DX)
	VADDPS  32(DX), Y9, Y9
	VMOVUPS Y9, 32(DX)
	ADDQ    R8, DX
	VADDPS  (DX), Y10, Y10
	VMOVUPS Y10, (DX)
	VADDPS  32(DX), Y11, Y11
	VMOVUPS Y11, 32(DX)
	VZEROUPPER
	RET

overwrite:
	STORE6x16
	VZEROUPPER
	RET
