"""The shipped guides, checklist, question bank, company processes and round templates are valid."""

import re
import tomllib
from pathlib import Path

import pytest

from desktop.paths import content_root
from desktop.reference.content import (
    LINK,
    MATH,
    ROUND_TYPES,
    load_guides,
    load_questions,
    split_front_matter,
)

ROOT = content_root()

# Frozen copies of the master slug lists (plan/slugs.md). Topic pages and katas are still being
# written, so a slug counts as known if its file exists or it is on the master list.
MASTER_TOPICS = {
    # transformers-llms
    "attention", "multi-head-attention", "causal-and-cross-attention", "positional-encodings",
    "rope", "alibi-and-context-extension", "flash-attention", "kv-cache", "mixture-of-experts",
    "tokenization-bpe", "decoding-strategies", "speculative-decoding", "quantization",
    "lora-and-peft", "pretraining", "supervised-fine-tuning", "rlhf", "dpo", "grpo",
    "scaling-laws", "rag", "hallucination", "transformer-block",
    # generative
    "vae-elbo", "gans", "diffusion-models", "ddim", "score-matching", "sde-view-of-diffusion",
    "flow-matching", "classifier-free-guidance",
    # reinforcement-learning
    "mdps-and-bellman", "td-vs-monte-carlo", "q-learning-and-sarsa", "dqn",
    "policy-gradient-reinforce", "actor-critic", "gae", "ppo", "sac", "on-vs-off-policy",
    "importance-sampling", "exploration", "model-based-rl", "alphazero-and-muzero",
    "curriculum-learning",
    # distributed-training
    "data-parallel-ddp", "fsdp-and-zero", "tensor-parallelism", "pipeline-parallelism",
    "3d-parallelism", "collective-communication", "mixed-precision",
    "gradient-checkpointing-and-accumulation", "multi-gpu-matmul",
    # system-design
    "ml-system-design-framework", "recommendation-and-ranking", "serving-and-feature-stores",
    "monitoring-and-drift", "experimentation-platforms", "data-pipelines", "large-model-serving",
    # behavioural
    "star-stories", "research-discussion",
    # core-ml
    "bias-variance", "regularization", "trees-and-boosting", "svm", "knn", "clustering",
    "pca-and-svd", "evaluation-metrics", "cross-validation", "class-imbalance",
    "curse-of-dimensionality",
    # deep-learning
    "optimizers", "normalization-layers", "weight-initialization", "backpropagation",
    "vanishing-exploding-gradients", "residual-connections", "cnns", "rnn-lstm-gru",
    "state-space-models", "gumbel-softmax", "transfer-and-few-shot-learning",
    # nlp-vision
    "word-embeddings", "bert-and-gpt", "bleu-and-rouge", "object-detection", "segmentation",
    "data-augmentation", "resnet", "vision-transformers",
    # statistics-maths
    "probability-basics", "bayes-theorem", "mle-vs-map", "central-limit-theorem",
    "hypothesis-testing-and-power", "ab-testing", "sequential-testing",
    "weighted-sampling-and-random-walks", "linear-algebra-essentials", "jacobian-and-hessian",
}  # fmt: skip

MASTER_KATAS = {
    "scaled-dot-product-attention",
    # attention and decoding
    "multi-head-attention", "cross-attention", "decoder-block", "swiglu-ffn", "layer-norm",
    "rms-norm", "sinusoidal-encoding", "rope", "chunked-attention", "kv-cache", "moe-router",
    "sampling-strategies", "beam-search", "bpe-training", "speculative-decoding",
    # training
    "softmax-backward", "attention-backward", "mlp-backprop-numpy", "cross-entropy",
    "focal-loss", "clip-grad-norm", "adam", "adamw", "warmup-cosine-schedule", "training-loop",
    "inverted-dropout", "lora-linear", "int8-quantization", "distillation-loss", "infonce-loss",
    # generative, RL and classic ML
    "ddpm-step", "classifier-free-guidance", "reinforce-loss", "gae", "ppo-loss", "dpo-loss",
    "q-learning-grid", "kmeans", "decision-tree-gini", "linear-regression-sgd",
    "online-logistic-regression", "pca-svd", "precision-recall-f1", "roc-auc",
    "cross-validation-splits", "class-imbalance-resampling", "item-item-cf",
    # data, algorithms and debugging
    "multimodal-collate", "summa-matmul", "level-order-traversal", "grid-bfs", "union-find",
    "pinned-lru-cache", "alias-sampler", "weighted-reservoir-sampling", "random-walk-absorption",
    "debug-nan-loss", "debug-exploding-gradients", "debug-attention-output",
    "debug-flat-validation", "debug-device-dtype", "debug-broadcast",
}  # fmt: skip

