import heapq
import itertools
import math


def weighted_reservoir_sample(stream, k, rng):
    heap = []
    counter = itertools.count()
    for item, weight in stream:
        if not weight >= 0:
            raise ValueError("bad weight")
        if k == 0:
            continue
        u = 1.0 - rng.random()
        # zero weight gets the lowest possible key, but still enters the reservoir
        key = math.log(u) / weight if weight > 0 else float("-inf")
        entry = (key, next(counter), item)
        if len(heap) < k:
            heapq.heappush(heap, entry)
        elif key > heap[0][0]:
            heapq.heapreplace(heap, entry)
    return [item for _, _, item in heap]
