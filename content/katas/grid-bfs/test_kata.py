"""Hidden tests for the grid-bfs kata.

PYTEST_DONT_REWRITE: plain asserts report only their own message.
"""

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from desktop.katas.checks import assert_equal


def _reference(grid, start, goal):
    """Distance by repeated relaxation (Bellman-Ford on unit edges): slow, obviously right."""
    rows, cols = len(grid), len(grid[0])
    if grid[start[0]][start[1]] == "#" or grid[goal[0]][goal[1]] == "#":
        return -1
    inf = rows * cols + 1
    dist = {(r, c): inf for r in range(rows) for c in range(cols) if grid[r][c] == "."}
    dist[start] = 0
    changed = True
    while changed:
        changed = False
        for (r, c), d in list(dist.items()):
            for nb in ((r + 1, c), (r - 1, c), (r, c + 1), (r, c - 1)):
                if nb in dist and dist[nb] + 1 < d:
                    d = dist[(r, c)] = dist[nb] + 1
                    changed = True
    return dist[goal] if dist[goal] < inf else -1


def _show(grid):
    return "\n  " + "\n  ".join(grid)


def _check(submission, grid, start, goal, expected=None, why="", show_grid=True):
    expected = _reference(grid, start, goal) if expected is None else expected
    got = submission.shortest_path(list(grid), start, goal)
    shown = f"grid (row 0 first):{_show(grid)}" if show_grid else ""
    assert_equal(
        got,
        expected,
        name=f"shortest_path(grid, {start}, {goal})",
        context="\n".join(part for part in (shown, why) if part),
    )


def test_tiny_example_by_hand(submission):
    grid = ["..#", ".##", "..."]
    _check(
        submission,
        grid,
        (0, 0),
        (2, 2),
        4,
        "route (0,0) -> (1,0) -> (2,0) -> (2,1) -> (2,2): 4 moves (count moves, not cells)",
    )
    _check(submission, grid, (2, 2), (0, 0), 4, "the same route backwards")


def test_start_equals_goal(submission):
    _check(submission, ["#."], (0, 1), (0, 1), 0, "start == goal on a free cell: 0 moves")


def test_walls_at_start_or_goal(submission):
    grid = ["..#", "...", "#.."]
    _check(submission, grid, (0, 0), (0, 2), -1, "the goal (0, 2) is a wall: unreachable, -1")
    _check(submission, grid, (2, 0), (1, 1), -1, "the start (2, 0) is a wall: -1")
    _check(submission, grid, (0, 2), (0, 2), -1, "start == goal but it is a wall: -1")


def test_no_diagonal_moves(submission):
    grid = [".#", "#."]
    _check(
        submission,
        grid,
        (0, 0),
        (1, 1),
        -1,
        "(0, 0) and (1, 1) touch only diagonally; 4-neighbour moves cannot get there",
    )


def test_shortest_not_first_found(submission):
    grid = [
        ".....",
        ".###.",
        ".#...",
        ".#.#.",
        "...#.",
    ]
    _check(submission, grid, (0, 0), (4, 0), 4, "straight down the left column is 4 moves")
    _check(submission, grid, (0, 0), (2, 2), 8, "around the top-right: 8 moves")


def test_large_serpentine_grid(submission):
    rows, cols = 199, 200
    grid = []
    for r in range(rows):
        if r % 2 == 0:
            grid.append("." * cols)
        else:
            gap = cols - 1 if r % 4 == 1 else 0
            grid.append("".join("." if c == gap else "#" for c in range(cols)))
    # 100 free rows joined by 99 one-cell gaps, alternately at the right and the left end:
    # 198 moves down plus 99 full crossings of 199 moves; the last gap enters row 198 at the right.
    _check(
        submission,
        grid,
        (0, 0),
        (198, 199),
        198 + 99 * 199,
        show_grid=False,
        why="a 199 x 200 serpentine: even rows are free, odd rows are walls with one gap, "
        "alternately at column 199 and column 0, so the path snakes through every free row",
    )


@st.composite
def grids(draw):
    rows = draw(st.integers(1, 6))
    cols = draw(st.integers(1, 6))
    cells = draw(
        st.lists(
            st.lists(st.sampled_from(".....##"), min_size=cols, max_size=cols),
            min_size=rows,
            max_size=rows,
        )
    )
    grid = ["".join(row) for row in cells]
    cell = st.tuples(st.integers(0, rows - 1), st.integers(0, cols - 1))
    return grid, draw(cell), draw(cell)


@settings(
    suppress_health_check=[HealthCheck.function_scoped_fixture],
    phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.shrink],
    report_multiple_bugs=False,
)
@given(case=grids())
def test_matches_reference_on_random_grids(submission, case):
    grid, start, goal = case
    _check(submission, grid, start, goal)