TOPIC_AREAS = {
    "transformers-llms", "generative", "reinforcement-learning", "distributed-training",
    "core-ml", "deep-learning", "nlp-vision", "statistics-maths", "system-design", "behavioural",
}  # fmt: skip
KATA_AREAS = {
    "attention", "training", "generative-rl", "decoding", "classic-ml", "data-systems",
    "algorithms", "debugging",
}  # fmt: skip
DIFFICULTIES = {"easy", "medium", "hard"}
COMPANY_ROUND_TYPES = set(ROUND_TYPES) | {"recruiter-screen", "team-match"}
REQUIRED_COMPANIES = (
    "google", "meta", "amazon", "microsoft", "openai", "apple", "deepmind", "anthropic",
)  # fmt: skip
REQUIRED_TEMPLATES = (
    "recruiter-screen", "algorithms-coding", "ml-coding", "ml-theory", "behavioural",
    "research-discussion", "system-design",
)  # fmt: skip
REQUIRED_GUIDES = (
    "interview-pipeline", "companies", "preparation-plan", "negotiation", "rsus-vs-options",
    "choosing-offers", "wellbeing", "checklist",
)  # fmt: skip

KNOWN_TOPICS = MASTER_TOPICS | {p.stem for p in (ROOT / "topics").glob("*/*.md")}
KNOWN_KATAS = MASTER_KATAS | {
    p.name for p in (ROOT / "katas").iterdir() if (p / "kata.toml").exists()
}
GUIDES = load_guides(ROOT)
GUIDE_SLUGS = {g.slug for g in GUIDES}


def read_toml(path: Path) -> dict:
    return tomllib.loads(path.read_text(encoding="utf-8"))


QUESTION_FILES = sorted((ROOT / "questions").glob("*.toml"))
QUESTIONS = [
    (path, entry) for path in QUESTION_FILES for entry in read_toml(path).get("question", [])
]


def broken_links(body: str, guides: set[str]) -> list[str]:
    known = {"topic": KNOWN_TOPICS, "kata": KNOWN_KATAS, "guide": guides}
    broken = [f"{m.group(2)}:{m.group(3)}" for m in LINK.finditer(body)]
    broken = [link for link in broken if link.split(":")[1] not in known[link.split(":")[0]]]
    # a link-like target with an unknown scheme or malformed slug is also broken
    for target in re.findall(r"\]\(([a-z]+:[^)]*)\)", body):
        kind, _, slug = target.partition(":")
        if kind in known and not re.fullmatch(r"[a-z0-9\-]+(#[a-z0-9\-]+)?", slug):
            broken.append(target)
    return broken


def bad_formulas(body: str) -> list[str]:
    from matplotlib.mathtext import MathTextParser

    parser = MathTextParser("path")
    body = re.sub(r"^```.*?^```", "", body, flags=re.DOTALL | re.MULTILINE)
    body = re.sub(r"`[^`\n]+`", "", body)
    failures = []
    for match in MATH.finditer(body):
        tex = match.group(0).strip("$").strip()
        try:
            parser.parse(f"${tex}$")
        except Exception as error:  # noqa: BLE001
            failures.append(f"{tex[:60]} ({str(error).splitlines()[0][:60]})")
    return failures


# --- question bank -----------------------------------------------------------------------


def test_question_bank_size():
    assert len(QUESTIONS) >= 250
    per_round = {r: 0 for r in ROUND_TYPES}
    for _, entry in QUESTIONS:
        per_round[entry.get("round")] = per_round.get(entry.get("round"), 0) + 1
    thin = {r: n for r, n in per_round.items() if n < 25}
    assert not thin, f"rounds with fewer than 25 questions: {thin}"
    assert len(load_questions(ROOT)) == len(QUESTIONS)


def test_question_ids_are_unique():
    ids = [entry.get("id") for _, entry in QUESTIONS]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    assert not duplicates, duplicates
    texts = [entry.get("text", "").strip().lower() for _, entry in QUESTIONS]
    assert len(set(texts)) == len(texts), "the same question text appears twice"


