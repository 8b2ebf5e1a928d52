import torch
import torch.nn.functional as F
from torch.nn.utils.rnn import pad_sequence


def collate(batch):
    device = batch[0]["input_ids"].device
    input_ids = pad_sequence([item["input_ids"] for item in batch], batch_first=True, padding_value=0)
    attention_mask = input_ids != 0
    images = torch.stack(
        [F.interpolate(item["image"][None], size=(224, 224), mode="bilinear", align_corners=False)[0]
         for item in batch]
    )
    labels = torch.tensor([item["label"] for item in batch], dtype=torch.long, device=device)
    return {"input_ids": input_ids, "attention_mask": attention_mask, "images": images, "labels": labels}
