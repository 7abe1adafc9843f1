"""Prints the Go / PyTorch table of bench/run.sh from its JSON lines: per
workload the Go run and the fastest PyTorch run (over the thread counts
tried)."""
import json
import sys


def main(path):
    go, torch = {}, {}
    order = []
    with open(path) as f:
        for line in f:
            line = line.strip()
            if not line.startswith("{"):
                continue
            r = json.loads(line)
            w = r["workload"]
            if w not in order:
                order.append(w)
            if r["impl"] == "go":
                go[w] = r
            elif w not in torch or r["seconds"] < torch[w]["seconds"]:
                torch[w] = r
    head = ("workload", "Go s", "PyTorch s", "Go/PyTorch", "Go acc", "PyTorch acc",
            "Go RSS MiB", "PyTorch RSS MiB", "torch threads")
    rows = []
    for w in order:
        g, t = go.get(w), torch.get(w)
        ratio = f"{g['seconds'] / t['seconds']:.2f}" if g and t else "-"
        rows.append((
            w,
            f"{g['seconds']:.3f}" if g else "-",
            f"{t['seconds']:.3f}" if t else "-",
            ratio,
            f"{g['accuracy']:.4f}" if g else "-",
            f"{t['accuracy']:.4f}" if t else "-",
            f"{g['peak_rss_mib']:.0f}" if g else "-",
            f"{t['peak_rss_mib']:.0f}" if t else "-",
            str(t["threads"]) if t else "-",
        ))
    widths = [max(len(str(x)) for x in col) for col in zip(head, *rows)]
    print("| " + " | ".join(h.ljust(n) for h, n in zip(head, widths)) + " |")
    print("|" + "|".join("-" * (n + 2) for n in widths) + "|")
    for r in rows:
        print("| " + " | ".join(str(x).ljust(n) for x, n in zip(r, widths)) + " |")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "/tmp/kosaku-bench-results.jsonl")
