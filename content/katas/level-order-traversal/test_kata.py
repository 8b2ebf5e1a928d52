"""Hidden tests for the level-order-traversal kata.

PYTEST_DONT_REWRITE: plain asserts report only their own message.
"""

import sys

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from desktop.katas.checks import assert_equal

# A tree spec is None or (val, left_spec, right_spec); it prints as the smallest failing input.
tree_specs = st.recursive(
    st.none(),
    lambda children: st.tuples(st.integers(-9, 9), children, children),
    max_leaves=24,
)


def _build(submission, spec):
    if spec is None:
        return None
    val, left, right = spec
    return submission.TreeNode(val, _build(submission, left), _build(submission, right))


def _reference(spec):
    """Depth-first, carrying the depth: left subtrees are visited before right ones."""
    levels = []

    def visit(node, depth):
        if node is None:
            return
        if depth == len(levels):
            levels.append([])
        levels[depth].append(node[0])
        visit(node[1], depth + 1)
        visit(node[2], depth + 1)

    visit(spec, 0)
    return levels


def _level_order(submission, root):
    result = submission.level_order(root)
    assert isinstance(result, list), f"level_order must return a list, got {type(result).__name__}"
    return [list(level) if isinstance(level, (list, tuple)) else level for level in result]


def _describe(spec):
    return f"tree (val, left, right) = {spec!r}"


def test_tiny_example_by_hand(submission):
    spec = (3, (9, None, None), (20, (15, None, None), (7, None, None)))
    result = _level_order(submission, _build(submission, spec))
    assert_equal(
        result,
        [[3], [9, 20], [15, 7]],
        name="level_order",
        context="tree 3 -> (9, 20), 20 -> (15, 7): one list per depth, left to right",
    )


def test_empty_tree(submission):
    assert_equal(
        _level_order(submission, None),
        [],
        name="level_order(None)",
        context="the empty tree has no levels",
    )


def test_single_node(submission):
    assert_equal(
        _level_order(submission, submission.TreeNode(42)), [[42]], name="level_order(TreeNode(42))"
    )


def test_levels_left_to_right_across_subtrees(submission):
    spec = (1, (2, (4, None, None), None), (3, (5, None, None), (6, None, None)))
    result = _level_order(submission, _build(submission, spec))
    assert_equal(
        result,
        [[1], [2, 3], [4, 5, 6]],
        name="level_order",
        context=_describe(spec)
        + ": a level continues from the left subtree into the right subtree",
    )


def test_deep_chain_does_not_recurse(submission):
    depth = 10_000
    root = None
    for val in range(depth - 1, -1, -1):
        root = (
            submission.TreeNode(val, None, root)
            if val % 2
            else submission.TreeNode(val, root, None)
        )
    limit = sys.getrecursionlimit()
    try:
        sys.setrecursionlimit(1_000)
        result = _level_order(submission, root)
    except RecursionError:
        raise AssertionError(
            "RecursionError on a chain of 10,000 nodes: traverse iteratively with a queue"
        ) from None
    finally:
        sys.setrecursionlimit(limit)
    assert_equal(len(result), depth, name="number of levels of a 10,000-node chain")
    assert_equal(
        result[:3] + result[-2:],
        [[0], [1], [2], [9998], [9999]],
        name="first and last levels of the chain 0 -> 1 -> ... -> 9999",
    )


def test_does_not_modify_tree(submission):
    spec = (5, (3, (1, None, None), None), (8, None, (9, None, None)))
    root = _build(submission, spec)
    submission.level_order(root)
    assert_equal(
        _reference_from_nodes(root),
        _reference(spec),
        name="the tree after level_order",
        context="level_order must leave the tree as it was",
    )


def _reference_from_nodes(node):
    def to_spec(n):
        return None if n is None else (n.val, to_spec(n.left), to_spec(n.right))

    return _reference(to_spec(node))


@settings(
    suppress_health_check=[HealthCheck.function_scoped_fixture],
    phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.shrink],
    report_multiple_bugs=False,
)
@given(spec=tree_specs)
def test_matches_reference_on_random_trees(submission, spec):
    result = _level_order(submission, _build(submission, spec))
    assert_equal(result, _reference(spec), name="level_order", context=_describe(spec))
