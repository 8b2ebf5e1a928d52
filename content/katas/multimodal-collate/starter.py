import torch
import torch.nn.functional as F


def collate(batch):
    """Collate a list of {"input_ids", "image", "label"} dicts into one batch.

    Returns {"input_ids": (B, Lmax) long, right-padded with 0,
             "attention_mask": (B, Lmax) long, 1 = real token,
             "images": (B, 3, 224, 224), bilinear resize (align_corners=False),
             "labels": (B,) long}, all on the inputs' device.
    """
    raise NotImplementedError
