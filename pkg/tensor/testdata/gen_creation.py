"""Reference values for tensor creation (creation.json): torch.arange and torch.linspace
bit for bit, and str() of torch.tensor literals. Run with Debian's PyTorch 1.13:
    /usr/bin/python3 pkg/tensor/testdata/gen_creation.py
"""
import json
import os

import torch

torch.set_num_threads(1)
cases = []


def bits(t):
    """The elements exactly: JSON floats round-trip float64 (and so float32) values."""
    return t.tolist()


DT = {"float32": torch.float32, "float64": torch.float64, "int64": torch.int64, "int32": torch.int32}

for dt in ["float32", "float64"]:
    for (s, e, st) in [(1.9, 2.1, 0.005), (0, 1, 0.25), (0, 1, 0.1), (-3.3, 7.1, 0.37), (0.1, 5.0, 0.01),
                       (5, -5, -0.3), (0, 100, 1.1), (1e-3, 2, 0.013)]:
        t = torch.arange(s, e, st, dtype=DT[dt])
        cases.append({"op": "arange", "dtype": dt, "start": s, "end": e, "step": st, "values": bits(t), "str": str(t)})
for dt in ["int64", "int32"]:
    for (s, e, st) in [(0, 10, 2), (1, 21, 1), (10, -7, -3), (0, 100, 7)]:
        t = torch.arange(s, e, st, dtype=DT[dt])
        cases.append({"op": "arange", "dtype": dt, "start": s, "end": e, "step": st, "values": bits(t), "str": str(t)})

for dt in ["float32", "float64", "int64", "int32"]:
    for (s, e, n) in [(1.9, 2.1, 41), (0, 1, 5), (-1, 1, 100), (0.1, 7.3, 37), (0, 1, 1), (2, 3, 0), (-5.5, 3.7, 17),
                      (0, 10, 1000), (3, -2.5, 64), (0, 1, 2), (0, 1, 3)]:
        t = torch.linspace(s, e, n, dtype=DT[dt])
        cases.append({"op": "linspace", "dtype": dt, "start": s, "end": e, "steps": n, "values": bits(t), "str": str(t)})

# A seeded sweep of short ranges, which tells apart the rounding orders (fused or not).
import random
rng = random.Random(7)
for i in range(60):
    dt = ["float32", "float64"][i % 2]
    s, e = round(rng.uniform(-10, 10), 3), round(rng.uniform(-10, 10), 3)
    n = rng.randint(17, 48)
    t = torch.linspace(s, e, n, dtype=DT[dt])
    cases.append({"op": "linspace", "dtype": dt, "start": s, "end": e, "steps": n, "values": bits(t), "str": str(t)})
    lo, hi = min(s, e), max(s, e)
    st = round(rng.uniform(0.01, 0.7), 4)
    if (hi - lo) / st > 60:
        hi = lo + 60 * st
    t = torch.arange(lo, hi, st, dtype=DT[dt])
    cases.append({"op": "arange", "dtype": dt, "start": lo, "end": hi, "step": st, "values": bits(t), "str": str(t)})

# str() of literals as torch.tensor builds them.
lits = [
    ("float2d", [[1.95]], None),
    ("float1d", [0.1, 0.2, 0.30000001], None),
    ("float64", [0.1, 0.2], torch.float64),
    ("ints", [[1, 2], [3, 4]], None),
    ("bools", [True, False], None),
    ("int_as_float", [1, 2], torch.float32),
    ("scalar", 2.5, None),
    ("big_int", [9007199254740993, -9007199254740993], None),
]
for name, data, dt in lits:
    t = torch.tensor(data, dtype=dt) if dt is not None else torch.tensor(data)
    cases.append({"op": "literal", "name": name, "str": str(t)})

with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "creation.json"), "w") as f:
    json.dump({"torch": torch.__version__, "cases": cases}, f, indent=0)
