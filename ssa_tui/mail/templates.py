"""Mail templates: built-in ones shipped with the package, overridden file by file by a
``templates/`` folder beside the database. Rendered in a bounded, immutable sandbox
(``sandbox.py``), HTML autoescaped; missing variables, refused code and too much work are errors
that name the template file and line."""

from __future__ import annotations

import traceback
from pathlib import Path
from typing import Any

from jinja2 import ChoiceLoader, FileSystemLoader, StrictUndefined, TemplateError, TemplateSyntaxError
from jinja2.exceptions import SecurityError

from ..i18n import t
from ..i18n.dates import long_date
from ..schema.fields import format_german_number
from .sandbox import MAX_SECONDS, BoundedEnvironment, TooMuchWork

#: The built-in templates (``ssa_tui/templates`` is the repository's ``templates/`` folder).
BUILTIN_DIR = Path(__file__).resolve().parent.parent / "templates"
SUFFIXES = (".txt.j2", ".html.j2")


class TemplateProblem(Exception):
    """A template that cannot be rendered: ``str()`` names the file, the line and what is wrong."""


def override_dir(db_path: Path) -> Path:
    return Path(db_path).absolute().parent / "templates"


def environment(db_path: Path) -> BoundedEnvironment:
    loader = ChoiceLoader([FileSystemLoader(str(override_dir(db_path))), FileSystemLoader(str(BUILTIN_DIR))])
    env = BoundedEnvironment(
        loader=loader,
        autoescape=lambda name: bool(name) and ".html" in name,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.add_filter("datum", lambda value: long_date(value) if value else "")
    env.add_filter("kurzdatum", lambda value: f"{value[8:10]}.{value[5:7]}.{value[0:4]}" if value else "")
    env.add_filter("zahl", lambda value: format_german_number(value) if value is not None else "")
    return env


def available(db_path: Path) -> list[str]:
    """Template names that have both a text and an HTML version (built-in or beside the db)."""
    names: set[str] = set()
    for folder in (BUILTIN_DIR, override_dir(db_path)):
        if folder.is_dir():
            for path in folder.glob("*.txt.j2"):
                name = path.name.removesuffix(".txt.j2")
                if any((d / f"{name}.html.j2").is_file() for d in (BUILTIN_DIR, override_dir(db_path))):
                    names.add(name)
    return sorted(names)


class Renderer:
    """The text and HTML templates of one name, compiled once, rendered for many recipients."""

    def __init__(self, db_path: Path, name: str) -> None:
        env = self.env = environment(db_path)
        self.templates = []
        for suffix in SUFFIXES:
            file = f"{name}{suffix}"
            try:
                self.templates.append(env.get_template(file))
            except TemplateSyntaxError as error:
                raise TemplateProblem(
                    t("mail.template_syntax", file=file, line=error.lineno, message=error.message)
                ) from None
            except TemplateError as error:
                raise TemplateProblem(t("mail.template_missing", file=file, detail=str(error))) from None

    def render(self, context: dict[str, Any]) -> tuple[str, str]:
        """(text, html) for one recipient, each within the sandbox's budget of size and time."""
        parts = []
        for template in self.templates:
            self.env.budget.start(MAX_SECONDS)
            output = template.generate(context)
            try:
                chunks = []
                for chunk in output:
                    chunks.append(chunk)
                    self.env.budget.spend(len(chunk))
                parts.append("".join(chunks))
            except TooMuchWork as error:  # the output itself grew too big: name where it stopped
                line = _suspended_line(template, output)
                raise TemplateProblem(_located(template, error, line=line)) from None
            except RecursionError as error:
                raise TemplateProblem(_located(template, error, t("mail.template_recursion"))) from None
            except SecurityError as error:
                raise TemplateProblem(
                    _located(template, error, t("mail.template_unsafe", detail=error))
                ) from None
            except MemoryError as error:
                raise TemplateProblem(_located(template, error, t("mail.template_memory"))) from None
            except (TemplateError, TooMuchWork, ArithmeticError, LookupError) as error:
                raise TemplateProblem(_located(template, error)) from None
            except (TypeError, ValueError, AttributeError) as error:
                raise TemplateProblem(_located(template, error)) from None
            finally:
                self.env.budget.stop()
        return parts[0], parts[1]


def _suspended_line(template: Any, generator: Any) -> int | None:
    """The template line at which a paused render (a generator) stopped producing output."""
    while getattr(generator, "gi_yieldfrom", None) is not None:
        generator = generator.gi_yieldfrom
    frame = getattr(generator, "gi_frame", None)
    return template.get_corresponding_lineno(frame.f_lineno) if frame else None


def _located(
    template: Any, error: BaseException, message: str | None = None, *, line: int | str | None = None
) -> str:
    """The message for a render error, with the template line Jinja's traceback points to."""
    filename = template.filename or template.name
    line = line or next(
        (
            frame.lineno
            for frame in reversed(traceback.extract_tb(error.__traceback__))
            if frame.filename == filename
        ),
        "?",
    )
    return t("mail.template_render", file=template.name, line=line, message=message or str(error))
