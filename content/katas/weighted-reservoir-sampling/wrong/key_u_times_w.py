import heapq
import itertools


def weighted_reservoir_sample(stream, k, rng):
    heap = []
    counter = itertools.count()
    for item, weight in stream:
        if not weight >= 0:
            raise ValueError("bad weight")
        if weight == 0 or k == 0:
            continue
        key = rng.random() * weight  # scales the uniform instead of raising it to 1/w
        entry = (key, next(counter), item)
        if len(heap) < k:
            heapq.heappush(heap, entry)
        elif key > heap[0][0]:
            heapq.heapreplace(heap, entry)
    return [item for _, _, item in heap]
