class TreeNode:
    def __init__(self, val, left=None, right=None):
        self.val = val
        self.left = left
        self.right = right


def level_order(root):
    if root is None:
        return []
    levels = []
    frontier = [root]
    while frontier:
        level = []
        for _ in range(len(frontier)):
            node = frontier.pop()  # takes from the end: a stack, not a queue
            level.append(node.val)
            if node.left is not None:
                frontier.append(node.left)
            if node.right is not None:
                frontier.append(node.right)
        levels.append(level)
    return levels
