import numpy as np


def roc_auc(y_true, scores):
    """Area under the ROC curve for 0/1 labels and real-valued scores (higher = more positive).

    Equals P(score of a random positive > score of a random negative), ties counting 1/2.
    Raise ValueError if y_true does not contain both classes. Aim for O(n log n).
    """
    raise NotImplementedError
