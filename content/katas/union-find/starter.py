class UnionFind:
    """Disjoint sets over 0..n-1 with union by size and path compression."""

    def __init__(self, n):
        raise NotImplementedError

    def find(self, x):
        """Root of x's component; compresses the path (iteratively)."""
        raise NotImplementedError

    def union(self, a, b):
        """Merge; the smaller component's root goes under the larger's (tie: b's under a's).
        Returns False when a and b were already connected."""
        raise NotImplementedError

    def connected(self, a, b):
        raise NotImplementedError

    @property
    def count(self):
        """Number of components."""
        raise NotImplementedError
