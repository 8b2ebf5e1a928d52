"""Markdown to HTML for Qt's rich-text views: highlighted code, tables, typeset maths.

Maths ($...$ inline, $$...$$ display) is rendered offline to PNG with matplotlib's mathtext
and embedded as data URIs; results are cached per formula, colour and size.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import html
import io
import re
import threading
from pathlib import Path

_MATH_DISPLAY = re.compile(r"\$\$(.+?)\$\$", re.DOTALL)
_MATH_INLINE = re.compile(r"(?<![\\$\w])\$(?!\s)([^$\n]+?)(?<!\s)\$(?![\w$])")
_FENCE = re.compile(r"^(```|~~~).*?^\1[ \t]*$", re.DOTALL | re.MULTILINE)
_CODE_SPAN = re.compile(r"`[^`\n]+`")


_disk_cache: Path | None = None
_typeset_lock = threading.Lock()  # matplotlib's parser is not safe to share between threads


def use_disk_cache(folder: Path | None) -> None:
    """Keep typeset formulas in ``folder`` so later sessions render pages at once."""
    global _disk_cache
    _disk_cache = folder
    if folder is not None:
        folder.mkdir(parents=True, exist_ok=True)


@functools.lru_cache(maxsize=4096)
def math_png(tex: str, color: str, size: int, display: bool) -> tuple[str, int, int] | None:
    """(data URI, width, height) of the formula, or None when mathtext cannot parse it."""
    key = hashlib.sha1(f"{tex}|{color}|{size}|{display}".encode()).hexdigest()
    cached = _disk_cache / f"{key}.png" if _disk_cache is not None else None
    if cached is not None and cached.exists():
        data = cached.read_bytes()
    else:
        with _typeset_lock:
            data = _typeset(tex, color, size, display)
        if data is None:
            return None
        if cached is not None:
            try:
                cached.write_bytes(data)
            except OSError:
                pass
    width = int.from_bytes(data[16:20], "big") // 2
    height = int.from_bytes(data[20:24], "big") // 2
    return "data:image/png;base64," + base64.b64encode(data).decode(), width, height


def _typeset(tex: str, color: str, size: int, display: bool) -> bytes | None:
    """PNG bytes (at 2x for sharp high-DPI display), transparent background."""
    import numpy as np
    from matplotlib.font_manager import FontProperties
    from PIL import Image

    prop = FontProperties(size=size + (3 if display else 1))
    try:
        raster = _agg_parser().parse(f"${tex}$", dpi=144, prop=prop)
    except Exception:  # noqa: BLE001 - unparseable maths falls back to source text
        return None
    alpha = np.asarray(raster.image)
    if alpha.size == 0:
        return None
    rgba = np.zeros((*alpha.shape, 4), dtype=np.uint8)
    rgba[..., 0] = int(color[1:3], 16)
    rgba[..., 1] = int(color[3:5], 16)
    rgba[..., 2] = int(color[5:7], 16)
    rgba[..., 3] = alpha
    buffer = io.BytesIO()
    Image.fromarray(rgba, "RGBA").save(buffer, "PNG")
    return buffer.getvalue()


@functools.lru_cache(maxsize=1)
def _agg_parser():
    import matplotlib

    matplotlib.use("Agg", force=False)
    from matplotlib.mathtext import MathTextParser

    return MathTextParser("agg")


def _protect(text: str, pattern: re.Pattern, store: list[str]) -> str:
    def keep(match: re.Match) -> str:
        store.append(match.group(0))
        return f"\x00{len(store) - 1}\x00"

    return pattern.sub(keep, text)


def _restore(text: str, store: list[str]) -> str:
    return re.sub(r"\x00(\d+)\x00", lambda m: store[int(m.group(1))], text)


def _math_html(tex: str, display: bool, color: str, size: int) -> str:
    image = math_png(tex.strip(), color, size, display)
    if image is None:
        code = f"<code>{html.escape(tex.strip())}</code>"
        return f'<p align="center">{code}</p>' if display else code
    uri, width, height = image
    tag = (
        f'<img src="{uri}" width="{width}" height="{height}" '
        f'style="vertical-align: middle" alt="{html.escape(tex.strip())}">'
    )
    if display:
        return f'<p align="center">{tag}</p>'
    return tag


def markdown_to_html(text: str, *, dark: bool = False, size: int = 11, math: bool = True) -> str:
    """Render Markdown to an HTML fragment for QTextBrowser."""
    import markdown

    color = "#e6e8eb" if dark else "#1d2126"
    shelter: list[str] = []
    # Code blocks and spans are never maths: set them aside first.
    body = _protect(text, _FENCE, shelter)
    body = _protect(body, _CODE_SPAN, shelter)
    rendered_math: list[str] = []
    if math:

        def display(match: re.Match) -> str:
            rendered_math.append(_math_html(match.group(1), True, color, size))
            return f"\n\n\x01{len(rendered_math) - 1}\x01\n\n"

        def inline(match: re.Match) -> str:
            rendered_math.append(_math_html(match.group(1), False, color, size))
            return f"\x01{len(rendered_math) - 1}\x01"

        body = _MATH_DISPLAY.sub(display, body)
        body = _MATH_INLINE.sub(inline, body)
    body = _restore(body, shelter)

    converter = markdown.Markdown(
        extensions=["fenced_code", "tables", "codehilite", "sane_lists", "toc"],
        extension_configs={
            "codehilite": {
                "noclasses": True,
                "pygments_style": "monokai" if dark else "friendly",
                "guess_lang": False,
            },
            "toc": {"permalink": False},
        },
    )
    out = converter.convert(body)
    out = re.sub(r"<p>\x01(\d+)\x01</p>", lambda m: rendered_math[int(m.group(1))], out)
    out = re.sub(r"\x01(\d+)\x01", lambda m: rendered_math[int(m.group(1))], out)
    return out


def page_css(dark: bool) -> str:
    text = "#e6e8eb" if dark else "#1d2126"
    muted = "#9aa1ab" if dark else "#5b6470"
    code_bg = "#272822" if dark else "#f4f6f8"
    link = "#6ea8ff" if dark else "#1f5fc9"
    border = "#3a404a" if dark else "#d5d9df"
    return (
        f"body {{ color: {text}; }} "
        f"a {{ color: {link}; text-decoration: none; }} "
        f"h1 {{ font-size: 20pt; margin-bottom: 6px; }} "
        f"h2 {{ font-size: 15pt; margin-top: 18px; }} "
        f"h3 {{ font-size: 12pt; margin-top: 12px; }} "
        f"code {{ font-family: monospace; background-color: {code_bg}; }} "
        f"pre {{ font-family: monospace; background-color: {code_bg}; padding: 8px; }} "
        f"table {{ border-collapse: collapse; }} "
        f"th, td {{ border: 1px solid {border}; padding: 4px 8px; }} "
        f".muted {{ color: {muted}; }} "
    )


def html_page(fragment: str, dark: bool) -> str:
    return f"<html><head><style>{page_css(dark)}</style></head><body>{fragment}</body></html>"
