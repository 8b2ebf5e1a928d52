import torch
import torch.nn.functional as F


def collate(batch):
    device = batch[0]["input_ids"].device
    max_len = max(len(item["input_ids"]) for item in batch)
    input_ids = torch.zeros(len(batch), max_len, dtype=torch.long, device=device)
    attention_mask = torch.zeros(len(batch), max_len, dtype=torch.long, device=device)
    for row, item in enumerate(batch):
        n = len(item["input_ids"])
        input_ids[row, max_len - n :] = item["input_ids"]
        attention_mask[row, max_len - n :] = 1
    images = torch.stack(
        [F.interpolate(item["image"][None], size=(224, 224), mode="bilinear", align_corners=False)[0]
         for item in batch]
    )
    labels = torch.tensor([item["label"] for item in batch], dtype=torch.long, device=device)
    return {"input_ids": input_ids, "attention_mask": attention_mask, "images": images, "labels": labels}