@pytest.mark.parametrize("path", QUESTION_FILES, ids=lambda p: p.stem)
def test_question_fields(path):
    problems = []
    assert path.stem in ROUND_TYPES, f"{path.name}: file name must be a round type"
    for entry in read_toml(path).get("question", []):
        qid = entry.get("id", "?")

        def bad(message, qid=qid):
            problems.append(f"{qid}: {message}")

        if not isinstance(entry.get("id"), str) or not re.fullmatch(r"[a-z]+-\d{3}", qid):
            bad("id must look like 'mlt-001'")
        if not isinstance(entry.get("text"), str) or len(entry["text"].strip()) < 15:
            bad("text missing or too short")
        if entry.get("round") != path.stem:
            bad(f"round {entry.get('round')!r} does not match the file {path.name}")
        if entry.get("difficulty") not in DIFFICULTIES:
            bad(f"difficulty {entry.get('difficulty')!r}")
        if entry.get("area") not in TOPIC_AREAS | KATA_AREAS:
            bad(f"area {entry.get('area')!r}")
        for key in ("topics", "katas", "outline"):
            value = entry.get(key, [])
            if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
                bad(f"{key} must be a list of non-empty strings")
        unknown_topics = [t for t in entry.get("topics", []) if t not in KNOWN_TOPICS]
        if unknown_topics:
            bad(f"unknown topics {unknown_topics}")
        unknown_katas = [k for k in entry.get("katas", []) if k not in KNOWN_KATAS]
        if unknown_katas:
            bad(f"unknown katas {unknown_katas}")
        if not 3 <= len(entry.get("outline", [])) <= 6:
            bad("outline needs 3-6 points")
        companies = entry.get("companies", [])
        if not isinstance(companies, list) or not all(isinstance(c, str) and c for c in companies):
            bad("companies must be a list of names")
        if "year" in entry:
            if not companies:
                bad("a year needs the company that reported it")
            if not isinstance(entry["year"], int) or not 2015 <= entry["year"] <= 2030:
                bad(f"year {entry['year']!r}")
    assert not problems, "\n".join(problems)


def test_ml_coding_questions_point_at_katas():
    coding = [entry for _, entry in QUESTIONS if entry.get("round") == "ml-coding"]
    with_katas = [entry for entry in coding if entry.get("katas")]
    assert len(with_katas) >= 0.8 * len(coding)
    algorithms = [e for _, e in QUESTIONS if e.get("round") == "algorithms-coding"]
    assert all(e.get("area") in KATA_AREAS for e in coding + algorithms)


def test_company_tags_come_with_reports():
    tagged = [entry for _, entry in QUESTIONS if entry.get("companies")]
    assert len(tagged) >= 60, "the seeds report at least 60 company-tagged questions"
    assert any(entry.get("year") for entry in tagged)


# --- company processes -----------------------------------------------------------------------


@pytest.mark.parametrize("slug", REQUIRED_COMPANIES)
def test_company_process(slug):
    path = ROOT / "companies" / f"{slug}.toml"
    assert path.exists(), f"missing {path}"
    data = read_toml(path)
    assert isinstance(data.get("name"), str) and data["name"].strip()
    assert isinstance(data.get("notes"), str) and len(data["notes"].split()) >= 30
    rounds = data.get("round", [])
    assert len(rounds) >= 4
    for entry in rounds:
        assert entry.get("type") in COMPANY_ROUND_TYPES, entry
        assert isinstance(entry.get("name"), str) and entry["name"].strip(), entry
        minutes = entry.get("minutes")
        assert isinstance(minutes, int) and 0 < minutes <= 240, entry
    assert rounds[0]["type"] == "recruiter-screen"


def test_every_company_file_is_valid():
    for path in sorted((ROOT / "companies").glob("*.toml")):
        data = read_toml(path)
        assert data.get("name") and data.get("round"), path.name
        assert all(r.get("type") in COMPANY_ROUND_TYPES for r in data["round"]), path.name


# --- round templates ---------------------------------------------------------------------------


