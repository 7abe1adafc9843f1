package plot

import (
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/janpfeifer/gonb/gonbui"
	"github.com/janpfeifer/gonb/gonbui/protocol"
)

// Live is a training chart that redraws in place while a cell runs, with a
// progress line above it:
//
//	live := plot.NewLive().XLabel("epoch").YLabel("loss")
//	for epoch := 1; epoch <= 50; epoch++ {
//		...
//		live.Add("train", float64(epoch), trainLoss).Add("validation", float64(epoch), validLoss)
//		live.Progress("epoch %d/50  train %.4f  validation %.4f", epoch, trainLoss, validLoss)
//	}
//	live.Done()
//
// In a notebook the progress line is a text/plain output and the chart an
// image/png output, both replaced in place through Jupyter's display
// updates, so the saved notebook keeps exactly the final line and the final
// frame (and no terminal control codes). Outside a notebook each Progress
// prints one plain line, and Done can save the final chart to a file.
type Live struct {
	chart       *LineChart
	index       map[string]int
	every       time.Duration
	lastDraw    time.Time
	line        string
	lineShown   string
	textID      string
	imageID     string
	textStarted bool
	drawnPoints int
	points      int
	saveTo      string
	done        bool
}

// NewLive starts an empty live chart. Series appear as Add names them.
func NewLive() *Live {
	return &Live{
		chart: &LineChart{frame: frame{w: 640, h: 400}, grid: true},
		index: map[string]int{},
		every: 250 * time.Millisecond,
	}
}

// Title sets the chart's title.
func (l *Live) Title(s string) *Live { l.chart.Title(s); return l }

// XLabel sets the label under the x axis.
func (l *Live) XLabel(s string) *Live { l.chart.XLabel(s); return l }

// YLabel sets the label beside the y axis.
func (l *Live) YLabel(s string) *Live { l.chart.YLabel(s); return l }

// YRange fixes the y axis (for accuracies, 0..1), so frames do not jump.
func (l *Live) YRange(lo, hi float64) *Live { l.chart.YRange(lo, hi); return l }

// Size sets the chart size in pixels (default 640x400).
func (l *Live) Size(w, h int) *Live { l.chart.Size(w, h); return l }

// Every sets the least time between two redraws of the chart (default
// 250ms): rendering a frame costs tens of milliseconds, and a fast loop
// (2000 iris epochs in a second) would otherwise spend its time drawing.
func (l *Live) Every(d time.Duration) *Live { l.every = d; return l }

// SaveTo makes Done write the final chart to path (.png or .svg),
// in a notebook or not.
func (l *Live) SaveTo(path string) *Live { l.saveTo = path; return l }

// Add appends the point (x, y) to the series called name, creating the
// series (with the next colour) on first use.
func (l *Live) Add(name string, x, y float64) *Live {
	i, ok := l.index[name]
	if !ok {
		i = len(l.chart.series)
		l.index[name] = i
		l.chart.series = append(l.chart.series, series{label: name, color: seriesColor(i)})
	}
	s := &l.chart.series[i]
	s.xs = append(s.xs, x)
	s.ys = append(s.ys, y)
	l.points++
	return l
}

// Progress sets the progress line (fmt.Sprintf of format and args) and
// redraws if the last frame is older than Every. Outside a notebook it
// prints the line.
func (l *Live) Progress(format string, args ...any) {
	l.line = strings.TrimRight(fmt.Sprintf(format, args...), "\n")
	if !gonbui.IsNotebook {
		fmt.Fprintln(output(), l.line)
		return
	}
	if time.Since(l.lastDraw) >= l.every {
		l.flush()
	}
}

// Update redraws now if the last frame is older than Every; Progress does
// this already, Update serves loops that only Add.
func (l *Live) Update() {
	if gonbui.IsNotebook && time.Since(l.lastDraw) >= l.every {
		l.flush()
	}
}

// Chart returns the line chart holding the points added so far, to show
// or save it as a still image later.
func (l *Live) Chart() *LineChart { return l.chart }

// Done draws the final frame and line, waits until the notebook has them
// (outputs still in the pipe are lost when a cell's process exits), and
// saves the chart if SaveTo asked for it. The first error from saving is
// returned.
func (l *Live) Done() error {
	if l.done {
		return nil
	}
	l.done = true
	if gonbui.IsNotebook {
		l.flush()
		gonbui.Sync()
	}
	if l.saveTo == "" || len(l.chart.series) == 0 {
		return nil
	}
	if err := l.chart.Save(l.saveTo); err != nil {
		return err
	}
	if !gonbui.IsNotebook {
		fmt.Fprintln(output(), "plot: wrote", l.saveTo)
	}
	return nil
}

// flush sends the progress line and, when points arrived since the last
// frame, a new frame. The line goes first, so it sits above the chart.
func (l *Live) flush() {
	l.lastDraw = time.Now()
	if l.textID == "" {
		l.textID = "kosaku-progress-" + gonbui.UniqueId()
		l.imageID = "kosaku-live-" + gonbui.UniqueId()
	}
	if l.line != l.lineShown || !l.textStarted {
		gonbui.SendData(&protocol.DisplayData{
			Data:      map[protocol.MIMEType]any{protocol.MIMETextPlain: l.line},
			DisplayID: l.textID,
		})
		l.lineShown, l.textStarted = l.line, true
	}
	if l.points == l.drawnPoints || len(l.chart.series) == 0 {
		return
	}
	b, err := l.chart.PNG()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return
	}
	l.drawnPoints = l.points
	// A display update with an id: the first message creates the output,
	// later ones replace it, and nbclient saves the last one.
	gonbui.SendData(&protocol.DisplayData{
		Data:      map[protocol.MIMEType]any{protocol.MIMEImagePNG: b},
		DisplayID: l.imageID,
	})
}
