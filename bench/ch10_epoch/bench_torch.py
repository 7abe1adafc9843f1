"""Chapter 10: get_loaders' random_split of the 60,000 training images into
48,000 / 12,000, then one epoch of the chapter's train() and validate()
with the chapter 8 CNN (SGD lr 0.001 momentum 0.9, batch 20), both timed;
accuracy = validation accuracy."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from torchbench import CNN, Timer, chapter_sgd, evaluate, mnist, report, torch, train_epoch  # noqa: E402
from torch.utils.data import DataLoader, random_split  # noqa: E402

torch.manual_seed(0)
trainset = mnist(True)
train_size = int(len(trainset) * 0.8)
train_set, valid_set = random_split(trainset, (train_size, len(trainset) - train_size))
trainloader = DataLoader(train_set, batch_size=20, shuffle=True)
validloader = DataLoader(valid_set, batch_size=20, shuffle=False)
net = CNN()
criterion, optimizer = chapter_sgd(net)
with Timer() as t:
    t_loss, t_correct = train_epoch(net, trainloader, criterion, optimizer)
    v_loss, v_correct = evaluate(net, validloader, criterion)
report("ch10_epoch", t.seconds, v_correct / len(valid_set),
       train_loss=t_loss / len(train_set), train_accuracy=t_correct / len(train_set),
       valid_loss=v_loss / len(valid_set))
