package plot

import (
	"fmt"
	"image"
	"image/color"
	"math"
	"reflect"

	"github.com/kosaku-dl/kosaku/pkg/tensor"
)

// Array is the part of a tensor that plot reads; *tensor.Tensor has it. A chart takes
// a tensor of any dtype, read in row-major order as float64 values.
type Array interface {
	ToFloat64s() []float64
	Dim() int
	Numel() int
	Shape() tensor.Size
}

// matrix is a row-major 2-D block of values. A block read from an
// image.Image keeps the picture's own colours in rgb (nil for a gray
// picture) and its values are 0..255, drawn as they are (native).
type matrix struct {
	rows, cols int
	data       []float64
	rgb        []color.RGBA
	native     bool
}

func (m matrix) at(r, c int) float64 { return m.data[r*m.cols+c] }

// toVector flattens a 1-D input: []float64, []float32, []int, or an Array
// (any shape, read in row-major order).
func toVector(op string, v any) []float64 {
	switch x := v.(type) {
	case []float64:
		return append([]float64(nil), x...)
	case []float32:
		return convert(x)
	case []int:
		return convert(x)
	case []int64:
		return convert(x)
	case []int32:
		return convert(x)
	case Array:
		return x.ToFloat64s()
	}
	panic(fmt.Sprintf("plot.%s: cannot read %T as a series (want []float64, []float32, []int or a tensor)", op, v))
}

func convert[T float32 | int | int64 | int32 | uint8](xs []T) []float64 {
	out := make([]float64, len(xs))
	for i, x := range xs {
		out[i] = float64(x)
	}
	return out
}

func convertRows[T float64 | float32 | int | int64 | int32 | uint8](op string, rows [][]T) matrix {
	if len(rows) == 0 || len(rows[0]) == 0 {
		panic(fmt.Sprintf("plot.%s: empty matrix", op))
	}
	m := matrix{rows: len(rows), cols: len(rows[0])}
	m.data = make([]float64, 0, m.rows*m.cols)
	for i, r := range rows {
		if len(r) != m.cols {
			panic(fmt.Sprintf("plot.%s: ragged matrix: row 0 has %d values, row %d has %d", op, m.cols, i, len(r)))
		}
		for _, x := range r {
			m.data = append(m.data, float64(x))
		}
	}
	return m
}

// toMatrix reads one 2-D block: an image.Image (any kind: *image.Gray from
// pkg/datasets, RGBA, NRGBA, Paletted, ...), [][]float64 (and other numeric element
// types), a 1-D slice whose length is a perfect square (a flattened square
// image such as MNIST's 784 pixels), or an Array whose shape is [H W] or has
// only leading 1s before H and W ([1 28 28], [1 1 5 5]).
func toMatrix(op string, v any) matrix {
	switch x := v.(type) {
	case image.Image:
		return fromImage(op, x)
	case [][]float64:
		return convertRows(op, x)
	case [][]float32:
		return convertRows(op, x)
	case [][]int:
		return convertRows(op, x)
	case [][]int64:
		return convertRows(op, x)
	case [][]uint8:
		return convertRows(op, x)
	case []uint8:
		return squareOf(op, convert(x))
	case Array:
		shape := []int(x.Shape())
		if len(shape) <= 1 {
			return squareOf(op, x.ToFloat64s())
		}
		for _, d := range shape[:len(shape)-2] {
			if d != 1 {
				panic(fmt.Sprintf("plot.%s: shape %v is not one 2-D image (use Images/Heatmaps for a batch)", op, shape))
			}
		}
		if shape[len(shape)-2] == 0 || shape[len(shape)-1] == 0 {
			panic(emptyMessage(op, shape))
		}
		return matrix{rows: shape[len(shape)-2], cols: shape[len(shape)-1], data: x.ToFloat64s()}
	case []float64, []float32, []int, []int64, []int32:
		return squareOf(op, toVector(op, v))
	}
	panic(fmt.Sprintf("plot.%s: cannot read %T as a 2-D array (want [][]float64, a square-length []float64, or a tensor)", op, v))
}

// emptyMessage is the panic for an input with no elements, which would otherwise reach
// the renderer and fail there in its own words ("invalid image size: 315x0").
func emptyMessage(op string, shape []int) string {
	return fmt.Sprintf("plot.%s: the input has shape %v, no elements: there is nothing to draw "+
		"(check how it was made: a slice or a mask that kept no rows gives an empty tensor)", op, shape)
}

