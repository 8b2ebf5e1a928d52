from desktop.reference.search import Document, SearchIndex, to_match_query


def _index():
    index = SearchIndex()
    index.build(
        [
            Document(
                "topic",
                "attention",
                "Scaled dot-product attention",
                "Scores are divided by sqrt(d_k) so the softmax does not saturate.",
                "transformers",
            ),
            Document("topic", "kv-cache", "KV cache", "Cache keys and values during decoding.", ""),
            Document(
                "kata", "kmeans", "K-means", "Cluster points by Lloyd iterations.", "classic-ml"
            ),
            Document(
                "question",
                "q1",
                "Why scale attention?",
                "Explain the variance argument.",
                "ml-theory",
            ),
        ]
    )
    return index


def test_ranked_results_with_highlighted_snippets():
    hits = _index().search("attention")
    assert {h.key for h in hits} == {"attention", "q1"}
    index = _index()
    index.upsert(Document("guide", "decoding", "Decoding strategies", "greedy, beam, nucleus"))
    ranked = [h.key for h in index.search("decoding")]
    assert ranked == ["decoding", "kv-cache"], "a title match outranks a body match"
    assert "<b>" in _index().search("softmax")[0].snippet_html()


def test_prefix_search_as_you_type():
    index = _index()
    assert [h.key for h in index.search("deco")] == ["kv-cache"]
    assert [h.key for h in index.search("lloyd iter")] == ["kmeans"]


def test_hostile_input_never_raises():
    index = _index()
    for text in ['"', "AND OR NOT", "*", "(", "a:b", "NEAR(", "'; DROP TABLE docs; --", "  "]:
        assert isinstance(index.search(text), list)
    assert to_match_query("   ") is None


def test_notes_are_reindexed_on_save():
    index = _index()
    index.upsert(Document("note", "attention", "Your notes: attention", "remember the zebra trick"))
    assert [h.kind for h in index.search("zebra")] == ["note"]
    index.upsert(Document("note", "attention", "Your notes: attention", "now about giraffes"))
    assert index.search("zebra") == []
    assert index.search("giraffes")[0].key == "attention"


def test_kind_filter():
    assert {h.kind for h in _index().search("attention", kinds=("question",))} == {"question"}
