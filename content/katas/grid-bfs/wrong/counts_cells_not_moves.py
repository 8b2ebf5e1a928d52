from collections import deque


def shortest_path(grid, start, goal):
    rows, cols = len(grid), len(grid[0])
    if grid[start[0]][start[1]] == "#" or grid[goal[0]][goal[1]] == "#":
        return -1
    seen = {start}
    queue = deque([(start, 1)])  # counts the cells on the path, start included
    while queue:
        (r, c), length = queue.popleft()
        if (r, c) == goal:
            return length
        for dr, dc in ((1, 0), (-1, 0), (0, 1), (0, -1)):
            nr, nc = r + dr, c + dc
            if 0 <= nr < rows and 0 <= nc < cols and grid[nr][nc] == "." and (nr, nc) not in seen:
                seen.add((nr, nc))
                queue.append(((nr, nc), length + 1))
    return -1
