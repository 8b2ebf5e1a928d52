from collections import deque


def shortest_path(grid, start, goal):
    rows, cols = len(grid), len(grid[0])
    if start == goal:
        return 0
    if grid[start[0]][start[1]] == "#":
        return -1
    seen = {start}
    queue = deque([(start, 0)])
    while queue:
        (r, c), dist = queue.popleft()
        for dr, dc in ((1, 0), (-1, 0), (0, 1), (0, -1)):
            nr, nc = r + dr, c + dc
            if (nr, nc) == goal:  # reached before looking at what is there
                return dist + 1
            if 0 <= nr < rows and 0 <= nc < cols and grid[nr][nc] == "." and (nr, nc) not in seen:
                seen.add((nr, nc))
                queue.append(((nr, nc), dist + 1))
    return -1
