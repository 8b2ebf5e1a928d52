from collections import deque

import numpy as np

from desktop.katas.checks import assert_close, assert_equal


class GridWorld:
    """A deterministic grid world.

    layout: list of equal-length strings; 'S' start, 'G' goal, '#' wall, '.' free.
    States are cell numbers s = row * n_cols + col (walls are states that are never visited).
    Actions: 0 = up, 1 = right, 2 = down, 3 = left. A move off the grid or into a wall leaves
    the agent where it is. Every step gives reward -1; entering the goal ends the episode.
    """

    ACTIONS = ((-1, 0), (0, 1), (1, 0), (0, -1))

    def __init__(self, layout, max_steps=100):
        self.layout = [str(row) for row in layout]
        self.n_rows, self.n_cols = len(self.layout), len(self.layout[0])
        self.n_states = self.n_rows * self.n_cols
        self.n_actions = 4
        self.max_steps = max_steps
        flat = "".join(self.layout)
        self.start = flat.index("S")
        self.goal = flat.index("G")

    def step(self, state, action):
        """Return (next_state, reward, done) for taking `action` in `state`."""
        row, col = divmod(int(state), self.n_cols)
        d_row, d_col = self.ACTIONS[int(action)]
        r, c = row + d_row, col + d_col
        if 0 <= r < self.n_rows and 0 <= c < self.n_cols and self.layout[r][c] != "#":
            row, col = r, c
        next_state = row * self.n_cols + col
        return next_state, -1.0, next_state == self.goal


LAYOUTS = {
    "maze": ["S..#.", ".#...", ".#.#.", "...#G"],
    "spiral": ["S.....", ".####.", ".#..#.", ".#G.#.", "......"],
}


def _shortest_distance(env):
    dist = {env.start: 0}
    queue = deque([env.start])
    while queue:
        s = queue.popleft()
        for a in range(env.n_actions):
            n, _, _ = env.step(s, a)
            if n not in dist:
                dist[n] = dist[s] + 1
                queue.append(n)
    return dist[env.goal]


def _greedy_rollout(env, policy, limit=50):
    s, path = env.start, [env.start]
    for _ in range(limit):
        s, _, done = env.step(s, int(policy[s]))
        path.append(s)
        if done:
            return path
    return path


def _grid(env, path):
    rows = [list(row) for row in env.layout]
    for s in path:
        r, c = divmod(s, env.n_cols)
        if rows[r][c] == ".":
            rows[r][c] = "*"
    return "\n".join("".join(row) for row in rows)


def test_update_tiny_by_hand(submission):
    Q = np.zeros((3, 2))
    Q[0, 1] = 1.0
    Q[1] = [5.0, 2.0]
    result = submission.q_update(Q, 0, 1, 1.0, 1, False, 0.5, 0.9)
    expected = np.array([[0.0, 3.25], [5.0, 2.0], [0.0, 0.0]])
    assert_close(
        Q,
        expected,
        name="Q after q_update (modified in place)",
        context="Q[0, 1] = 1, Q[1] = [5, 2]; s=0, a=1, r=1, s_next=1, done=False, alpha=0.5, "
        "gamma=0.9: target = 1 + 0.9 * max(Q[1]) = 5.5, Q[0, 1] = 1 + 0.5 * (5.5 - 1) = 3.25",
    )
    if result is not Q:
        raise AssertionError("q_update must return the same array it updated in place")


def test_update_no_bootstrap_at_terminal(submission):
    Q = np.zeros((3, 2))
    Q[0, 1] = 1.0
    Q[2] = [-4.0, 7.0]
    submission.q_update(Q, 0, 1, 3.0, 2, True, 0.5, 0.9)
    assert_close(
        Q[0, 1],
        2.0,
        name="Q[0, 1]",
        context="done=True: target = r = 3 (no gamma * max Q[s_next]), so "
        "Q[0, 1] = 1 + 0.5 * (3 - 1) = 2",
    )


def test_update_touches_only_one_entry(submission):
    rng = np.random.default_rng(0)
    Q = rng.normal(size=(6, 4))
    before = Q.copy()
    submission.q_update(Q, 3, 2, -1.0, 4, False, 0.1, 0.99)
    changed = np.argwhere(Q != before)
    assert_equal(
        [tuple(int(i) for i in idx) for idx in changed],
        [(3, 2)],
        name="entries changed by q_update(Q, s=3, a=2, ...)",
    )
    assert_close(Q[3, 2], before[3, 2] + 0.1 * (-1.0 + 0.99 * before[4].max() - before[3, 2]),
                 name="Q[3, 2]")


def test_greedy_policy(submission):
    Q = np.array([[0.0, 1.0, -1.0], [3.0, 2.0, 3.0], [-5.0, -1.0, -2.0], [0.0, 0.0, 0.0]])
    policy = submission.greedy_policy(Q)
    assert_close(
        np.asarray(policy),
        np.array([1, 0, 1, 0]),
        name="greedy_policy",
        context="argmax over actions (axis 1) for each state, ties to the lowest action; "
        f"Q =\n{Q}",
    )


def _check_learned_path(submission, name, seed):
    env = GridWorld(LAYOUTS[name])
    Q = submission.train_q_learning(env, 300, 0.5, 0.95, 0.1, np.random.default_rng(seed))
    assert_equal(np.shape(Q), (env.n_states, env.n_actions), name="Q.shape")
    policy = np.asarray(submission.greedy_policy(Q))
    assert_equal(policy.shape, (env.n_states,), name="greedy_policy(Q).shape",
                 context="one action per state")
    path = _greedy_rollout(env, policy)
    best = _shortest_distance(env)
    if path[-1] != env.goal or len(path) - 1 != best:
        outcome = "reaches the goal" if path[-1] == env.goal else "never reaches the goal"
        raise AssertionError(
            f"greedy policy after training {outcome} in {len(path) - 1} steps, the shortest path "
            f"takes {best}.\n{_grid(env, path)}\n(300 episodes, alpha=0.5, gamma=0.95, "
            f"epsilon=0.1, rng seed {seed}; * marks the greedy path)"
        )
    return env, Q


def test_learns_shortest_path_maze(submission):
    _check_learned_path(submission, "maze", seed=0)


def test_learns_shortest_path_spiral(submission):
    _check_learned_path(submission, "spiral", seed=1)


def test_learned_values_near_goal(submission):
    env, Q = _check_learned_path(submission, "maze", seed=2)
    next_to_goal = env.goal - env.n_cols  # the cell above G; action 2 (down) enters the goal
    assert_close(
        Q[next_to_goal, 2],
        -1.0,
        atol=1e-3,
        name="Q[cell above the goal, down]",
        context="entering the goal costs -1 and ends the episode, so its Q-value converges to -1",
    )
