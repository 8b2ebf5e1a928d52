import heapq
import itertools
import math


def weighted_reservoir_sample(stream, k, rng):
    total = sum(weight for _, weight in stream)  # a first pass to normalise the weights
    if not total >= 0:
        raise ValueError("bad weights")
    heap = []
    counter = itertools.count()
    for item, weight in stream:
        if not weight >= 0:
            raise ValueError("bad weight")
        if weight == 0 or k == 0:
            continue
        key = math.log(1.0 - rng.random()) / (weight / total)
        entry = (key, next(counter), item)
        if len(heap) < k:
            heapq.heappush(heap, entry)
        elif key > heap[0][0]:
            heapq.heapreplace(heap, entry)
    return [item for _, _, item in heap]
