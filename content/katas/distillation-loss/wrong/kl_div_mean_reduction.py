import torch
import torch.nn.functional as F


def distillation_loss(student_logits, teacher_logits, labels, temperature, alpha):
    t = temperature
    log_p_student = F.log_softmax(student_logits / t, dim=-1)
    log_p_teacher = F.log_softmax(teacher_logits.detach() / t, dim=-1)
    # reduction='mean' averages over all N * C elements instead of over the batch.
    kl = F.kl_div(log_p_student, log_p_teacher, reduction="mean", log_target=True)
    ce = F.cross_entropy(student_logits, labels)
    return alpha * t * t * kl + (1.0 - alpha) * ce
