import numpy as np


def normalize_rows(x: np.ndarray) -> np.ndarray:
    return x / x.sum(axis=1, keepdims=True
