package tensor

// contiguousStrides are the row-major element strides of shape.
func contiguousStrides(shape []int) []int {
	st := make([]int, len(shape))
	s := 1
	for i := len(shape) - 1; i >= 0; i-- {
		st[i] = s
		s *= shape[i]
	}
	return st
}

// stridedRows calls row(pos, off) for every innermost row of shape, in row-major
// order: pos is where the row starts in a contiguous layout of shape, off where it
// starts in storage read with the given element strides from offset off. A 0-d shape
// is one row of one element. It is the walk that gather, scatter and set share.
func stridedRows(shape, strides []int, off int, row func(pos, off int)) {
	n := numelOf(shape)
	if n == 0 {
		return
	}
	r := len(shape)
	if r == 0 {
		row(0, off)
		return
	}
	inner := shape[r-1]
	idx := make([]int, r-1)
	for pos := 0; pos < n; pos += inner {
		row(pos, off)
		for d := r - 2; d >= 0; d-- {
			idx[d]++
			off += strides[d]
			if idx[d] < shape[d] {
				break
			}
			off -= strides[d] * shape[d]
			idx[d] = 0
		}
	}
}

// innerRow is the length and element stride of shape's innermost rows (1 and 1 for a
// 0-d shape).
func innerRow(shape, strides []int) (n, stride int) {
	if len(shape) == 0 {
		return 1, 1
	}
	return shape[len(shape)-1], strides[len(shape)-1]
}

// stridedCopyT fills dst (row-major in shape) from src read at offset off with the given
// element strides; the innermost dim is a plain loop (or copy when contiguous).
func stridedCopyT[T any](dst, src []T, shape, strides []int, off int) {
	inner, is := innerRow(shape, strides)
	stridedRows(shape, strides, off, func(pos, off int) {
		row := dst[pos : pos+inner]
		if is == 1 {
			copy(row, src[off:off+inner])
			return
		}
		for i := range row {
			row[i] = src[off+i*is]
		}
	})
}

// gather returns a new contiguous tensor of shape whose elements are read from t at
// offset off with the given element strides (used by permute, slice and select).
func (t *Tensor) gather(shape, strides []int, off int) *Tensor {
	out := newTensor(t.dtype, shape)
	switch t.dtype {
	case Float32:
		stridedCopyT(out.f32, t.f32, shape, strides, off)
	case Float64:
		stridedCopyT(out.f64, t.f64, shape, strides, off)
	case Int64:
		stridedCopyT(out.i64, t.i64, shape, strides, off)
	case Int32:
		stridedCopyT(out.i32, t.i32, shape, strides, off)
	case Bool:
		stridedCopyT(out.b, t.b, shape, strides, off)
	}
	return out
}

// scatterAddT adds src (contiguous, shape) into dst at offset off with element strides:
// the adjoint of gather.
func scatterAddT[T number](dst, src []T, shape, strides []int, off int) {
	inner, is := innerRow(shape, strides)
	stridedRows(shape, strides, off, func(pos, off int) {
		for i, v := range src[pos : pos+inner] {
			dst[off+i*is] += v
		}
	})
}

// scatterInto places src into a zero tensor of fullShape at the positions given by
// strides and off (backward of slice, select and permute).
func scatterInto(src *Tensor, fullShape, strides []int, off int) *Tensor {
	full := newTensor(src.dtype, fullShape)
	scatter(full, src, strides, off, true)
	return full
}

// storageCopy copies n elements from src[soff:] to dst[doff:] (same dtype).
func storageCopy(dst *Tensor, doff int, src *Tensor, soff, n int) {
	switch dst.dtype {
	case Float32:
		copy(dst.f32[doff:doff+n], src.f32[soff:soff+n])
	case Float64:
		copy(dst.f64[doff:doff+n], src.f64[soff:soff+n])
	case Int64:
		copy(dst.i64[doff:doff+n], src.i64[soff:soff+n])
	case Int32:
		copy(dst.i32[doff:doff+n], src.i32[soff:soff+n])
	case Bool:
		copy(dst.b[doff:doff+n], src.b[soff:soff+n])
	}
}

// stridedSetT writes src (contiguous, shape) into dst at offset off with element strides:
// the assignment behind SetSlice (scatterAddT adds instead).
func stridedSetT[T any](dst, src []T, shape, strides []int, off int) {
	inner, is := innerRow(shape, strides)
	stridedRows(shape, strides, off, func(pos, off int) {
		row := src[pos : pos+inner]
		if is == 1 {
			copy(dst[off:off+inner], row)
			return
		}
		for i, v := range row {
			dst[off+i*is] = v
		}
	})
}

// scatterSet writes src (same dtype as dst) into dst's storage at off with strides.
func scatterSet(dst, src *Tensor, strides []int, off int) { scatter(dst, src, strides, off, false) }

// scatter writes src (contiguous, same dtype as dst) into dst's storage at off with
// strides: added to what is there when add (scatterAddT), assigned otherwise
// (stridedSetT). Bool tensors can only be assigned.
func scatter(dst, src *Tensor, strides []int, off int, add bool) {
	switch dst.dtype {
	case Float32:
		scatterNum(dst.f32, src.f32, src.shape, strides, off, add)
	case Float64:
		scatterNum(dst.f64, src.f64, src.shape, strides, off, add)
	case Int64:
		scatterNum(dst.i64, src.i64, src.shape, strides, off, add)
	case Int32:
		scatterNum(dst.i32, src.i32, src.shape, strides, off, add)
	case Bool:
		if add {
			panic("tensor: scatter of a bool tensor")
		}
		stridedSetT(dst.b, src.b, src.shape, strides, off)
	}
}

func scatterNum[T number](dst, src []T, shape, strides []int, off int, add bool) {
	if add {
		scatterAddT(dst, src, shape, strides, off)
	} else {
		stridedSetT(dst, src, shape, strides, off)
	}
}
