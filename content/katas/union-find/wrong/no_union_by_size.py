class UnionFind:
    def __init__(self, n):
        self.parent = list(range(n))
        self._count = n

    def find(self, x):
        root = x
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[x] != root:
            self.parent[x], x = root, self.parent[x]
        return root

    def union(self, a, b):
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        self.parent[rb] = ra  # always b's root under a's, whatever the sizes
        self._count -= 1
        return True

    def connected(self, a, b):
        return self.find(a) == self.find(b)

    @property
    def count(self):
        return self._count
