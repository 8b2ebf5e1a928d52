"""Reference figures: search latency, topic render cold/warm, index build time.

Run: .venv/bin/python bench/reference.py. Targets: p95 search <= 10 ms; warm page < 30 ms;
the first window does not wait for the index (it is built on a background thread).
"""

import os
import random
import statistics
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from desktop.paths import content_root  # noqa: E402
from desktop.reference.content import load_topics  # noqa: E402
from desktop.reference.search import SearchIndex, library_documents  # noqa: E402


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def main() -> None:
    root = content_root()
    started = time.perf_counter()
    documents = library_documents(root)
    loaded = time.perf_counter()
    index = SearchIndex()
    index.build(documents)
    built = time.perf_counter()
    print(
        f"library: {len(documents)} documents; load {1000 * (loaded - started):.1f} ms, "
        f"index build {1000 * (built - loaded):.1f} ms (background thread, window does not wait)"
    )

    rng = random.Random(7)
    words = [w for d in documents for w in d.title.lower().split() if len(w) > 3]
    queries = [" ".join(rng.sample(words, rng.choice([1, 1, 2]))) for _ in range(90)]
    queries += [w[: rng.randint(2, 4)] for w in rng.sample(words, 10)]  # as-you-type prefixes
    latencies = []
    for query in queries:
        t = time.perf_counter()
        index.search(query)
        latencies.append(1000 * (time.perf_counter() - t))
    print(
        f"search over the whole library, {len(queries)} queries: median "
        f"{statistics.median(latencies):.2f} ms, p95 {percentile(latencies, 0.95):.2f} ms "
        f"(target p95 <= 10 ms)"
    )

    from PySide6.QtWidgets import QApplication, QTextBrowser

    from desktop.ui.reference_pane import render_page, topic_markdown

    app = QApplication.instance() or QApplication([])
    browser = QTextBrowser()
    browser.resize(900, 700)
    topics, _ = load_topics(root)
    t = time.perf_counter()
    first = render_page(topic_markdown(topics[0]), False, 1)
    first_ms = 1000 * (time.perf_counter() - t)
    cold, warm = [], []
    cache = {}
    for topic in topics[1:21]:
        t = time.perf_counter()
        cache[topic.slug] = render_page(topic_markdown(topic), False, 1)
        browser.setHtml(cache[topic.slug])
        app.processEvents()
        cold.append(1000 * (time.perf_counter() - t))
    for topic in topics[1:21]:
        t = time.perf_counter()
        browser.setHtml(cache[topic.slug])
        app.processEvents()
        warm.append(1000 * (time.perf_counter() - t))
    print(
        f"topic render, very first page (loads the maths typesetter): {first_ms:.0f} ms "
        f"(off the GUI thread; {len(first)} bytes)"
    )
    print(
        f"topic render cold (markdown + maths + layout), median of {len(cold)}: "
        f"{statistics.median(cold):.1f} ms"
    )
    print(
        f"topic page warm (cached HTML shown), median {statistics.median(warm):.1f} ms, "
        f"max {max(warm):.1f} ms (target < 30 ms)"
    )
    print(f"ratio cold/warm: {statistics.median(cold) / statistics.median(warm):.1f}x")


if __name__ == "__main__":
    main()
