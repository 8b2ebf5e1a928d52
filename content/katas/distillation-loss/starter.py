import torch
import torch.nn.functional as F


def distillation_loss(student_logits, teacher_logits, labels, temperature, alpha):
    """alpha * T^2 * KL(softmax(t/T) || softmax(s/T)) (batchmean) + (1 - alpha) * CE(s, labels).

    student_logits, teacher_logits: (N, C); labels: (N,) long. Returns a 0-dim tensor.
    """
    raise NotImplementedError
