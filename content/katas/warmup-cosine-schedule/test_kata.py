import math
import numbers

from hypothesis import HealthCheck, Phase, given, settings, strategies as st

from desktop.katas.checks import assert_close

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


def _reference(step, base_lr, warmup_steps, total_steps, min_lr):
    if step < warmup_steps:
        return base_lr * (step + 1) / warmup_steps
    if step >= total_steps:
        return min_lr
    progress = (step - warmup_steps) / (total_steps - warmup_steps)
    return min_lr + (base_lr - min_lr) * (1 + math.cos(math.pi * progress)) / 2


def _lr(submission, step, base_lr, warmup_steps, total_steps, min_lr):
    value = submission.lr_at(step, base_lr, warmup_steps, total_steps, min_lr=min_lr)
    _require(isinstance(value, numbers.Real),
             f"lr_at must return a float, got {type(value).__name__}")
    return float(value)


def _schedule(submission, base_lr, warmup_steps, total_steps, min_lr, extra=0):
    return [_lr(submission, s, base_lr, warmup_steps, total_steps, min_lr)
            for s in range(total_steps + extra)]


def test_worked_example_from_prompt(submission):
    steps = [0, 1, 2, 3, 4, 8, 12, 20]
    got = [_lr(submission, s, 1.0, 4, 12, 0.1) for s in steps]
    want = [0.25, 0.5, 0.75, 1.0, 1.0, 0.55, 0.1, 0.1]
    assert_close(got, want, name="lr at steps [0, 1, 2, 3, 4, 8, 12, 20]",
                 context="base_lr = 1, warmup_steps = 4, total_steps = 12, min_lr = 0.1")


def test_warmup_values(submission):
    got = _schedule(submission, 3e-4, 3, 10, 0.0)[:3]
    assert_close(got, [1e-4, 2e-4, 3e-4], name="lr at steps 0, 1, 2",
                 context="base_lr = 3e-4, warmup_steps = 3: lr = base_lr * (step + 1) / 3; "
                         "step 0 must not be 0 and step 2 reaches the peak")


def test_no_warmup(submission):
    got = [_lr(submission, s, 2.0, 0, 4, 0.0) for s in range(6)]
    want = [2.0, 2.0 * (1 + math.cos(math.pi / 4)) / 2, 1.0,
            2.0 * (1 + math.cos(3 * math.pi / 4)) / 2, 0.0, 0.0]
    assert_close(got, want, name="lr at steps 0..5",
                 context="base_lr = 2, warmup_steps = 0, total_steps = 4, min_lr = 0: "
                         "cosine from step 0, reaching 0 at step 4")


def test_reaches_min_lr_and_stays(submission):
    got = [_lr(submission, s, 1.0, 10, 110, 0.05) for s in (109, 110, 111, 150, 1000)]
    _require(abs(got[0] - 0.05) < 1e-3 and got[0] >= 0.05,
             f"lr at step 109 (the last decay step) should be just above min_lr = 0.05, "
             f"got {got[0]!r} (base_lr = 1, warmup 10, total 110): the cosine must run over "
             "the total - warmup = 100 decay steps")
    assert_close(got[1:], [0.05] * 4, name="lr at steps 110, 111, 150, 1000",
                 context="at and after total_steps = 110 the lr stays at min_lr = 0.05")


def test_warmup_equal_to_total(submission):
    got = [_lr(submission, s, 1.0, 4, 4, 0.2) for s in range(6)]
    assert_close(got, [0.25, 0.5, 0.75, 1.0, 0.2, 0.2], name="lr at steps 0..5",
                 context="warmup_steps = total_steps = 4: no decay phase, then min_lr = 0.2")


configs = st.tuples(
    st.floats(1e-5, 10.0),  # base_lr
    st.floats(0.0, 1.0),  # min_lr as a fraction of base_lr
    st.integers(0, 30),  # warmup_steps
    st.integers(0, 80),  # decay steps (total_steps - warmup_steps)
).filter(lambda c: c[2] + c[3] >= 1)


@PROPERTY
@given(config=configs, step=st.integers(0, 150))
def test_property_matches_reference(submission, config, step):
    base_lr, frac, warmup, decay = config
    total, min_lr = warmup + decay, base_lr * frac
    got = _lr(submission, step, base_lr, warmup, total, min_lr)
    want = _reference(step, base_lr, warmup, total, min_lr)
    assert_close(got, want, rtol=1e-9, atol=1e-12, name=f"lr_at({step})",
                 context=f"base_lr = {base_lr!r}, warmup_steps = {warmup}, "
                         f"total_steps = {total}, min_lr = {min_lr!r}")


@PROPERTY
@given(config=configs)
def test_property_shape_of_the_schedule(submission, config):
    base_lr, frac, warmup, decay = config
    total, min_lr = warmup + decay, base_lr * frac
    lrs = _schedule(submission, base_lr, warmup, total, min_lr, extra=5)
    where = (f"base_lr = {base_lr!r}, warmup_steps = {warmup}, total_steps = {total}, "
             f"min_lr = {min_lr!r}; schedule = {[round(x, 6) for x in lrs]}")
    eps = 1e-12 * base_lr
    for s, lr in enumerate(lrs):
        _require(0 < lr <= base_lr + eps or (lr == min_lr == 0 and s >= warmup),
                 f"lr at step {s} is {lr!r}, outside (0, base_lr]; {where}")
    for s in range(1, warmup):
        _require(lrs[s] > lrs[s - 1], f"warmup must increase: step {s - 1} -> {s}; {where}")
    for s in range(max(warmup, 1), len(lrs)):
        if s > warmup:
            _require(lrs[s] <= lrs[s - 1] + eps,
                     f"after warmup the lr must not increase: step {s - 1} -> {s}; {where}")
        _require(lrs[s] >= min_lr - eps, f"lr at step {s} is below min_lr; {where}")
    for s in range(total, len(lrs)):
        _require(abs(lrs[s] - min_lr) <= eps, f"lr at step {s} >= total_steps must be min_lr; {where}")
