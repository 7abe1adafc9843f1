# How often do chapters 2 and 3's iris nets reach the floor (100 of 112 train)
# in PyTorch, over the seeds accuracy_test.go trains? Run with Debian's python:
#   OPENBLAS_NUM_THREADS=1 /usr/bin/python3 bench/accuracy/iris_seeds_torch.py
# Printed on the project machine (torch 1.13.1, scikit-learn 1.2):
#   mse     [110, 109, 104, 108, 110, 108, 108, 106, 106, 108, 111, 103, 40, 79, 107, 110, 108, 107, 105, 99] 17 of 20
#   softmax [110, 109, 109, 110, 110, 111, 110, 111, 111, 109, 110, 109, 110, 110, 109, 110, 109, 109, 109, 109] 20 of 20
import torch
import torch.nn as nn
import torch.nn.functional as F
from sklearn.datasets import load_iris
from sklearn.model_selection import train_test_split

torch.set_num_threads(1)
iris = load_iris()
for kind in ("mse", "softmax"):
    correct = []
    for seed in range(20):
        torch.manual_seed(seed)
        xtr, _, ytr, _ = train_test_split(iris.data, iris.target, random_state=seed)
        x = torch.tensor(xtr, dtype=torch.float32)
        y = torch.tensor(ytr)
        fc1, fc2 = nn.Linear(4, 5), nn.Linear(5, 1 if kind == "mse" else 3)
        opt = torch.optim.SGD(list(fc1.parameters()) + list(fc2.parameters()),
                              lr=0.003 if kind == "mse" else 0.3)
        for _ in range(2000):
            opt.zero_grad()
            out = fc2(torch.sigmoid(fc1(x)))
            if kind == "mse":
                loss = F.mse_loss(out, y.float().reshape(-1, 1))
            else:
                loss = F.cross_entropy(torch.softmax(out, 1), y)
            loss.backward()
            opt.step()
        with torch.no_grad():
            out = fc2(torch.sigmoid(fc1(x)))
            pred = (out + 0.5).int().reshape(-1) if kind == "mse" else out.argmax(1)
        correct.append(int((pred == y).sum()))
    print(kind, correct, sum(c >= 100 for c in correct), "of 20")
