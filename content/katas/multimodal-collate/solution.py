import torch
import torch.nn.functional as F

IMAGE_SIZE = (224, 224)


def collate(batch):
    device = batch[0]["input_ids"].device
    lengths = torch.tensor([len(item["input_ids"]) for item in batch], device=device)
    max_len = int(lengths.max())
    input_ids = torch.zeros(len(batch), max_len, dtype=torch.long, device=device)
    for row, item in enumerate(batch):
        input_ids[row, : len(item["input_ids"])] = item["input_ids"]
    attention_mask = (torch.arange(max_len, device=device)[None, :] < lengths[:, None]).long()
    images = torch.stack(
        [
            F.interpolate(
                item["image"][None], size=IMAGE_SIZE, mode="bilinear", align_corners=False
            )[0]
            for item in batch
        ]
    )
    labels = torch.tensor([item["label"] for item in batch], dtype=torch.long, device=device)
    return {
        "input_ids": input_ids,
        "attention_mask": attention_mask,
        "images": images,
        "labels": labels,
    }
