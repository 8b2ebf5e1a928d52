import pytest
import torch
from hypothesis import HealthCheck, Phase, given, settings, strategies as st

from desktop.katas.checks import assert_close, assert_on_device

# The submission and device fixtures are read-only, so sharing them across examples is safe.
# Phases come from the harness profile (its quick mode skips shrinking), minus "explain",
# whose notes point into the assertion helpers rather than into the submission.
PROPERTY = settings(
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                           HealthCheck.data_too_large],
    phases=[phase for phase in settings().phases if phase is not Phase.explain],
    report_multiple_bugs=False,
)


def _require(condition, message):
    if not condition:
        raise AssertionError(message)


def _dtype(device):
    return torch.float32 if device == "mps" else torch.float64


def _quantize(submission, w, context):
    result = submission.quantize_per_channel(w)
    _require(isinstance(result, tuple) and len(result) == 2,
             f"quantize_per_channel must return (q, scale), got {type(result).__name__}")
    q, scale = result
    _require(isinstance(q, torch.Tensor) and q.dtype == torch.int8,
             f"q must be a torch.int8 tensor, got {getattr(q, 'dtype', type(q).__name__)}; {context}")
    _require(tuple(q.shape) == tuple(w.shape),
             f"q must have w's shape {tuple(w.shape)}, got {tuple(q.shape)}; {context}")
    _require(isinstance(scale, torch.Tensor) and tuple(scale.shape) == (w.shape[0],),
             f"scale must be a tensor of shape ({w.shape[0]},) (one per output row), got "
             f"{tuple(scale.shape) if isinstance(scale, torch.Tensor) else type(scale).__name__}; {context}")
    _require(scale.dtype == w.dtype, f"scale must have w's dtype {w.dtype}, got {scale.dtype}")
    assert_on_device(q, w.device.type, name="q")
    assert_on_device(scale, w.device.type, name="scale")
    return q, scale


def _loop_reference(rows):
    """Scale and (unrounded) q per row, in Python floats."""
    scales, ratios = [], []
    for row in rows:
        amax = max(abs(v) for v in row)
        s = amax / 127 if amax > 0 else 1.0
        scales.append(s)
        ratios.append([v / s for v in row])
    return scales, ratios


def _check_properties(submission, w, context):
    q, scale = _quantize(submission, w, context)
    rows = w.cpu().double().tolist()
    want_scale, ratios = _loop_reference(rows)
    assert_close(scale.cpu().double(), torch.tensor(want_scale, dtype=torch.float64),
                 rtol=1e-5, atol=0.0, name="scale",
                 context=f"scale[i] = max|w[i, :]| / 127 per row (1 for a zero row); {context}")
    qi = q.cpu().to(torch.int64)
    _require(int(qi.min()) >= -127 and int(qi.max()) <= 127,
             f"q must stay in [-127, 127], got values from {int(qi.min())} to {int(qi.max())}; {context}")
    w_hat = submission.dequantize(q, scale)
    assert_on_device(w_hat, w.device.type, name="dequantize(q, scale)")
    _require(w_hat.dtype == scale.dtype and tuple(w_hat.shape) == tuple(w.shape),
             f"dequantize must return {tuple(w.shape)} in {scale.dtype}, got "
             f"{tuple(w_hat.shape)} in {w_hat.dtype}")
    err = (w_hat.cpu().double() - w.cpu().double()).abs()
    bound = scale.cpu().double()[:, None] * (0.5 + 1e-3)
    bad = (err > bound).nonzero()
    if len(bad):
        i, j = (int(v) for v in bad[0])
        raise AssertionError(
            f"reconstruction error above half a step at [{i}, {j}]: w = {rows[i][j]:.6g}, "
            f"dequantized {float(w_hat[i, j]):.6g}, q = {int(qi[i, j])}, scale = {float(scale[i]):.6g}; "
            f"round to nearest gives |error| <= scale / 2 ({len(bad)} elements fail); {context}")
    for i, row in enumerate(rows):
        if max(abs(v) for v in row) > 0:
            peak = max(abs(int(v)) for v in qi[i])
            _require(peak == 127,
                     f"row {i}: the largest |q| is {peak}, but the element with the largest "
                     f"magnitude must map to +-127 (per-row absmax scaling); {context}")
        for j, r in enumerate(ratios[i]):
            _require(abs(int(qi[i, j]) - r) <= 0.5 + 1e-3,
                     f"q[{i}, {j}] = {int(qi[i, j])} but w / scale = {r:.6g}: round to the nearest "
                     f"integer; {context}")
    return q, scale, w_hat


