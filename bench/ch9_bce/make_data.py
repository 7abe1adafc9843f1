"""Writes data.json for the chapter 9 benchmark: the 40 labelled 4x4 line
images passed through the chapter's fixed conv/pool stack (conv1 and conv2
with the horizontal/vertical kernels, ReLU, MaxPool2d(2, padding=1)), as
40 x 8 features and the chapter's 40 labels. The chapter elides most of its
images, so these are made to fit the labels: 0 = a horizontal line, 1 = a
vertical one, every third one bent by one pixel halfway along.

Run with Debian's python3: /usr/bin/python3 bench/ch9_bce/make_data.py
"""
import json
import os

import torch

LABELS = [0, 1, 0, 0, 1, 0, 0, 1, 0, 1,
          1, 0, 1, 0, 1, 1, 0, 1, 0, 0,
          1, 1, 0, 1, 0, 0, 1, 1, 0, 1,
          0, 0, 1, 0, 1, 0, 1, 0, 1, 1]


def image(i, label):
    img = -torch.ones(4, 4)
    pos = (i * 3) % 4
    bent = i % 3 == 2
    for t in range(4):
        p = pos
        if bent and t >= 2:
            p = pos + 1 if pos < 3 else pos - 1
        if label == 0:
            img[p, t] = 1
        else:
            img[t, p] = 1
    return img


h = [[-1., -1., -1.], [1., 1., 1.], [-1., -1., -1.]]
v = [[-1., 1., -1.], [-1., 1., -1.], [-1., 1., -1.]]
conv1 = torch.nn.Conv2d(1, 2, 3, padding=1, bias=False)
conv1.weight.data = torch.tensor([[h], [v]])
conv2 = torch.nn.Conv2d(2, 2, 3, padding=1, bias=False)
conv2.weight.data = torch.tensor([[h, h], [v, v]])
pool = torch.nn.MaxPool2d(2, padding=1)

inputs = torch.stack([image(i, l) for i, l in enumerate(LABELS)]).reshape(-1, 1, 4, 4)
with torch.no_grad():
    p1 = pool(torch.relu(conv1(inputs)))
    p2 = pool(torch.relu(conv2(p1)))
features = p2.reshape(-1, 8)
out = {"features": features.tolist(), "labels": LABELS}
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data.json")
with open(path + ".tmp", "w") as f:
    json.dump(out, f)
os.replace(path + ".tmp", path)
print(features[:4])
