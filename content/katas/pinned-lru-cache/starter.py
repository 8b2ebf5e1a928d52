from collections import OrderedDict


class PinnedLRUCache:
    """LRU cache whose pinned entries are never evicted."""

    def __init__(self, capacity):
        raise NotImplementedError

    def get(self, key, default=None):
        """Value of key (and mark it most recently used), or default if missing."""
        raise NotImplementedError

    def put(self, key, value, pinned=False):
        """Insert or update; returns False when a new key cannot fit (all entries pinned)."""
        raise NotImplementedError

    def unpin(self, key):
        """Clear key's pin and mark it most recently used; KeyError if missing."""
        raise NotImplementedError

    def __len__(self):
        raise NotImplementedError

    def __contains__(self, key):
        """Membership only: does not count as a use."""
        raise NotImplementedError