func squareOf(op string, data []float64) matrix {
	if len(data) == 0 {
		panic(emptyMessage(op, []int{0}))
	}
	n := int(math.Round(math.Sqrt(float64(len(data)))))
	if n == 0 || n*n != len(data) {
		panic(fmt.Sprintf("plot.%s: a 1-D input of length %d is not a square image; pass rows ([][]float64) or a 2-D tensor", op, len(data)))
	}
	return matrix{rows: n, cols: n, data: data}
}

// toMatrices reads a batch of 2-D blocks: [][][]float64, []any whose items
// toMatrix reads, [][]float64 rows that are each a square image, or an
// Array of shape [N H W] or [N C H W] (giving N*C blocks in order).
func toMatrices(op string, v any) []matrix {
	switch x := v.(type) {
	case [][][]float64:
		out := make([]matrix, len(x))
		for i := range x {
			out[i] = convertRows(op, x[i])
		}
		return out
	case [][][]float32:
		out := make([]matrix, len(x))
		for i := range x {
			out[i] = convertRows(op, x[i])
		}
		return out
	case []image.Image:
		out := make([]matrix, len(x))
		for i := range x {
			out[i] = fromImage(op, x[i])
		}
		return out
	case []*image.Gray:
		out := make([]matrix, len(x))
		for i := range x {
			out[i] = fromImage(op, x[i])
		}
		return out
	case []any:
		out := make([]matrix, len(x))
		for i := range x {
			out[i] = toMatrix(op, x[i])
		}
		return out
	case [][]float64:
		out := make([]matrix, len(x))
		for i := range x {
			out[i] = squareOf(op, x[i])
		}
		return out
	case Array:
		shape := []int(x.Shape())
		if len(shape) < 3 {
			return []matrix{toMatrix(op, v)}
		}
		h, w := shape[len(shape)-2], shape[len(shape)-1]
		data := x.ToFloat64s()
		n := len(data) / (h * w)
		out := make([]matrix, n)
		for i := range out {
			out[i] = matrix{rows: h, cols: w, data: data[i*h*w : (i+1)*h*w]}
		}
		return out
	}
	return []matrix{toMatrix(op, v)}
}

// fromImage reads a picture: its luminance (0..255) as the values, and its
// colours, composited over white, unless every pixel is gray. A picture is
// drawn as it is, not stretched to its own min..max as a tensor is: a
// *image.Gray whose darkest pixel is 40 stays dark gray, not black.
func fromImage(op string, img image.Image) matrix {
	if img == nil || reflect.ValueOf(img).Kind() == reflect.Pointer && reflect.ValueOf(img).IsNil() {
		panic(fmt.Sprintf("plot.%s: nil image", op))
	}
	b := img.Bounds()
	if b.Empty() {
		panic(fmt.Sprintf("plot.%s: empty image (bounds %v)", op, b))
	}
	m := matrix{rows: b.Dy(), cols: b.Dx(), data: make([]float64, b.Dx()*b.Dy()), native: true}
	if g, ok := img.(*image.Gray); ok {
		for y := 0; y < m.rows; y++ {
			for x := 0; x < m.cols; x++ {
				m.data[y*m.cols+x] = float64(g.GrayAt(b.Min.X+x, b.Min.Y+y).Y)
			}
		}
		return m
	}
	m.rgb = make([]color.RGBA, len(m.data))
	gray := true
	for y := 0; y < m.rows; y++ {
		for x := 0; x < m.cols; x++ {
			r, g, bl, a := img.At(b.Min.X+x, b.Min.Y+y).RGBA() // premultiplied, 0..0xffff
			over := func(c uint32) uint8 { return uint8((c + (0xffff - a)) >> 8) }
			px := color.RGBA{over(r), over(g), over(bl), 0xff}
			m.rgb[y*m.cols+x] = px
			m.data[y*m.cols+x] = math.Round(0.299*float64(px.R) + 0.587*float64(px.G) + 0.114*float64(px.B))
			gray = gray && px.R == px.G && px.G == px.B
		}
	}
	if gray {
		m.rgb = nil
	}
	return m
}
