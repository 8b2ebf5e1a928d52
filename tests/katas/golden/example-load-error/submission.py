import numpy as np

WEIGHTS = np.ones(3) @ np.ones(4)


def normalize_rows(x: np.ndarray) -> np.ndarray:
    return x / x.sum(axis=1, keepdims=True)