@pytest.mark.parametrize("kind", REQUIRED_TEMPLATES)
def test_round_template(kind):
    path = ROOT / "rounds" / f"{kind}.toml"
    assert path.exists(), f"missing {path}"
    data = read_toml(path)
    assert data.get("type") == kind
    assert isinstance(data.get("title"), str) and data["title"].strip()
    phases = data.get("phase", [])
    assert len(phases) >= 3
    assert all(isinstance(p.get("name"), str) and p["name"].strip() for p in phases)
    assert all(isinstance(p.get("minutes"), int) and p["minutes"] > 0 for p in phases)
    assert data.get("minutes") == sum(p["minutes"] for p in phases)
    rubric = data.get("rubric", [])
    assert 4 <= len(rubric) <= 6
    assert all(isinstance(item, str) and item.strip() for item in rubric)
    expected = (30, 45) if kind == "recruiter-screen" else (30, 60)
    assert expected[0] <= data["minutes"] <= expected[1]


def test_round_templates_load_in_the_app():
    from desktop.rounds.templates import load_builtin_templates

    loaded = {t.type: t for t in load_builtin_templates(ROOT)}
    assert set(REQUIRED_TEMPLATES) <= set(loaded)
    for template in loaded.values():
        assert template.minutes == read_toml(ROOT / "rounds" / f"{template.type}.toml")["minutes"]


# --- checklist ---------------------------------------------------------------------------------


def test_checklist():
    data = read_toml(ROOT / "guides" / "checklist.toml")
    sections = data.get("section", [])
    assert len(sections) >= 6
    titles = [s.get("title") for s in sections]
    assert all(isinstance(t, str) and t.strip() for t in titles)
    assert len(set(titles)) == len(titles)
    items = [item for s in sections for item in s.get("items", [])]
    assert len(items) >= 40
    assert all(isinstance(item, str) and len(item.split()) >= 3 for item in items)
    assert len(set(items)) == len(items), "duplicate checklist items"
    assert all(len(s.get("items", [])) >= 3 for s in sections)


# --- guides ------------------------------------------------------------------------------------


def test_required_guides_exist_with_front_matter():
    assert set(REQUIRED_GUIDES) <= GUIDE_SLUGS
    for slug in REQUIRED_GUIDES:
        path = ROOT / "guides" / f"{slug}.md"
        meta, body = split_front_matter(path.read_text(encoding="utf-8"), path)
        assert isinstance(meta.get("title"), str) and meta["title"].strip(), slug
        assert isinstance(meta.get("order"), int), slug
        words = len(body.split())
        assert 600 <= words <= 1500, f"{slug}: {words} words"
    orders = [g.order for g in GUIDES if g.slug in REQUIRED_GUIDES]
    assert len(set(orders)) == len(orders), "guides share an order"


def test_rsu_guide_has_the_worked_example():
    body = (ROOT / "guides" / "rsus-vs-options.md").read_text(encoding="utf-8")
    for figure in ("10,000", "100,000", "400,000", "180,000", "280,000", "45%", "5/15/40/40"):
        assert figure in body, figure
    # the figures are consistent: strike 10, price 50, 10,000 options, 45% tax
    options, strike, price, rate = 10_000, 10, 50, 0.45
    assert options * strike == 100_000
    assert options * (price - strike) == 400_000
    assert round(rate * options * (price - strike)) == 180_000
    assert options * strike + round(rate * options * (price - strike)) == 280_000


@pytest.mark.parametrize("guide", GUIDES, ids=lambda g: g.slug)
def test_guide_links_resolve(guide):
    assert not broken_links(guide.body, GUIDE_SLUGS), guide.slug


@pytest.mark.parametrize("guide", GUIDES, ids=lambda g: g.slug)
def test_guide_formulas_typeset(guide):
    assert not bad_formulas(guide.body), guide.slug


def test_money_is_never_written_with_a_dollar_sign():
    for guide in GUIDES:
        body = MATH.sub("", guide.body)
        assert "$" not in body, f"{guide.slug}: stray dollar sign (write USD)"


def test_checkers_catch_problems():
    assert broken_links("[x](topic:no-such-topic) [y](kata:attention-backward)", set()) == [
        "topic:no-such-topic"
    ]
    assert broken_links("[g](guide:wellbeing)", {"wellbeing"}) == []
    assert broken_links("[g](guide:Bad_Slug)", {"wellbeing"}) == ["guide:Bad_Slug"]
    assert bad_formulas(r"fine $x^2$ and broken $\frac{1}{$") != []
    assert bad_formulas(r"$$\sum_{y=1}^{4} B_y$$") == []
