package plot

import (
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/kosaku-dl/kosaku/pkg/internal/nbdisplay"
)

// Live is a training chart that redraws in place while a cell runs, with a
// progress line above it:
//
//	live := plot.NewLive().XLabel("epoch").YLabel("loss")
//	for epoch := 1; epoch <= 50; epoch++ {
//		...
//		live.Add("train", float64(epoch), trainLoss).Add("validation", float64(epoch), validLoss)
//		live.Panel("accuracy").Add("train", float64(epoch), trainAcc).Add("validation", float64(epoch), validAcc)
//		live.Progress("epoch %d/50  train %.4f  validation %.4f", epoch, trainLoss, validLoss)
//	}
//	live.Done()
//
// (see ExampleNewLive and ExampleLive_Panel).
//
// In a notebook the progress line is a text/plain output and the chart an
// image/png output, both replaced in place through Jupyter's display
// updates (display_data, then update_display_data with the same display
// id), so the saved notebook keeps exactly the final line and the final
// frame, and no terminal control codes. Outside a notebook each Progress
// prints one plain line, and Done can save the final chart to a file.
type Live struct {
	panels      []*LivePanel
	byName      map[string]*LivePanel
	sized       bool
	every       time.Duration
	lastDraw    time.Time
	line        string
	lineShown   string
	text, image *nbdisplay.Output
	textStarted bool
	drawnPoints int
	points      int
	saveTo      string
	done        bool
}

// LivePanel is one chart of a Live: the first is Live itself (Live.Add
// adds to it), more are made with Live.Panel and drawn to its right.
type LivePanel struct {
	live  *Live
	chart *LineChart
	index map[string]int
}

// NewLive starts an empty live chart. Series appear as Add names them.
func NewLive() *Live {
	l := &Live{every: 250 * time.Millisecond, byName: map[string]*LivePanel{},
		text: nbdisplay.NewOutput("kosaku-progress-"), image: nbdisplay.NewOutput("kosaku-live-")}
	l.panels = []*LivePanel{l.newPanel()}
	return l
}

func (l *Live) newPanel() *LivePanel {
	c := &LineChart{frame: frame{w: 640, h: 400}, grid: true}
	if len(l.panels) > 0 {
		c.xlabel = l.panels[0].chart.xlabel
	}
	return &LivePanel{live: l, chart: c, index: map[string]int{}}
}

// Title sets the first chart's title.
func (l *Live) Title(s string) *Live { l.panels[0].chart.Title(s); return l }

// XLabel sets the label under the x axis of every panel.
func (l *Live) XLabel(s string) *Live {
	for _, p := range l.panels {
		p.chart.XLabel(s)
	}
	return l
}

// YLabel sets the label beside the first chart's y axis.
func (l *Live) YLabel(s string) *Live { l.panels[0].chart.YLabel(s); return l }

// YRange fixes the first chart's y axis, so frames do not jump.
func (l *Live) YRange(lo, hi float64) *Live { l.panels[0].chart.YRange(lo, hi); return l }

// Size sets the size in pixels of each panel (default 640x400 for one
// panel, 500x360 each for more).
func (l *Live) Size(w, h int) *Live {
	for _, p := range l.panels {
		p.chart.Size(w, h)
	}
	l.sized = true
	return l
}

// Every sets the least time between two redraws of the chart (default
// 250ms): rendering a frame costs tens of milliseconds, and a fast loop
// (2000 iris epochs in a second) would otherwise spend its time drawing.
func (l *Live) Every(d time.Duration) *Live { l.every = d; return l }

// SaveTo makes Done write the final chart to path (.png or .svg), in a
// notebook or not.
func (l *Live) SaveTo(path string) *Live { l.saveTo = path; return l }

// Add appends the point (x, y) to the series called name of the first
// panel, creating the series (with the next colour) on first use.
func (l *Live) Add(name string, x, y float64) *Live {
	l.panels[0].Add(name, x, y)
	return l
}

// Panel returns the panel whose y axis is labelled name, adding it to the
// right of the others on first use:
//
//	live.Add("train", epoch, loss)                  // first panel: loss
//	live.Panel("accuracy").Add("train", epoch, acc) // second panel
func (l *Live) Panel(name string) *LivePanel {
	if p, ok := l.byName[name]; ok {
		return p
	}
	p := l.newPanel()
	p.chart.ylabel = name
	if l.sized {
		p.chart.w, p.chart.h = l.panels[0].chart.w, l.panels[0].chart.h
	}
	l.panels = append(l.panels, p)
	l.byName[name] = p
	return p
}

// Add appends the point (x, y) to the series called name of this panel.
func (p *LivePanel) Add(name string, x, y float64) *LivePanel {
	c := p.chart
	i, ok := p.index[name]
	if !ok {
		i = len(c.series)
		p.index[name] = i
		c.series = append(c.series, series{label: name, color: seriesColor(i)})
	}
	s := &c.series[i]
	s.xs = append(s.xs, x)
	s.ys = append(s.ys, y)
	p.live.points++
	return p
}

// YRange fixes this panel's y axis (for accuracies, 0..1).
func (p *LivePanel) YRange(lo, hi float64) *LivePanel { p.chart.YRange(lo, hi); return p }

// Chart returns this panel's line chart with the points so far.
func (p *LivePanel) Chart() *LineChart { return p.chart }

// Chart returns the first panel's line chart with the points so far, to
// show or save it as a still image later.
func (l *Live) Chart() *LineChart { return l.panels[0].chart }

// Frame returns what a frame shows: the first panel's chart, or all
// panels side by side.
func (l *Live) Frame() Chart {
	var charts []Chart
	for _, p := range l.panels {
		if len(p.chart.series) == 0 {
			continue
		}
		if len(l.panels) > 1 && !l.sized {
			p.chart.w, p.chart.h = 500, 360
		}
		charts = append(charts, p.chart)
	}
	if len(charts) == 1 {
		return charts[0]
	}
	return Row(charts...)
}

// Progress sets the progress line (fmt.Sprintf of format and args) and
// redraws if the last frame is older than Every. Outside a notebook it
// prints the line.
func (l *Live) Progress(format string, args ...any) {
	l.line = strings.TrimRight(fmt.Sprintf(format, args...), "\n")
	if !nbdisplay.IsNotebook() {
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
	if nbdisplay.IsNotebook() && time.Since(l.lastDraw) >= l.every {
		l.flush()
	}
}

// Done draws the final frame and line, waits until the notebook has them
// (outputs still in the pipe are lost when a cell's process exits), and
// saves the chart if SaveTo asked for it. The first error from saving is
// returned.
func (l *Live) Done() error {
	if l.done {
		return nil
	}
	l.done = true
	if nbdisplay.IsNotebook() {
		l.flush()
		nbdisplay.Sync()
	}
	if l.saveTo == "" || l.points == 0 {
		return nil
	}
	if err := l.Frame().Save(l.saveTo); err != nil {
		return err
	}
	if !nbdisplay.IsNotebook() {
		fmt.Fprintln(output(), "plot: wrote", l.saveTo)
	}
	return nil
}

// flush sends the progress line and, when points arrived since the last
// frame, a new frame. The line goes first, so it sits above the chart.
func (l *Live) flush() {
	l.lastDraw = time.Now()
	if l.line != l.lineShown || !l.textStarted {
		l.text.Update(nbdisplay.TextType, l.line)
		l.lineShown, l.textStarted = l.line, true
	}
	if l.points == l.drawnPoints {
		return
	}
	b, err := l.Frame().PNG()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return
	}
	l.drawnPoints = l.points
	l.image.Update(nbdisplay.PNGType, b)
}
