"""The study areas a profile rates, and how topics, katas and rounds map onto them."""

from __future__ import annotations

AREAS: tuple[str, ...] = (
    "algorithms-coding",
    "ml-coding",
    "ml-theory",
    "system-design",
    "behavioural",
    "statistics",
)

AREA_TITLES = {
    "algorithms-coding": "Algorithms coding",
    "ml-coding": "ML coding",
    "ml-theory": "ML theory",
    "system-design": "System design",
    "behavioural": "Behavioural",
    "statistics": "Statistics",
}

# Interview round types (tracker / mock rounds) -> study area.
ROUND_AREAS = {
    "algorithms-coding": "algorithms-coding",
    "ml-coding": "ml-coding",
    "ml-theory": "ml-theory",
    "research-discussion": "ml-theory",
    "system-design": "system-design",
    "behavioural": "behavioural",
    "recruiter-screen": "behavioural",
    "team-match": "behavioural",
}

# The mock-round template to practise each area.
AREA_ROUNDS = {
    "algorithms-coding": "algorithms-coding",
    "ml-coding": "ml-coding",
    "ml-theory": "ml-theory",
    "system-design": "system-design",
    "behavioural": "behavioural",
    "statistics": "ml-theory",
}


def topic_area(topic_area_name: str) -> str:
    """The study area of a library topic area (core-ml, statistics-maths, ...)."""
    return {
        "statistics-maths": "statistics",
        "system-design": "system-design",
        "behavioural": "behavioural",
    }.get(topic_area_name, "ml-theory")


def kata_area(kata_area_name: str) -> str:
    return "algorithms-coding" if kata_area_name == "algorithms" else "ml-coding"


def area_title(area: str) -> str:
    return AREA_TITLES.get(area, area.replace("-", " ").capitalize())
