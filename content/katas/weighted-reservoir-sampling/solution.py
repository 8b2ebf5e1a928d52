import heapq
import itertools
import math


def weighted_reservoir_sample(stream, k, rng):
    heap = []  # (log-key, tie-breaker, item); the smallest key sits at heap[0]
    counter = itertools.count()
    for item, weight in stream:
        if not weight >= 0:  # also catches NaN
            raise ValueError(f"weights must be >= 0, got {weight!r}")
        if weight == 0 or k == 0:
            continue
        u = 1.0 - rng.random()  # in (0, 1]
        key = math.log(u) / weight  # log(u ** (1 / w)): same order, no underflow
        entry = (key, next(counter), item)
        if len(heap) < k:
            heapq.heappush(heap, entry)
        elif key > heap[0][0]:
            heapq.heapreplace(heap, entry)
    return [item for _, _, item in heap]
