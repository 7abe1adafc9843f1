// Package plot draws the lessons' charts in one line from a notebook cell,
// and shows them inline in Jupyter through GoNB.
//
// Every chart kind is built by one function, refined by chained options,
// and ended with Show (inline in the notebook) or Save (a .png or .svg file):
//
//	plot.Line(outputs, losses).Marker(1.95, 0.0025).HSegment(0.0025, 1.9, 1.95, plot.Dotted).Show()  // chapter 5
//	plot.Line(nil, trainLoss).Label("train").Add(nil, validLoss).Label("validation").Grid().Show() // chapter 10
//	plot.Line(outputs, losses).Marker(1.95, 0.0025).Tangent(1.95, 0.0025, -0.1, 0.03, plot.Solid).Show() // chapter 5
//	plot.Scatter(labels, outputs).Label("予測値").Diagonal(plot.Dashed).Show()                      // chapter 2
//	plot.ScatterMatrix(iris.Data, iris.Target, featureNames, classNames).Show()                    // chapter 3
//	plot.Image(images.Index(0)).Show()                                                            // chapter 7, [1 28 28]
//	plot.Images(digits).Titles(guesses...).Mark(wrong...).Show()                                  // chapter 7, wrong guesses framed in red
//	plot.Heatmap(counts).Values("%.0f").RowLabels("正解", d...).ColLabels("予測", d...).Show()       // chapter 7, confusion matrix
//	plot.Heatmap(featureMap).Values("").Show()                                                    // chapter 8
//	plot.Heatmaps(maps).Cols(2).Show()                                                            // chapter 9, [N C H W]
//	plot.Network(4, 5, 3).Show()                                                                  // chapters 1–4
//	plot.Network(1, 5).EdgeLabelsFrom(0, 0, "w₀", "w₁", "w₂", "w₃", "w₄").BiasLabels(1, "b₀", "b₁", "b₂", "b₃", "b₄").Show() // chapter 1
//	plot.AutogradGraph(loss).Name(w, "w").Show()                                                  // chapter 5, torchviz style
//	plot.Row(lossChart, accuracyChart).Show()                                                     // side by side
//
// Each line runs, drawn with PNG instead of Show, in an Example of its function.
//
// Data is given as plain Go slices ([]float64, [][]float64, []float32,
// []int, ...) or as tensors (*tensor.Tensor of any dtype, or any value
// with its Array methods).
// Programmer errors (ragged rows, mismatched lengths, a batch where one
// image was expected) panic with a message naming the function.
//
// # Display
//
// Charts are rendered with gonum/plot. Show sends exactly one image/png
// output to GoNB and then waits until GoNB has it (gonbui's DisplayPng and
// Sync, through the display path pkg/train shares), because an output
// still in transit is lost when the cell's process exits. PNG alone,
// with no text/html alternative, is what shows everywhere: JupyterLab,
// the classic Notebook, trusted or not, nbconvert's HTML and GitHub.
// Outside a notebook Show writes the PNG into $KOSAKU_PLOT_DIR if that is
// set, and otherwise prints one line; Save works anywhere.
//
// # Live training charts
//
// Live redraws a line chart in place while a cell runs, with a progress
// line above it, through Jupyter display updates (a text/plain and an
// image/png output, each with its own display id): the saved notebook keeps
// only the final line and the final frame, and no terminal control codes.
// Redraws are throttled (Live.Every). Outside a notebook each Progress
// prints a plain line. See ExampleNewLive.
//
// # Interactive charts
//
// Line charts, images, heatmaps and network diagrams have an Interactive
// variant drawn by Apache ECharts (options built with go-echarts): zoom,
// values on hover, series toggled from the legend. The echarts script (npm
// echarts 5.6.0, Apache-2.0, embedded from assets/) is inlined into the
// output, never loaded from a remote host, wrapped so that RequireJS in the
// classic Notebook does not capture it, and started only once its div
// exists. The chart's div first holds the still PNG, which stays visible
// where scripts do not run (untrusted or saved notebooks, GitHub). Each
// interactive output carries the script, about 1 MB, so a notebook should
// use a few, not dozens.
//
// # Japanese text
//
// Titles, axis labels, legends and node labels may be Japanese. Each
// character is drawn with Liberation Sans (gonum/plot's bundled font) when
// it has the glyph, so Latin text looks as gonum draws it, and otherwise
// with an embedded subset of Noto Sans CJK JP (SIL OFL 1.1, 1.8 MB: kana,
// all JIS X 0208 kanji and symbols, fullwidth forms and every character of
// the series; see assets/README.md). Bold Japanese is the regular glyphs
// drawn twice. A character neither font has is drawn as an empty box, never
// dropped; MissingGlyphs lists them. SVG output names the fonts and leaves
// drawing to the viewer's own fonts.
package plot
