"""Reference values for pkg/data, from torchvision's transforms and scikit-learn's
train_test_split (Debian's python3-torchvision 0.14 and python3-sklearn 1.2).

Run with Debian's interpreter from the repository root:

    /usr/bin/python3 pkg/data/testdata/reference.py

It writes testdata/reference.json; the Go tests read only the JSON.
"""
import json
import pathlib

import numpy as np
import torch
import torchvision.transforms as transforms
from sklearn.model_selection import train_test_split

here = pathlib.Path(__file__).resolve().parent
out = {}

# Every uint8 value through ToTensor, alone and followed by Normalize, as one 16x16
# grayscale image (what ToTensor receives from a dataset: an HxW uint8 array).
pixels = np.arange(256, dtype=np.uint8).reshape(16, 16)
t = transforms.ToTensor()(pixels)
out["to_tensor"] = {"shape": list(t.shape), "dtype": str(t.dtype), "values": t.flatten().tolist()}
out["normalize"] = []
for mean, std in ((0.5, 0.5), (0.1307, 0.3081)):
    n = transforms.Compose([transforms.ToTensor(), transforms.Normalize((mean,), (std,))])(pixels)
    out["normalize"].append({"mean": mean, "std": std, "values": n.flatten().tolist()})

# A 3-channel float image through Normalize with per-channel mean and std.
g = torch.Generator().manual_seed(0)
img = torch.rand(3, 2, 4, generator=g)
norm = transforms.Normalize((0.485, 0.456, 0.406), (0.229, 0.224, 0.225))(img)
out["normalize_rgb"] = {"input": img.flatten().tolist(), "mean": [0.485, 0.456, 0.406],
                        "std": [0.229, 0.224, 0.225], "values": norm.flatten().tolist()}

# numpy's legacy RandomState(seed).permutation(n): what train_test_split shuffles with.
out["permutations"] = [
    {"seed": seed, "n": n, "perm": np.random.RandomState(seed).permutation(n).tolist()}
    for seed in (0, 1, 42, 123456789, 4294967295)
    for n in (1, 2, 10, 150, 1000)
]

# train_test_split of 150 rows: which original rows land in train and in test.
rows = np.arange(150)
splits = []
for kw in ({"random_state": 0}, {"random_state": 1}, {"random_state": 42},
           {"random_state": 0, "test_size": 0.2}, {"random_state": 7, "test_size": 0.33},
           {"random_state": 3, "test_size": 0.5}, {"shuffle": False}, {"shuffle": False, "test_size": 0.1}):
    tr, te = train_test_split(rows, **kw)
    splits.append({"kwargs": kw, "n": 150, "train": tr.tolist(), "test": te.tolist()})
for n, size in ((10, 0.25), (7, 0.3), (3, 0.5), (101, 0.25)):
    tr, te = train_test_split(np.arange(n), random_state=5, test_size=size)
    splits.append({"kwargs": {"random_state": 5, "test_size": size}, "n": n, "train": tr.tolist(), "test": te.tolist()})
out["train_test_split"] = splits

with open(here / "reference.json", "w") as f:
    json.dump(out, f, indent=1)
print("wrote", here / "reference.json")
