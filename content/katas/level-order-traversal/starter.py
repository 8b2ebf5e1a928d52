from collections import deque


class TreeNode:
    def __init__(self, val, left=None, right=None):
        self.val = val
        self.left = left
        self.right = right


def level_order(root):
    """Return [[values at depth 0], [values at depth 1], ...], each level left to right."""
    raise NotImplementedError
