from collections import deque

MOVES = ((1, 0), (-1, 0), (0, 1), (0, -1))


def shortest_path(grid, start, goal):
    rows, cols = len(grid), len(grid[0])
    (sr, sc), (gr, gc) = start, goal
    if grid[sr][sc] == "#" or grid[gr][gc] == "#":
        return -1
    if (sr, sc) == (gr, gc):
        return 0
    seen = {(sr, sc)}
    queue = deque([(sr, sc, 0)])
    while queue:
        r, c, dist = queue.popleft()
        for dr, dc in MOVES:
            nr, nc = r + dr, c + dc
            if 0 <= nr < rows and 0 <= nc < cols and grid[nr][nc] == "." and (nr, nc) not in seen:
                if (nr, nc) == (gr, gc):
                    return dist + 1
                seen.add((nr, nc))
                queue.append((nr, nc, dist + 1))
    return -1
