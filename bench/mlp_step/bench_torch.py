"""mlp_step: the compute of one training step of chapter 7's 784-64-10 net at
batch 20 on a fixed batch, as mlp_step/main.go."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from torchbench import STEP_BATCH, time_steps, torch  # noqa: E402

# As main.go's mlpStepFlops.
FLOPS = 2 * STEP_BATCH * (3 * (784*64 + 64*10) - 784*64)


class Net(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = torch.nn.Linear(784, 64)
        self.fc2 = torch.nn.Linear(64, 10)

    def forward(self, x):
        return self.fc2(torch.relu(self.fc1(x)))


torch.manual_seed(0)
time_steps("mlp_step", Net(), torch.randn(STEP_BATCH, 784), FLOPS)
