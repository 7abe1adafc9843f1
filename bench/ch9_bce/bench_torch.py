"""Chapter 9: Linear(8,10)-sigmoid-Linear(10,1)-sigmoid on the 40 x 8
features of data.json, BCELoss, SGD lr 0.03, 10,000 full-batch steps;
accuracy = share of the 40 samples on the right side of 0.5."""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
from torchbench import MLP, report, steps, torch  # noqa: E402

with open(os.path.join(HERE, "data.json")) as f:
    data = json.load(f)
inputs = torch.tensor(data["features"], dtype=torch.float32)
labels = torch.tensor(data["labels"], dtype=torch.float32)
torch.manual_seed(0)


net = MLP(8, 10, 1, torch.sigmoid, sigmoid_out=True)
criterion = torch.nn.BCELoss()
optimizer = torch.optim.SGD(net.parameters(), lr=0.03)
loss, seconds = steps(10000, optimizer, lambda: criterion(net(inputs).squeeze(), labels))
with torch.no_grad():
    correct = ((net(inputs).squeeze() >= 0.5).float() == labels).sum().item()
report("ch9_bce", seconds, correct / len(labels), final_loss=loss.item(), correct=correct)
