"""Hidden tests for the summa-matmul kata.

PYTEST_DONT_REWRITE: plain asserts report only their own message.
"""

from collections import Counter

import pytest
import torch

from desktop.katas.checks import assert_close, assert_equal, assert_on_device


class CountingComm:
    """The simulated network: checks who sends what and counts every broadcast."""

    def __init__(self, A_blocks, B_blocks):
        self.A = A_blocks
        self.B = B_blocks
        self.p = len(A_blocks)
        self.row_calls = []  # (i, src_col) of every broadcast_row
        self.col_calls = []  # (j, src_row) of every broadcast_col

    def _check_index(self, what, *indices):
        for index in indices:
            if not isinstance(index, int) or not 0 <= index < self.p:
                raise ValueError(f"{what}: grid index {index!r} is not an int in [0, {self.p})")

    @staticmethod
    def _same(tensor, owned):
        return tensor is owned or (
            torch.is_tensor(tensor) and tensor.shape == owned.shape and torch.equal(tensor, owned)
        )

    def broadcast_row(self, i, src_col, tensor):
        self._check_index(f"broadcast_row(i={i!r}, src_col={src_col!r})", i, src_col)
        if not self._same(tensor, self.A[i][src_col]):
            raise ValueError(
                f"broadcast_row(i={i}, src_col={src_col}, tensor): a row broadcast carries the "
                f"block of A that device ({i}, {src_col}) owns, A_blocks[{i}][{src_col}], but "
                "another tensor was sent"
            )
        self.row_calls.append((i, src_col))
        return tensor.clone()

    def broadcast_col(self, j, src_row, tensor):
        self._check_index(f"broadcast_col(j={j!r}, src_row={src_row!r})", j, src_row)
        if not self._same(tensor, self.B[src_row][j]):
            raise ValueError(
                f"broadcast_col(j={j}, src_row={src_row}, tensor): a column broadcast carries the "
                f"block of B that device ({src_row}, {j}) owns, B_blocks[{src_row}][{j}], but "
                "another tensor was sent"
            )
        self.col_calls.append((j, src_row))
        return tensor.clone()

    @property
    def count(self):
        return len(self.row_calls) + len(self.col_calls)


def _dtype(device):
    return torch.float32 if device == "mps" else torch.float64


def _blocks(full, row_sizes, col_sizes):
    return [list(band.split(col_sizes, dim=1)) for band in full.split(row_sizes, dim=0)]


def _problem(device, m_sizes, k_sizes, n_sizes, seed):
    g = torch.Generator().manual_seed(seed)
    dtype = _dtype(device)
    A = torch.randn(sum(m_sizes), sum(k_sizes), generator=g, dtype=torch.float64).to(device, dtype)
    B = torch.randn(sum(k_sizes), sum(n_sizes), generator=g, dtype=torch.float64).to(device, dtype)
    return A, B, _blocks(A, m_sizes, k_sizes), _blocks(B, k_sizes, n_sizes)


def _assemble(C_blocks, m_sizes, n_sizes):
    """Check the p x p grid of C blocks and their shapes, then glue them into one matrix."""
    p = len(m_sizes)
    assert isinstance(C_blocks, (list, tuple)) and len(C_blocks) == p, (
        f"summa_matmul must return a {p} x {p} list of lists of blocks, got "
        f"{type(C_blocks).__name__} of length {len(C_blocks) if hasattr(C_blocks, '__len__') else '?'}"
    )
    for i, row in enumerate(C_blocks):
        assert isinstance(row, (list, tuple)) and len(row) == p, (
            f"C_blocks[{i}] must be a list of {p} blocks, got {type(row).__name__}"
        )
        for j, block in enumerate(row):
            assert torch.is_tensor(block), (
                f"C_blocks[{i}][{j}] must be a tensor, got {type(block).__name__}"
            )
            assert_equal(
                tuple(block.shape),
                (m_sizes[i], n_sizes[j]),
                name=f"C_blocks[{i}][{j}].shape",
                context=f"C_blocks[i][j] is A's row band i times B's column band j: "
                f"(rows of A_blocks[i][0], cols of B_blocks[0][j]); row split of A "
                f"{m_sizes}, column split of B {n_sizes}",
            )
    return torch.cat([torch.cat(list(row), dim=1) for row in C_blocks], dim=0)


