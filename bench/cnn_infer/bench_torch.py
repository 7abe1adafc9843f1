"""CNN inference: the chapter 8 CNN, trained one (untimed) epoch as in
mnist_cnn, then the timed part: eval mode, no grad, the 10,000 test images
through the test loader (batch 20, not shuffled), counting correct ones."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from torchbench import CNN, MNISTChapter, Timer, report, torch  # noqa: E402

torch.manual_seed(0)
c = MNISTChapter(CNN)
c.train_epoch()
with Timer() as t:
    _, correct = c.evaluate()
report("cnn_infer", t.seconds, correct / len(c.testset), correct=correct)
