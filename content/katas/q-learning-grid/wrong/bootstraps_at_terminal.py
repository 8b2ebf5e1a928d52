import numpy as np


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


def q_update(Q, s, a, r, s_next, done, alpha, gamma):
    target = r + gamma * np.max(Q[s_next])
    Q[s, a] += alpha * (target - Q[s, a])
    return Q


def greedy_policy(Q):
    return np.argmax(Q, axis=1)


def train_q_learning(env, episodes, alpha, gamma, epsilon, rng):
    Q = np.zeros((env.n_states, env.n_actions))
    for _ in range(episodes):
        s = env.start
        for _ in range(env.max_steps):
            if rng.random() < epsilon:
                a = int(rng.integers(env.n_actions))
            else:
                a = int(np.argmax(Q[s]))
            s_next, r, done = env.step(s, a)
            q_update(Q, s, a, r, s_next, done, alpha, gamma)
            s = s_next
            if done:
                break
    return Q
