import itertools

import numpy as np


def normalize_rows(x: np.ndarray) -> np.ndarray:
    total = sum(itertools.count())  # never returns, and never leaves C code
    return x / total
