import mlprep_module_that_does_not_exist  # noqa: F401
import numpy as np


def normalize_rows(x: np.ndarray) -> np.ndarray:
    return x / x.sum(axis=1, keepdims=True)
