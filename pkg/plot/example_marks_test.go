package plot_test

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/kosaku-dl/kosaku/pkg/datasets"
	"github.com/kosaku-dl/kosaku/pkg/plot"
)

// Chapter 7 beyond the chapter: test digits titled with the network's
// guesses, the wrong guesses framed in red.
func ExampleMatrixChart_Mark() {
	dir, _ := os.MkdirTemp("", "plot-example")
	defer os.RemoveAll(dir)

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
	err = plot.Images(images).Cols(5).Titles(titles...).Mark(wrong...).
		Save(filepath.Join(dir, "digits.png")) // in a notebook: .Show()
	fmt.Println(err)
	// Output:
	// wrong: [8]
	// <nil>
}

// A confusion matrix: how often each digit (row) was taken for each digit
// (column), the counts written in the cells.
func ExampleMatrixChart_RowLabels() {
	dir, _ := os.MkdirTemp("", "plot-example")
	defer os.RemoveAll(dir)

	counts := [][]float64{{97, 1, 2}, {0, 95, 5}, {3, 4, 93}}
	classes := []string{"0", "1", "2"}
	err := plot.Heatmap(counts).Values("%.0f").
		RowLabels("正解", classes...).ColLabels("予測", classes...).
		Title("混同行列").Save(filepath.Join(dir, "confusion.png"))
	fmt.Println(err)
	// Output: <nil>
}
