"""The HTML part shown as text in the preview spaces its blocks as a mail client's text view does:
a blank line between blocks, list items and table rows on lines of their own, never two blank
lines in a row, never two words of different blocks glued together."""

from __future__ import annotations

import re
from html import escape

from hypothesis import given, settings
from hypothesis import strategies as st

from ssa_tui.mail.html_text import html_to_text


def test_a_heading_after_a_list_is_a_paragraph_of_its_own() -> None:
    html = "<ul><li>Beratung – 14:00 Uhr</li></ul><h2>Offene Stellen</h2><ul><li>Werl</li></ul>"
    assert html_to_text(html) == "* Beratung – 14:00 Uhr\n\n## Offene Stellen\n\n* Werl\n"


def test_a_paragraph_after_a_list_is_a_paragraph_of_its_own() -> None:
    html = "<ul>\n<li>Träger: AWO</li>\n</ul>\n<p>Mit freundlichen Grüßen<br>Büro</p>"
    assert html_to_text(html) == "* Träger: AWO\n\nMit freundlichen Grüßen\nBüro\n"


def test_an_ordered_list_is_numbered_and_text_after_it_starts_a_new_paragraph() -> None:
    assert html_to_text("<ol><li>eins</li><li>zwei</li></ol>danach") == "1. eins\n2. zwei\n\ndanach\n"


def test_a_nested_list_is_indented_within_its_item_without_blank_lines() -> None:
    html = (
        "<p>vor</p><ul><li>a<ul><li>b</li><li>c<ol><li>d</li></ol></li></ul>e</li><li>f</li></ul><p>nach</p>"
    )
    assert html_to_text(html) == "vor\n\n* a\n  * b\n  * c\n    1. d\n  e\n* f\n\nnach\n"


def test_an_item_ends_at_the_next_item_or_at_its_list_end_as_in_html() -> None:
    assert html_to_text("<ul><li>a<li>b<ul><li>c</ul><li>d</ul>e") == "* a\n* b\n  * c\n* d\n\ne\n"


def test_a_paragraph_within_a_list_item_stays_on_the_item_line() -> None:
    assert html_to_text("<ul><li><p>a</p></li><li><p>b</p></li></ul><p>c</p>") == "* a\n* b\n\nc\n"


def test_br_is_a_line_break_two_are_a_blank_line_and_more_are_not_more() -> None:
    assert html_to_text("a<br>b") == "a\nb\n"
    assert html_to_text("a<br/><br>b<br><br><br><br>c") == "a\n\nb\n\nc\n"
    assert html_to_text("<p>a<br></p><p>b</p>") == "a\n\nb\n"
    assert html_to_text("<br><p>a</p><br>") == "a\n"
    assert html_to_text("<ul><li>a<br>b</li></ul>c<br>d") == "* a\n  b\n\nc\nd\n"  # within an item: indented


def test_tables_rules_quotes_divs_and_small_headings() -> None:
    html = (
        "<table><tr><th>Ort</th><td>Soest</td></tr><tr><td>Zeit</td><td>10</td></tr></table>z"
        "<hr><blockquote><p>q1</p><p>q2</p></blockquote><div>d1</div><div>d2</div><h4>Vier</h4>w"
    )
    assert html_to_text(html) == "Ort Soest\nZeit 10\n\nz\n\n> q1\n>\n> q2\n\nd1\nd2\n\n## Vier\n\nw\n"
    assert html_to_text("<blockquote>q1</blockquote><blockquote>q2</blockquote>") == "> q1\n\n> q2\n"


def test_inline_parts_keep_their_spaces_and_the_link_target() -> None:  # the earlier "haben.Abmelden"
    html = '<p>weil Sie eingewilligt haben. <a href="https://x.de/ab">Abmelden</a></p>'
    assert html_to_text(html) == "weil Sie eingewilligt haben. Abmelden (https://x.de/ab)\n"
    assert html_to_text("<p><b>fett</b><i>kursiv</i> und <b>mehr</b></p>") == "fettkursiv und mehr\n"


def test_escaped_data_stays_text() -> None:
    assert html_to_text("<p>&lt;b&gt;x&lt;/b&gt; &amp; &lt;ul&gt;</p><p>y</p>") == "<b>x</b> & <ul>\n\ny\n"


# ---- property: any sequence of blocks --------------------------------------------------------

WORDS = st.text(alphabet="abcxyzÄß&<\"'", min_size=1, max_size=6)
MARKER = re.compile(r"^(\*|##|>|\d+\.)$")


def _items(words: list[str]) -> str:
    return "".join(f"<li>{escape(w)}</li>\n" for w in words)


@st.composite
def blocks(draw) -> tuple[str, list[str], bool]:
    """(html, its words in order, whether it is a paragraph of its own rather than a line)"""
    words = draw(st.lists(WORDS, min_size=0, max_size=4))
    kind = draw(st.sampled_from(["p", "h2", "h5", "ul", "ol", "nested", "table", "quote", "div", "hr"]))
    text = " ".join(escape(w) for w in words)
    if kind in ("p", "h2", "h5"):
        return f"<{kind}>{'<br>'.join(escape(w) for w in words)}</{kind}>", words, True
    if kind in ("ul", "ol"):
        return f"<{kind}>\n{_items(words)}</{kind}>", words, True
    if kind == "nested":
        inner = f"<ol>{_items(words[1:])}</ol>" if len(words) > 1 else ""
        first = escape(words[0]) if words else ""
        return f"<ul><li>{first}{inner}</li><li>ende</li></ul>", [*words[:1], *words[1:], "ende"], True
    if kind == "table":
        cells = "".join(f"<tr><td>{escape(w)}</td><td>zelle</td></tr>" for w in words)
        return f"<table>{cells}</table>", [x for w in words for x in (w, "zelle")], True
    if kind == "quote":
        return f"<blockquote><p>{text}</p></blockquote>", words, True
    if kind == "hr":
        return "<hr>", [], True
    return f"<div>{'<br>'.join(escape(w) for w in words)}</div>", words, False


@settings(max_examples=300, deadline=None)
@given(st.lists(blocks(), min_size=1, max_size=8), st.sampled_from(["", "\n", "\n\n  "]))
def test_any_sequence_of_blocks_is_spaced_and_keeps_every_word_apart(parts, between) -> None:
    text = html_to_text(between.join(html for html, _, _ in parts))
    assert "\n\n\n" not in text
    assert text == "\n" or (text.endswith("\n") and not text.startswith("\n") and not text.endswith("\n\n"))
    assert all(line == line.rstrip() for line in text.splitlines())
    tokens = [token for token in text.split() if not MARKER.match(token)]
    assert tokens == [word for _, words, _ in parts for word in words]  # no word glued to another
    # each block with words is a paragraph of its own; divs next to each other share one
    expected: list[list[str]] = []
    line_level_before = False
    for _, words, own in parts:
        if not words:
            line_level_before = line_level_before and not own  # an empty paragraph still parts lines
            continue
        if not own and line_level_before:
            expected[-1].extend(words)
        else:
            expected.append(list(words))
        line_level_before = not own
    found = [[t for t in chunk.split() if not MARKER.match(t)] for chunk in text.strip("\n").split("\n\n")]
    assert found == (expected or [[]])