def _check_broadcasts(comm, p, context):
    rows, cols = Counter(comm.row_calls), Counter(comm.col_calls)
    assert_equal(
        comm.count,
        2 * p * p,
        name="number of broadcasts",
        context=f"{context}: SUMMA makes p row broadcasts and p column broadcasts in each of its p "
        f"steps, 2 * p * p = {2 * p * p}; you made {len(comm.row_calls)} row and "
        f"{len(comm.col_calls)} column broadcasts",
    )
    for i in range(p):
        for k in range(p):
            assert rows[(i, k)] == 1, (
                f"{context}: A_blocks[{i}][{k}] was broadcast along row {i} {rows[(i, k)]} times; "
                "each block of A goes along its row exactly once"
            )
            assert cols[(i, k)] == 1, (
                f"{context}: B_blocks[{k}][{i}] was broadcast along column {i} {cols[(i, k)]} "
                "times; each block of B goes along its column exactly once"
            )


def test_tiny_example_by_hand(submission, device):
    A = [
        [torch.tensor([[1.0]], device=device), torch.tensor([[2.0]], device=device)],
        [torch.tensor([[3.0]], device=device), torch.tensor([[4.0]], device=device)],
    ]
    B = [
        [torch.tensor([[5.0]], device=device), torch.tensor([[6.0]], device=device)],
        [torch.tensor([[7.0]], device=device), torch.tensor([[8.0]], device=device)],
    ]
    comm = CountingComm(A, B)
    C = _assemble(submission.summa_matmul(A, B, comm), [1, 1], [1, 1])
    context = "p = 2, 1x1 blocks, A = [[1, 2], [3, 4]], B = [[5, 6], [7, 8]]"
    assert_close(
        C,
        torch.tensor([[19.0, 22.0], [43.0, 50.0]], device=device),
        name="C assembled from C_blocks",
        context=context + ": A @ B = [[19, 22], [43, 50]]",
    )
    _check_broadcasts(comm, 2, context)


@pytest.mark.parametrize(
    "m_sizes, k_sizes, n_sizes",
    [
        ([3], [4], [2]),
        ([2, 3], [4, 1], [3, 2]),
        ([2, 1, 3], [3, 2, 2], [1, 4, 2]),
        ([2, 2, 2, 2], [1, 3, 2, 2], [2, 1, 1, 3]),
    ],
    ids=["p1", "p2", "p3", "p4"],
)
def test_matches_full_matmul(submission, device, m_sizes, k_sizes, n_sizes):
    p = len(m_sizes)
    A, B, A_blocks, B_blocks = _problem(device, m_sizes, k_sizes, n_sizes, seed=p)
    comm = CountingComm(A_blocks, B_blocks)
    C_blocks = submission.summa_matmul(A_blocks, B_blocks, comm)
    context = (
        f"p = {p}; A {tuple(A.shape)} split rows {m_sizes} x cols {k_sizes}, "
        f"B {tuple(B.shape)} split rows {k_sizes} x cols {n_sizes}"
    )
    C = _assemble(C_blocks, m_sizes, n_sizes)
    assert_on_device(C, device, name="C")
    assert_close(C, A @ B, name="C assembled from C_blocks", context=context)
    _check_broadcasts(comm, p, context)


def test_block_shapes_and_broadcast_schedule(submission, device):
    m_sizes, k_sizes, n_sizes = [1, 2, 3], [2, 2, 1], [3, 1, 2]
    A, B, A_blocks, B_blocks = _problem(device, m_sizes, k_sizes, n_sizes, seed=7)
    comm = CountingComm(A_blocks, B_blocks)
    C_blocks = submission.summa_matmul(A_blocks, B_blocks, comm)
    _assemble(C_blocks, m_sizes, n_sizes)
    for i in range(3):
        for j in range(3):
            assert_on_device(C_blocks[i][j], device, name=f"C_blocks[{i}][{j}]")
            assert_equal(C_blocks[i][j].dtype, _dtype(device), name=f"C_blocks[{i}][{j}].dtype")
    _check_broadcasts(comm, 3, "p = 3, uneven blocks")


def test_inputs_not_modified(submission, device):
    A, B, A_blocks, B_blocks = _problem(device, [2, 2], [2, 3], [1, 2], seed=11)
    before_a = [[b.clone() for b in row] for row in A_blocks]
    before_b = [[b.clone() for b in row] for row in B_blocks]
    submission.summa_matmul(A_blocks, B_blocks, CountingComm(A_blocks, B_blocks))
    for i in range(2):
        for j in range(2):
            assert_close(
                A_blocks[i][j],
                before_a[i][j],
                name=f"A_blocks[{i}][{j}] after the call",
                context="summa_matmul must not modify its input blocks",
            )
            assert_close(
                B_blocks[i][j],
                before_b[i][j],
                name=f"B_blocks[{i}][{j}] after the call",
                context="summa_matmul must not modify its input blocks",
            )
