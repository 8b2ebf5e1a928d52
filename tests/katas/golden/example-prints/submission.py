import sys

import numpy as np

print("loading")


def normalize_rows(x: np.ndarray) -> np.ndarray:
    if x.shape == (2, 2):
        print("rows:", x.tolist())
        sys.stderr.write("a note on stderr\n")
    return x / x.sum(axis=1, keepdims=True)
