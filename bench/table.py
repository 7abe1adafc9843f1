"""Prints the Go / PyTorch tables of bench/run.sh from its JSON lines: per
workload the Go run and the fastest PyTorch run (over the thread counts tried).

Two views: the step workloads (compute of one training step on a fixed batch:
ms and CPU ms per step, GFLOP/s) and the reader's workloads (what a lesson's
cell waits for, loader included: seconds, accuracy, peak memory). The machine's
load average at the start and end of the run is printed with them."""
import json
import sys


def markdown(head, rows):
    widths = [max(len(str(x)) for x in col) for col in zip(head, *rows)]
    out = ["| " + " | ".join(h.ljust(n) for h, n in zip(head, widths)) + " |",
           "|" + "|".join("-" * (n + 2) for n in widths) + "|"]
    for r in rows:
        out.append("| " + " | ".join(str(x).ljust(n) for x, n in zip(r, widths)) + " |")
    return "\n".join(out)


def main(path):
    go, torch, loads = {}, {}, []
    order = []
    with open(path) as f:
        for line in f:
            line = line.strip()
            if not line.startswith("{"):
                continue
            r = json.loads(line)
            if "load" in r:
                loads.append(r)
                continue
            w = r["workload"]
            if w not in order:
                order.append(w)
            if r["impl"] == "go":
                go[w] = r
            elif w not in torch or r["seconds"] < torch[w]["seconds"]:
                torch[w] = r
    for ld in loads:
        print(f"load at {ld['load']}: {ld['loadavg']} ({ld['date']}, {ld['cores']} cores)")
    print()

    def ratio(g, t, key=None):
        if not g or not t:
            return "-"
        a = g["detail"][key] if key else g["seconds"]
        b = t["detail"][key] if key else t["seconds"]
        return f"{a / b:.2f}"

    steps = [w for w in order if "ms_per_step" in (go.get(w) or torch.get(w))["detail"]]
    rest = [w for w in order if w not in steps]
    if steps:
        head = ("step workload", "Go ms", "PyTorch ms", "Go/PyTorch", "Go CPU ms", "PyTorch CPU ms",
                "CPU Go/PyTorch", "Go GFLOP/s", "PyTorch GFLOP/s", "torch threads")
        rows = []
        for w in steps:
            g, t = go.get(w), torch.get(w)
            gd, td = (g or {}).get("detail", {}), (t or {}).get("detail", {})
            rows.append((w,
                         f"{gd['ms_per_step']:.3f}" if g else "-",
                         f"{td['ms_per_step']:.3f}" if t else "-",
                         ratio(g, t, "ms_per_step"),
                         f"{gd['cpu_ms_per_step']:.3f}" if g else "-",
                         f"{td['cpu_ms_per_step']:.3f}" if t else "-",
                         ratio(g, t, "cpu_ms_per_step"),
                         f"{gd['gflops']:.1f}" if g else "-",
                         f"{td['gflops']:.1f}" if t else "-",
                         str(t["threads"]) if t else "-"))
        print(markdown(head, rows))
        print()
    if rest:
        head = ("workload", "Go s", "PyTorch s", "Go/PyTorch", "Go acc", "PyTorch acc",
                "Go RSS MiB", "PyTorch RSS MiB", "torch threads")
        rows = []
        for w in rest:
            g, t = go.get(w), torch.get(w)
            rows.append((w,
                         f"{g['seconds']:.3f}" if g else "-",
                         f"{t['seconds']:.3f}" if t else "-",
                         ratio(g, t),
                         f"{g['accuracy']:.4f}" if g else "-",
                         f"{t['accuracy']:.4f}" if t else "-",
                         f"{g['peak_rss_mib']:.0f}" if g else "-",
                         f"{t['peak_rss_mib']:.0f}" if t else "-",
                         str(t["threads"]) if t else "-"))
        print(markdown(head, rows))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "/tmp/kosaku-bench-results.jsonl")
