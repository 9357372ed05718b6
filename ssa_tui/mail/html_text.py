"""The HTML part shown as text (for the preview): blocks become lines, links keep their target."""

from __future__ import annotations

import re
from html.parser import HTMLParser

_BLOCKS = {"p", "div", "h1", "h2", "h3", "ul", "ol", "table", "tr", "hr", "br", "li"}
_SKIP = {"head", "style", "script", "title"}
_SPACES = re.compile(r"\s+")


class _TextMaker(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0
        self.href: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self.skipping += 1
        elif tag in _BLOCKS:
            self.parts.append("\n* " if tag == "li" else "\n")
        if tag in ("h1", "h2", "h3"):
            self.parts.append("## ")
        if tag == "a":
            self.href = dict(attrs).get("href")
        if tag in ("th", "td"):
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skipping -= 1
        elif tag == "a" and self.href:
            self.parts.append(f" ({self.href})")
            self.href = None
        elif tag in ("p", "h1", "h2", "h3"):
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(_SPACES.sub(" ", data))  # a space between two inline parts stays


def html_to_text(html: str) -> str:
    maker = _TextMaker()
    maker.feed(html)
    lines = [" ".join(line.split()) for line in "".join(maker.parts).splitlines()]
    text = "\n".join(lines)
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return text.strip() + "\n"
