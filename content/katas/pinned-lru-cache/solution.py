from collections import OrderedDict


class PinnedLRUCache:
    """Two recency-ordered maps: only the unpinned one is ever evicted from, so every
    operation is O(1)."""

    def __init__(self, capacity):
        if capacity < 0:
            raise ValueError(f"capacity must be >= 0, got {capacity}")
        self.capacity = capacity
        self._pinned = OrderedDict()
        self._unpinned = OrderedDict()

    def _where(self, key):
        if key in self._pinned:
            return self._pinned
        if key in self._unpinned:
            return self._unpinned
        return None

    def get(self, key, default=None):
        store = self._where(key)
        if store is None:
            return default
        store.move_to_end(key)
        return store[key]

    def put(self, key, value, pinned=False):
        store = self._where(key)
        if store is not None:
            del store[key]
        elif len(self) >= self.capacity:
            if not self._unpinned:
                return False
            self._unpinned.popitem(last=False)
        (self._pinned if pinned else self._unpinned)[key] = value
        return True

    def unpin(self, key):
        if key in self._pinned:
            self._unpinned[key] = self._pinned.pop(key)
        elif key in self._unpinned:
            self._unpinned.move_to_end(key)
        else:
            raise KeyError(key)

    def __len__(self):
        return len(self._pinned) + len(self._unpinned)

    def __contains__(self, key):
        return key in self._pinned or key in self._unpinned
