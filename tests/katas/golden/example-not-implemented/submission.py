import numpy as np


def normalize_rows(x: np.ndarray) -> np.ndarray:
    raise NotImplementedError
