"""Hidden tests for the multimodal-collate kata.

PYTEST_DONT_REWRITE: plain asserts report only their own message.
"""

import torch
import torch.nn.functional as F
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from desktop.katas.checks import assert_close, assert_equal, assert_on_device

KEYS = {"input_ids", "attention_mask", "images", "labels"}


def _example(device, ids, hw, label, seed):
    g = torch.Generator().manual_seed(seed)
    return {
        "input_ids": torch.tensor(ids, dtype=torch.long, device=device),
        "image": torch.rand(3, *hw, generator=g).to(device),
        "label": label,
    }


def _expected_text(batch, device):
    """Loop reference: right padding with 0 and a long mask."""
    max_len = max(len(item["input_ids"]) for item in batch)
    ids = [[0] * max_len for _ in batch]
    mask = [[0] * max_len for _ in batch]
    for row, item in enumerate(batch):
        for col, token in enumerate(item["input_ids"].tolist()):
            ids[row][col] = token
            mask[row][col] = 1
    as_long = dict(dtype=torch.long, device=device)
    return torch.tensor(ids, **as_long), torch.tensor(mask, **as_long)


def _resized(image):
    return F.interpolate(image[None], size=(224, 224), mode="bilinear", align_corners=False)[0]


def _collate(submission, batch):
    out = submission.collate(batch)
    assert isinstance(out, dict), f"collate must return a dict, got {type(out).__name__}"
    missing = KEYS - set(out)
    assert not missing, (
        f"collate's dict is missing the key(s) {sorted(missing)}; got keys {sorted(out)}"
    )
    return out


def test_tiny_example_by_hand(submission, device):
    batch = [
        _example(device, [5, 6, 7], (40, 60), 1, seed=0),
        _example(device, [8], (300, 200), 0, seed=1),
    ]
    out = _collate(submission, batch)
    context = "batch: input_ids [5, 6, 7] and [8]: right padding with 0, mask 1 on real tokens"
    assert_close(
        out["input_ids"],
        torch.tensor([[5, 6, 7], [8, 0, 0]], device=device),
        name="input_ids",
        context=context,
    )
    assert_close(
        out["attention_mask"],
        torch.tensor([[1, 1, 1], [1, 0, 0]], device=device),
        name="attention_mask",
        context=context + " (a long tensor, not bool)",
    )
    assert_close(
        out["labels"],
        torch.tensor([1, 0], device=device),
        name="labels",
        context="labels [1, 0] as a (B,) long tensor",
    )
    assert_equal(tuple(out["images"].shape), (2, 3, 224, 224), name="images.shape")


def test_images_match_bilinear_resize(submission, device):
    sizes = [(224, 224), (17, 300), (480, 96), (225, 223)]
    batch = [_example(device, [1, 2], hw, n % 3, seed=10 + n) for n, hw in enumerate(sizes)]
    out = _collate(submission, batch)
    expected = torch.stack([_resized(item["image"]) for item in batch])
    assert_on_device(out["images"], device, name="images")
    assert_close(
        out["images"],
        expected,
        name="images",
        context="each image resized with F.interpolate(img[None], size=(224, 224), "
        "mode='bilinear', align_corners=False); input sizes " + str(sizes),
    )
    assert_close(
        out["images"][0],
        batch[0]["image"],
        name="images[0]",
        context="an image that is already 224 x 224 must come back unchanged",
    )


def test_outputs_on_device_with_right_dtypes(submission, device):
    batch = [
        _example(device, [3, 1, 4, 1, 5], (32, 32), 7, seed=2),
        _example(device, [9, 2], (64, 16), 3, seed=3),
    ]
    out = _collate(submission, batch)
    for key in sorted(KEYS):
        assert_on_device(out[key], device, name=key)
    for key in ("input_ids", "attention_mask", "labels"):
        assert_equal(out[key].dtype, torch.long, name=f"{key}.dtype")
    assert_equal(
        out["images"].dtype,
        torch.float32,
        name="images.dtype",
        context="images keep the input images' dtype",
    )


def test_zero_token_inside_sequence_is_not_padding(submission, device):
    batch = [
        _example(device, [0, 4, 0], (8, 8), 0, seed=4),
        _example(device, [0], (8, 8), 1, seed=5),
    ]
    out = _collate(submission, batch)
    assert_close(
        out["attention_mask"],
        torch.tensor([[1, 1, 1], [1, 0, 0]], device=device),
        name="attention_mask",
        context="input_ids [0, 4, 0] and [0]: id 0 inside a sequence is a real token",
    )


def test_single_example_and_inputs_untouched(submission, device):
    item = _example(device, [11, 12, 13, 14], (50, 70), 2, seed=6)
    before = {k: v.clone() for k, v in item.items() if torch.is_tensor(v)}
    out = _collate(submission, [item])
    assert_close(
        out["input_ids"], torch.tensor([[11, 12, 13, 14]], device=device), name="input_ids"
    )
    assert_close(
        out["attention_mask"],
        torch.ones(1, 4, dtype=torch.long, device=device),
        name="attention_mask",
        context="a batch of one example has an all-ones mask",
    )
    for key, value in before.items():
        assert_close(
            item[key],
            value,
            name=f"batch[0][{key!r}] after collate",
            context="collate must not modify its inputs",
        )


@settings(
    suppress_health_check=[HealthCheck.function_scoped_fixture],
    phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.shrink],
    report_multiple_bugs=False,
)
@given(
    seqs=st.lists(st.lists(st.integers(0, 50), min_size=1, max_size=6), min_size=1, max_size=3),
)
def test_padding_matches_loop_reference(submission, device, seqs):
    batch = [_example(device, ids, (2, 3), n, seed=n) for n, ids in enumerate(seqs)]
    out = _collate(submission, batch)
    ids, mask = _expected_text(batch, device)
    context = f"input_ids of the batch: {seqs}"
    assert_close(out["input_ids"], ids, name="input_ids", context=context)
    assert_close(out["attention_mask"], mask, name="attention_mask", context=context)
    assert_close(
        out["labels"],
        torch.arange(len(seqs), device=device),
        name="labels",
        context=context + f"; labels {list(range(len(seqs)))}",
    )
