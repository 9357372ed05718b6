"""The HTML part shown as text (for the preview): blocks become lines, links keep their target.

Spacing as in a mail client's text view: a blank line between blocks (paragraphs, headings,
lists, tables, rules, quotes), list items and table rows on lines of their own, ``<br>`` a line
break; never two blank lines in a row and never two words of different blocks glued together.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

_PARAGRAPHS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "table", "hr", "blockquote", "pre"}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_LINES = {"div", "tr", "dl", "dt", "dd", "address", "section", "article", "header", "footer", "center"}
_LISTS = {"ul", "ol"}
_SKIP = {"head", "style", "script", "title"}
_SPACES = re.compile(r"\s+")
LINE, PARAGRAPH = 1, 2  # newlines owed before the next word: a line break, a blank line


class _TextMaker(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.skipping = 0
        self.href: str | None = None
        self.owed = 0  # newlines owed before the next word (only once there is a word)
        self.space = False  # a space owed before the next word on the same line
        self.bullet = ""  # what the next line of a list item starts with: "* " or "1. "
        self.heading = False  # within a heading: its line starts with "## "
        self.lists: list[list[int]] = []  # open lists, innermost last: [last item's number or -1, item open]
        self.quotes = 0  # open blockquotes
        self.gap_quotes = 0  # the fewest blockquotes open since the last word: those mark a blank line

    @property
    def items(self) -> int:
        """Open list items (an item ends at its list's end or at the next item, as in HTML)."""
        return sum(open_item for _, open_item in self.lists)

    def _break(self, newlines: int) -> None:
        if self.out:
            self.owed = max(self.owed, newlines)
            self.gap_quotes = min(self.gap_quotes, self.quotes)

    def _write(self, word: str) -> None:
        if self.out and self.owed:
            quoted = ("> " * self.gap_quotes).rstrip()  # a blank line within a quote keeps its ">"
            self.out.append("\n" if self.owed == LINE else "\n" + quoted + "\n")
            self.owed = 0
            self.space = False
        if not self.out or self.out[-1].endswith("\n"):
            indent = "  " * (self.items - 1) + self.bullet if self.bullet else "  " * self.items
            self.out.append("> " * self.quotes + indent + ("## " if self.heading else ""))
            self.bullet = ""
        elif self.space:
            self.out.append(" ")
        self.out.append(word)
        self.space = False
        self.gap_quotes = self.quotes

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self.skipping += 1
        if self.skipping:
            return
        if tag in _PARAGRAPHS:
            self._break(LINE if self.items else PARAGRAPH)  # a paragraph within a list item is a line
            self.quotes += tag == "blockquote"
            self.heading = tag in _HEADINGS
        elif tag in _LISTS:
            self._break(LINE if self.items else PARAGRAPH)  # a list within an item is part of it
            self.lists.append([0 if tag == "ol" else -1, 0])
        elif tag == "li":
            self._break(LINE)
            if not self.lists:
                self.lists.append([-1, 0])  # an item without its list
            current = self.lists[-1]
            current[1] = 1
            if current[0] >= 0:
                current[0] += 1
                self.bullet = f"{current[0]}. "
            else:
                self.bullet = "* "
        elif tag in _LINES:
            self._break(LINE)
        elif tag == "br":
            if self.out:
                self.owed = min(self.owed + 1, PARAGRAPH)
        elif tag in ("th", "td"):
            self.space = True
        elif tag == "a":
            self.href = dict(attrs).get("href")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skipping = max(self.skipping - 1, 0)
            return
        if self.skipping:
            return
        if tag in _PARAGRAPHS:
            if tag == "blockquote" and self.quotes:
                self.quotes -= 1
            self._break(LINE if self.items else PARAGRAPH)
            if tag in _HEADINGS:
                self.heading = False
        elif tag in _LISTS:
            if self.lists:
                self.lists.pop()
            self._break(LINE if self.items else PARAGRAPH)
        elif tag == "li":
            if self.lists:
                self.lists[-1][1] = 0
            self._break(LINE)
            self.bullet = ""
        elif tag in _LINES:
            self._break(LINE)
        elif tag in ("th", "td"):
            self.space = True
        elif tag == "a" and self.href:
            self.space = True
            self._write(f"({self.href})")
            self.href = None

    def handle_data(self, data: str) -> None:
        if self.skipping:
            return
        text = _SPACES.sub(" ", data)
        if text.startswith(" "):
            self.space = True  # a space between two inline parts stays
        words = text.strip()
        if words:
            self._write(words)
            self.space = text.endswith(" ")


def html_to_text(html: str) -> str:
    maker = _TextMaker()
    maker.feed(html)
    maker.close()
    return "".join(maker.out) + "\n"
