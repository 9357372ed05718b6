"""Templates and their sandbox called in-process: the filters, escaping and whitespace rules of the
environment, which templates are found, and every limit of the sandbox at its edge, with the
exact German message naming file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from ssa_tui.mail import sandbox
from ssa_tui.mail.html_text import html_to_text
from ssa_tui.mail.sandbox import MAX_TOTAL, Budget, TooMuchWork, _checked, _estimate, weight
from ssa_tui.mail.templates import BUILTIN_DIR, Renderer, TemplateProblem, available, override_dir

TOO_BIG = "Ein Wert würde zu groß (mehr als 1000000 Zeichen oder Einträge) – abgebrochen."
NUMBER = "Eine Zahl ist zu groß für eine Vorlage (höchstens 1000000) – abgebrochen."


def write(db: Path, name: str, text: str, html: str | None = "{{ 1 }}") -> None:
    folder = override_dir(db)
    folder.mkdir(exist_ok=True)
    (folder / f"{name}.txt.j2").write_text(text, encoding="utf-8")
    if html is not None:
        (folder / f"{name}.html.j2").write_text(html, encoding="utf-8")


def render(tmp_path: Path, text: str, html: str = "{{ 1 }}", **context) -> tuple[str, str]:
    db = tmp_path / "db.json"
    write(db, "probe", text, html)
    return Renderer(db, "probe").render(context)


def problem(tmp_path: Path, text: str, **context) -> str:
    with pytest.raises(TemplateProblem) as raised:
        render(tmp_path, text, **context)
    return str(raised.value)


def test_the_override_folder_is_beside_the_database(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert override_dir(Path("sub/db.json")) == tmp_path / "sub" / "templates"
    assert BUILTIN_DIR.name == "templates" and (BUILTIN_DIR / "newsletter.txt.j2").is_file()


def test_the_filters_dates_numbers_and_empty_values(tmp_path: Path) -> None:
    text, _ = render(
        tmp_path,
        "{{ d|datum }}|{{ ''|datum }}|{{ d|kurzdatum }}|{{ none|kurzdatum }}|"
        "{{ 19.5|zahl }}|{{ 0|zahl }}|{{ none|zahl }}",
        d="2027-03-01",
        none=None,
    )
    assert text == "Montag, 1. März 2027||01.03.2027||19,5|0|"


def test_html_is_escaped_text_is_not_whitespace_rules_and_trailing_newline(tmp_path: Path) -> None:
    text, html = render(
        tmp_path,
        "{% if yes %}\n    {% if yes %}{{ v }}{% endif %}.\n{% endif %}end\n",
        "<p>{{ v }}</p>\n",
        yes=True,
        v="<b>&</b>",
    )
    assert text == "<b>&</b>.\nend\n"  # trim_blocks, lstrip_blocks, the last newline kept
    assert html == "<p>&lt;b&gt;&amp;&lt;/b&gt;</p>\n"


def test_a_missing_variable_names_file_and_line(tmp_path: Path) -> None:
    assert problem(tmp_path, "a\nb\n{{ nichts }}\n") == "Vorlage probe.txt.j2, Zeile 3: 'nichts' is undefined"


def test_a_missing_or_broken_template_names_the_file(tmp_path: Path) -> None:
    db = tmp_path / "db.json"
    with pytest.raises(TemplateProblem) as missing:
        Renderer(db, "gibtsnicht")
    assert str(missing.value) == "Vorlage gibtsnicht.txt.j2 fehlt (gibtsnicht.txt.j2)."
    write(db, "halb", "{{ 1 }}", html=None)
    with pytest.raises(TemplateProblem) as half:
        Renderer(db, "halb")
    assert str(half.value) == "Vorlage halb.html.j2 fehlt (halb.html.j2)."
    write(db, "kaputt", "eins\nzwei\n{% if %}\n")
    with pytest.raises(TemplateProblem) as broken:
        Renderer(db, "kaputt")
    assert (
        str(broken.value)
        == "Vorlage kaputt.txt.j2, Zeile 3: Expected an expression, got 'end of statement block'"
    )
    write(db, "kaputt", "ok", html="<p>\n{% for %}")
    with pytest.raises(TemplateProblem) as broken_html:
        Renderer(db, "kaputt")
    assert str(broken_html.value).startswith("Vorlage kaputt.html.j2, Zeile 2: ")


def test_available_lists_names_with_both_versions_built_in_or_beside_the_db(tmp_path: Path) -> None:
    db = tmp_path / "db.json"
    assert available(db) == ["einladung", "newsletter"]
    write(db, "eigen", "t", "h")
    write(db, "halb", "t", html=None)
    (override_dir(db) / "nur-html.html.j2").write_text("h")
    (override_dir(db) / "einladung.txt.j2").write_text("eigener Text")
    assert available(db) == ["eigen", "einladung", "newsletter"]
    assert Renderer(db, "einladung").templates[0].render() == "eigener Text"


@pytest.mark.parametrize(
    ("expression", "context", "output"),
    [
        ('{{ ("x" * 1000000)|length }}', {}, "1000000"),
        ('{{ (1000000 * "x")|length }}', {}, "1000000"),
        ('{{ (["ab"] * 333333)|length }}', {}, "333333"),
        ("{{ 2 ** 64 }}", {}, "18446744073709551616"),
        ("{{ 2 ** -64 > 0 }}", {}, "True"),
        ("{{ 1000000 ** 2 }}", {}, "1000000000000"),
        ("{{ (a + b)|length }}", {"a": "x" * 500_000, "b": "y" * 500_000}, "1000000"),
        ('{{ "%d-%s" % (5, "a") }}', {}, "5-a"),
        ("{{ 7 // 2 }}|{{ 7 % 4 }}|{{ 2 * 3 }}|{{ 1 + 2 }}", {}, "3|3|6|3"),
        ('{{ "ab".center(6) }}|{{ "{:>4}".format(1) }}', {}, "  ab  |   1"),
        ('{{ s.replace("a", n)|length }}', {"s": "a" * 4000, "n": "b" * 1000}, "4000000"),
        ("{{ 'abc'|center(9) }}", {}, "   abc   "),
    ],
)
def test_the_sandbox_allows_work_up_to_its_limits(
    tmp_path: Path, expression: str, context: dict, output: str
):
    assert render(tmp_path, expression, **context)[0] == output


@pytest.mark.parametrize(
    ("expression", "context", "message"),
    [
        ('{{ "x" * 1000001 }}', {}, TOO_BIG),
        ('{{ 1000001 * "x" }}', {}, TOO_BIG),
        ('{{ ["ab"] * 333334 }}', {}, TOO_BIG),
        ('{{ "x" * -1000001 }}', {}, TOO_BIG),
        ("{{ 2 ** 65 }}", {}, NUMBER),
        ("{{ 2 ** -65 }}", {}, NUMBER),
        ("{{ 1000001 ** 2 }}", {}, NUMBER),
        ("{{ -1000001 ** 2 }}", {}, NUMBER),
        ("{{ a + b }}", {"a": "x" * 500_001, "b": "y" * 500_000}, TOO_BIG),
        ("{{ a ~ b }}", {"a": "x", "b": "y"}, None),
        ('{{ "%9999999d" % 1 }}', {}, NUMBER),
        ('{{ "%s" % 1000001 }}', {}, NUMBER),
        ('{{ "{:>9999999}".format(1) }}', {}, NUMBER),
        ('{{ "{x:>9999999}".format_map({"x": 1}) }}', {}, NUMBER),
        ('{{ "ab".center(1000001) }}', {}, NUMBER),
        ('{{ "ab".center(-1000001) }}', {}, NUMBER),
        ('{{ s.replace("a", n) }}', {"s": "a" * 4000, "n": "b" * 2500}, TOO_BIG),
        ("{{ 'abc'|center(1000001) }}", {}, NUMBER),
        ("{{ s|center(2500) }}", {"s": "a" * 4000}, TOO_BIG),
        ('{{ "%.9999999f"|format(1) }}', {}, NUMBER),
    ],
)
def test_the_sandbox_refuses_work_past_its_limits_with_file_and_line(
    tmp_path: Path, expression: str, context: dict, message: str | None
) -> None:
    if message is None:  # ``~`` is no intercepted operator: small joins just work
        assert render(tmp_path, expression, **context)[0] == "xy"
        return
    assert (
        problem(tmp_path, "Kopf\n\n" + expression + "\n", **context)
        == f"Vorlage probe.txt.j2, Zeile 3: {message}"
    )


def test_output_beyond_the_total_budget_stops_where_it_grew(tmp_path: Path) -> None:
    message = problem(tmp_path, "a\n{% for i in range(21) %}\n{{ big }}\n{% endfor %}\n", big="x" * 1_000_000)
    assert message == (
        "Vorlage probe.txt.j2, Zeile 3: Die Vorlage erzeugt zu viel Text (mehr als 20000000 Zeichen) – abgebrochen."
    )


def test_values_made_beyond_the_total_budget_stop_the_render(tmp_path: Path) -> None:
    message = problem(
        tmp_path, "a\n{% for i in range(21) %}{% set v = big|upper %}{% endfor %}\n", big="x" * 1_000_000
    )
    assert message == (
        "Vorlage probe.txt.j2, Zeile 2: Die Vorlage erzeugt zu viel Text (mehr als 20000000 Zeichen) – abgebrochen."
    )


def test_each_render_starts_with_a_fresh_budget(tmp_path: Path) -> None:
    db = tmp_path / "db.json"
    write(db, "probe", "{% for i in range(15) %}{% set v = big|upper %}{% endfor %}ok", "h")
    renderer = Renderer(db, "probe")
    for _ in range(3):  # 15 million per render, 45 million over all three
        assert renderer.render({"big": "x" * 1_000_000}) == ("ok", "h")


def test_refused_code_recursion_and_errors_name_file_and_line(tmp_path: Path) -> None:
    assert problem(tmp_path, "a\n{{ ''.__class__ }}\n") == (
        "Vorlage probe.txt.j2, Zeile 2: In einer Vorlage nicht erlaubt: "
        "access to attribute '__class__' of 'str' object is unsafe."
    )
    assert problem(tmp_path, "a\n{{ [].append(1) }}\n") == (
        "Vorlage probe.txt.j2, Zeile 2: In einer Vorlage nicht erlaubt: "
        "access to attribute 'append' of 'list' object is unsafe."
    )
    assert problem(tmp_path, "{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}") == (
        "Vorlage probe.txt.j2, Zeile 1: Die Vorlage ruft sich ohne Ende selbst auf – abgebrochen."
    )
    assert (
        problem(tmp_path, "a\n\n{{ 1 // 0 }}")
        == "Vorlage probe.txt.j2, Zeile 3: integer division or modulo by zero"
    )
    assert problem(tmp_path, "{{ 1 + 'a' }}") == (
        "Vorlage probe.txt.j2, Zeile 1: unsupported operand type(s) for +: 'int' and 'str'"
    )
    assert problem(tmp_path, "a\n{{ '{:q}'.format(1) }}") == (
        "Vorlage probe.txt.j2, Zeile 2: Unknown format code 'q' for object of type 'int'"
    )
    assert (
        problem(tmp_path, "{{ d['k'] }}", d={})
        == "Vorlage probe.txt.j2, Zeile 1: 'dict object' has no attribute 'k'"
    )
    assert (
        problem(tmp_path, "{{ x.nope() }}", x=1)
        == "Vorlage probe.txt.j2, Zeile 1: 'int object' has no attribute 'nope'"
    )


def test_the_html_template_s_errors_name_the_html_file(tmp_path: Path) -> None:
    with pytest.raises(TemplateProblem) as raised:
        render(tmp_path, "ok", "<p>\n{{ fehlt }}</p>")
    assert str(raised.value) == "Vorlage probe.html.j2, Zeile 2: 'fehlt' is undefined"


def test_a_slow_template_stops_at_the_deadline(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr("ssa_tui.mail.templates.MAX_SECONDS", 0.0)
    assert problem(tmp_path, "{% for i in range(3) %}\n{{ i }}\n{% endfor %}") == (
        "Vorlage probe.txt.j2, Zeile 1: Die Vorlage rechnet länger als 3 Sekunden – abgebrochen."
    )


def test_the_budget_counts_and_the_clock_only_while_started() -> None:
    budget = Budget()
    budget.start(100)
    budget.spend(MAX_TOTAL)
    with pytest.raises(TooMuchWork) as too_big:
        budget.spend(1)
    assert str(too_big.value) == "Die Vorlage erzeugt zu viel Text (mehr als 20000000 Zeichen) – abgebrochen."
    budget.start(100)
    assert budget.spent == 0
    budget.tick()
    budget.start(-1)
    with pytest.raises(TooMuchWork) as too_slow:
        budget.tick()
    assert str(too_slow.value) == "Die Vorlage rechnet länger als 3 Sekunden – abgebrochen."
    budget.stop()
    assert budget.deadline == 0.0
    budget.tick()  # stopped: no clock


def test_weight_estimate_and_check_at_their_edges() -> None:
    assert [weight("abc"), weight(["ab", "c", 1]), weight(("ab", "c")), weight({1: "abc"}), weight(5)] == [
        3,
        3,
        2,
        1,
        0,
    ]
    assert weight(["ab", "c", 1], deep=True) == 6
    assert weight(("ab",), deep=True) == 3
    assert _estimate(("abc", 5), {}) == 20
    assert _estimate(("abc", -5), {}) == 20
    assert _estimate(("abc", True), {}) == 4
    assert _estimate((7, "ab"), {}) == 6
    assert _estimate(("a",), {"width": 9}) == 18
    assert _estimate(("abc", "zz", 1), {}) == 12
    assert _estimate(((), 0), {}) == 1
    assert _estimate((["ab", "cd"], 3), {}) == 21  # the strings in a list count, too
    _checked(("a" * 9, 1_000_000), {})
    _checked((True, 1_000_000, -1_000_000), {})
    _checked(("%999999d",), {}, formats=True)
    _checked(("%9999999d",), {})  # only a format string is read as one
    _checked((5, "%9999999d"), {}, formats=True)
    for args, kwargs in [(("a" * 10, 1_000_000), {}), (("a",), {"n": 1_000_001}), ((-1_000_001,), {})]:
        with pytest.raises(TooMuchWork):
            _checked(args, kwargs)
    with pytest.raises(TooMuchWork) as huge:
        _checked(("{:9999999}",), {}, formats=True)
    assert str(huge.value) == NUMBER
    assert sandbox.MAX_VALUE == 1_000_000 and sandbox.MAX_SECONDS == 3.0


def test_html_to_text_blocks_links_lists_and_skipped_parts() -> None:
    html = (
        "<html><head><title>T</title><style>p{}</style></head><body>"
        "<h1>Eins</h1><p>a  <b>fett</b>\n b</p><div>c</div>"
        '<p><a href="https://x.de/">Link</a> und <a>ohne</a> <a href="">leer</a></p>'
        "<ul><li>x</li><li>y</li></ul><table><tr><th>K</th><td>V</td></tr></table>"
        "<script>alert(1)</script>z<br>w<hr><h3>Drei</h3>\n\n\n\n<p>Ende</p></body></html>"
    )
    assert html_to_text(html) == (
        "## Eins\n\na fett b\n\nc\n\n"
        "Link (https://x.de/) und ohne leer\n\n"
        "* x\n* y\n\n"
        "K V\n\nz\nw\n\n## Drei\n\nEnde\n"
    )
    assert html_to_text("") == "\n"
    assert html_to_text("<p>a</p><p></p><p></p><p></p><p>b</p>") == "a\n\nb\n"


def test_output_of_exactly_the_total_budget_is_allowed_one_more_is_not(tmp_path: Path) -> None:
    db = tmp_path / "db.json"
    write(db, "probe", "{% for i in range(20) %}{{ big }}{% endfor %}{{ tail }}", "h")
    renderer = Renderer(db, "probe")
    text, _ = renderer.render({"big": "x" * 1_000_000, "tail": ""})
    assert len(text) == MAX_TOTAL
    with pytest.raises(TemplateProblem) as raised:
        renderer.render({"big": "x" * 1_000_000, "tail": "y"})
    assert str(raised.value) == (
        "Vorlage probe.txt.j2, Zeile 1: Die Vorlage erzeugt zu viel Text (mehr als 20000000 Zeichen) – abgebrochen."
    )


class SteppingClock:
    """A clock that moves one millisecond each time it is read: the render's ticks, not the
    machine's speed, decide where the deadline falls."""

    def __init__(self) -> None:
        self.now = 1000.0

    def monotonic(self) -> float:
        self.now += 0.001
        return self.now


@pytest.mark.parametrize(
    ("text", "line"),
    [
        # the deadline falls in the inner loop's body ({{ j }} on line 5), not on its `for` line
        (
            "a\nb\n{% for i in range(1000) %}\n{% for j in range(1000) %}\n{{ j }}\n{% endfor %}\n{% endfor %}",
            5,
        ),
        # in a macro's loop (line 3), not where the macro is called (line 7)
        ("a\n{% macro m() %}\n{% for i in range(1000) %}{{ i }}\n{% endfor %}\n{% endmacro %}\n{{ m() }}", 3),
    ],
)
def test_a_slow_template_is_stopped_at_the_line_it_was_running(
    tmp_path: Path, monkeypatch, text, line
) -> None:
    monkeypatch.setattr("ssa_tui.mail.sandbox.time", SteppingClock())
    monkeypatch.setattr("ssa_tui.mail.templates.MAX_SECONDS", 0.5)  # 500 readings of the clock
    assert problem(tmp_path, text) == (
        f"Vorlage probe.txt.j2, Zeile {line}: Die Vorlage rechnet länger als 3 Sekunden – abgebrochen."
    )
