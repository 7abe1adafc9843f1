package plot_test

import (
	"fmt"

	"github.com/kosaku-dl/kosaku/pkg/datasets"
	"github.com/kosaku-dl/kosaku/pkg/nn"
	"github.com/kosaku-dl/kosaku/pkg/plot"
	"github.com/kosaku-dl/kosaku/pkg/tensor"
)

// Chapter 1's figure: the first input node I₀, the five hidden nodes
// H₀ … H₄, the weights w₀ … w₄ on the edges and the biases b₀ … b₄.
func ExampleNetworkChart_EdgeLabelsFrom() {
	png, err := plot.Network(1, 5).
		NodeLabels(0, "I₀").NodeLabels(1, "H₀", "H₁", "H₂", "H₃", "H₄").
		EdgeLabelsFrom(0, 0, "w₀", "w₁", "w₂", "w₃", "w₄").
		BiasLabels(1, "b₀", "b₁", "b₂", "b₃", "b₄").
		LayerNames("入力層", "隠れ層").Title("重みとバイアス").
		PNG() // in a notebook: .Show()
	fmt.Println(err)
	pngSize(png)
	// Output:
	// <nil>
	// 560x400
}

// Chapter 4's figure: the bias as one more node x₀ (always 1) per layer,
// and the weights w₁₀ … w₁₄ of the values passed to the first hidden node.
func ExampleNetworkChart_EdgeLabelsTo() {
	png, err := plot.Network(4, 5, 1).
		BiasNode(0, "x₀").BiasNode(1, "y₀").
		NodeLabels(0, "x₁", "x₂", "x₃", "x₄").
		NodeLabels(1, "y₁", "y₂", "y₃", "y₄", "y₅").
		EdgeLabelsTo(0, 0, "w₁₀", "w₁₁", "w₁₂", "w₁₃", "w₁₄").
		InputLabels("がく片の長さ", "がく片の幅", "花びらの長さ", "花びらの幅").
		LayerNames("入力層", "隠れ層", "出力層").
		PNG() // in a notebook: .Show()
	fmt.Println(len(png) > 0, err)
	fmt.Println(plot.MissingGlyphs("がく片の長さ w₁₀"))
	// Output:
	// true <nil>
	// []
}

// Chapter 5's computation graph: from the weight w through w * x to the
// MSE loss, as torchviz's make_dot draws it.
func ExampleAutogradGraph() {
	w := tensor.New([][]float64{{1.95}}).RequiresGrad()
	x := tensor.FromSlice([]float32{1.0}, 1)
	t := tensor.New([][]float64{{2.0}})
	criterion := nn.NewMSELoss()
	loss := criterion.Forward(w.Mul(x), t)

	for _, n := range tensor.Graph(loss) {
		fmt.Println(n.Name, n.Inputs)
	}
	png, err := plot.AutogradGraph(loss).Name(w, "w").PNG() // in a notebook: .Show()
	fmt.Println(len(png) > 0, err)
	// Output:
	// MseLossBackward0 [1]
	// MulBackward0 [2]
	// AccumulateGrad []
	// true <nil>
}

// Chapter 5's loss curve (output - 2)^2 with its tangent at the current output
// 1.95: the tangent's slope, -0.1, is the gradient the chapter computes.
func ExampleLineChart_Tangent() {
	outputs := []float64{1.9, 1.925, 1.95, 1.975, 2, 2.025, 2.05, 2.075, 2.1}
	losses := make([]float64, len(outputs))
	for i, o := range outputs {
		losses[i] = (o - 2) * (o - 2)
	}
	png, err := plot.Line(outputs, losses).Marker(1.95, 0.0025).
		Tangent(1.95, 0.0025, -0.1, 0.03, plot.Solid).
		XLabel("出力").YLabel("損失").
		PNG() // in a notebook: .Show()
	fmt.Println(len(png) > 0, err)
	// Output: true <nil>
}

// Chapter 2's predictions against the labels: each dot is one sample, the
// dashed line is where a prediction equals its label.
func ExampleScatter() {
	labels := []float64{0, 0, 1, 1, 2, 2}
	outputs := []float64{0.08, -0.03, 0.93, 1.11, 1.86, 2.04}
	png, err := plot.Scatter(labels, outputs).Label("予測値").Diagonal(plot.Dashed).
		XLabel("正解ラベル").YLabel("予測値").
		PNG() // in a notebook: .Show()
	fmt.Println(len(png) > 0, err)
	// Output: true <nil>
}

// Chapter 3's look at the data set: every pair of the four iris features,
// coloured by species.
func ExampleScatterMatrix() {
	iris := datasets.Iris()
	png, err := plot.ScatterMatrix(iris.Data, iris.Target,
		[]string{"がく片の長さ", "がく片の幅", "花びらの長さ", "花びらの幅"},
		[]string{"setosa", "versicolor", "virginica"}).
		Title("アヤメの特徴量").
		PNG() // in a notebook: .Show()
	fmt.Println(err)
	pngSize(png)
	// Output:
	// <nil>
	// 650x670
}

// Chapter 7 beyond the chapter: test digits titled with the network's
// guesses, the wrong guesses framed in red.
func ExampleMatrixChart_Mark() {
	testset, err := datasets.MNIST("", false, nil, false)
	if err != nil {
		fmt.Println(err)
		return
	}
	predicted := []int{7, 2, 1, 0, 4, 1, 4, 9, 6, 9} // what a network said
	var images []any
	var titles []string
	var wrong []int
	for i, p := range predicted {
		images = append(images, testset.Data.Image(i))
		titles = append(titles, fmt.Sprintf("予測 %d", p))
		if p != testset.Label(i) {
			wrong = append(wrong, i)
		}
	}
	fmt.Println("wrong:", wrong)
	png, err := plot.Images(images).Cols(5).Titles(titles...).Mark(wrong...).
		PNG() // in a notebook: .Show()
	fmt.Println(len(png) > 0, err)
	// Output:
	// wrong: [8]
	// true <nil>
}

// A confusion matrix: how often each digit (row) was taken for each digit
// (column), the counts written in the cells.
func ExampleMatrixChart_RowLabels() {
	counts := [][]float64{{97, 1, 2}, {0, 95, 5}, {3, 4, 93}}
	classes := []string{"0", "1", "2"}
	png, err := plot.Heatmap(counts).Values("%.0f").
		RowLabels("正解", classes...).ColLabels("予測", classes...).
		Title("混同行列").PNG() // in a notebook: .Show()
	fmt.Println(len(png) > 0, err)
	// Output: true <nil>
}