def test_worked_example_from_prompt(submission, device):
    w = torch.tensor([[1.27, -0.5, 0.2], [0.0, 0.0, 0.0], [-2.54, 1.0, 0.3]], device=device)
    context = "w = [[1.27, -0.5, 0.2], [0, 0, 0], [-2.54, 1, 0.3]]"
    q, scale = _quantize(submission, w, context)
    assert_close(scale, torch.tensor([0.01, 1.0, 0.02], device=device), name="scale",
                 context=context + ": 1.27/127, 1 for the zero row, 2.54/127")
    assert_close(q, torch.tensor([[127, -50, 20], [0, 0, 0], [-127, 50, 15]], dtype=torch.int8,
                                 device=device), name="q", context=context)


def test_rows_of_very_different_magnitude(submission, device):
    gen = torch.Generator().manual_seed(0)
    magnitudes = torch.tensor([1e-3, 1.0, 50.0, 0.2], dtype=torch.float64)[:, None]
    w = (torch.randn(4, 16, generator=gen, dtype=torch.float64) * magnitudes).to(device, _dtype(device))
    _check_properties(submission, w, "rows scaled by 1e-3, 1, 50 and 0.2: each row needs its own "
                                     "scale, or the small rows quantize to all zeros")


def test_random_matrix(submission, device):
    gen = torch.Generator().manual_seed(1)
    w = torch.randn(8, 32, generator=gen, dtype=torch.float64).to(device, _dtype(device))
    _check_properties(submission, w, "random normal w of shape (8, 32)")


def test_zero_row_gives_scale_one(submission, device):
    w = torch.tensor([[0.0, 0.0], [3.0, -1.5]], device=device)
    q, scale, w_hat = _check_properties(submission, w, "w = [[0, 0], [3, -1.5]]")
    _require(not torch.isnan(w_hat).any(), "dequantized values contain NaN for the zero row")
    assert_close(q[0], torch.zeros(2, dtype=torch.int8, device=device), name="q of the zero row")


def test_float32_round_trip(submission, device):
    gen = torch.Generator().manual_seed(2)
    w = torch.randn(6, 10, generator=gen).to(device) * 0.05
    _check_properties(submission, w, "float32 w of shape (6, 10), values around 0.05")


def test_never_uses_minus_128(submission, device):
    w = torch.tensor([[-1.0, 0.25, 1.0 / 127]], device=device)
    q, scale, _ = _check_properties(submission, w, "w = [[-1, 0.25, 1/127]]")
    assert_close(q, torch.tensor([[-127, 32, 1]], dtype=torch.int8, device=device), name="q",
                 context="w = [[-1, 0.25, 1/127]], scale = 1/127: -1 maps to -127 (not -128), "
                         "0.25 * 127 = 31.75 rounds to 32, 1/127 to 1")


@PROPERTY
@given(
    rows=st.integers(1, 4).flatmap(
        lambda n_cols: st.lists(
            st.lists(st.one_of(st.just(0.0), st.floats(-1e3, 1e3, allow_nan=False)),
                     min_size=n_cols, max_size=n_cols),
            min_size=1, max_size=4,
        )
    )
)
def test_property_quantization(submission, device, rows):
    w = torch.tensor(rows, dtype=_dtype(device), device=device)
    _check_properties(submission, w, f"w = {rows}")


def bench_case(device):
    """Bench mode's input: a (4096, 1024) weight matrix."""
    gen = torch.Generator().manual_seed(10)
    w = torch.randn(4096, 1024, generator=gen).to(device) * 0.02
    return "quantize_per_channel", (w,), {}
