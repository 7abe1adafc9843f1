package datasets

import (
	_ "embed"
	"fmt"
	"strconv"
	"strings"
)

// irisCSV is scikit-learn 1.2's sklearn/datasets/data/iris.csv byte for byte (SHA-256
// f13ffa8fdd56fd8e6c8d16d4081a3fbd3114bcd0aae4256c43205169cd9d1449): a header line
// "150,4,setosa,versicolor,virginica", then one line per flower. It carries the two
// corrections scikit-learn applies to the UCI file (row 35 petal width 0.2, row 38
// sepal width 3.6 and petal length 1.4), so load_iris and Iris agree on every value.
//
//go:embed iris.csv
var irisCSV string

// parseIrisCSV reads the embedded file into 150 rows of 4 features and 150 labels. The
// file is part of the binary, so a failure here is a build defect and panics.
func parseIrisCSV() (rows [][]float64, labels []int64, classes []string) {
	lines := strings.Split(strings.TrimSpace(irisCSV), "\n")
	head := strings.Split(lines[0], ",")
	n, _ := strconv.Atoi(head[0])
	nf, _ := strconv.Atoi(head[1])
	classes = head[2:]
	if n != len(lines)-1 {
		panic(fmt.Sprintf("datasets.Iris: embedded iris.csv announces %d rows and holds %d", n, len(lines)-1))
	}
	rows = make([][]float64, n)
	labels = make([]int64, n)
	for i, line := range lines[1:] {
		cells := strings.Split(strings.TrimSpace(line), ",")
		if len(cells) != nf+1 {
			panic(fmt.Sprintf("datasets.Iris: embedded iris.csv line %d has %d cells, want %d", i+2, len(cells), nf+1))
		}
		rows[i] = make([]float64, nf)
		for j := range nf {
			v, err := strconv.ParseFloat(cells[j], 64)
			if err != nil {
				panic(fmt.Sprintf("datasets.Iris: embedded iris.csv line %d: %v", i+2, err))
			}
			rows[i][j] = v
		}
		c, err := strconv.Atoi(cells[nf])
		if err != nil || c < 0 || c >= len(classes) {
			panic(fmt.Sprintf("datasets.Iris: embedded iris.csv line %d: bad class %q", i+2, cells[nf]))
		}
		labels[i] = int64(c)
	}
	return rows, labels, classes
}
