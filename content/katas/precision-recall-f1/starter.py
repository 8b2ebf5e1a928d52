def precision_recall_f1(y_true, y_pred):
    """Return (precision, recall, f1) as floats for binary 0/1 labels (lists, tuples or arrays).

    A metric whose denominator is zero is 0.0. Raise ValueError if the lengths differ.
    """
    raise NotImplementedError
