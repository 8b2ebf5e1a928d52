from collections import deque


def shortest_path(grid, start, goal):
    """Minimum number of 4-neighbour moves from start to goal over '.' cells; -1 if none.

    grid: list of equal-length strings of '.' (free) and '#' (wall);
    start, goal: (row, col). A wall at start or goal gives -1; start == goal gives 0.
    """
    raise NotImplementedError
