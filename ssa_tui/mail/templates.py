"""Mail templates: built-in ones shipped with the package, overridden file by file by a
``templates/`` folder beside the database. Rendered in a sandbox, HTML autoescaped, missing
variables are errors that name the template line."""

from __future__ import annotations

import traceback
from pathlib import Path
from typing import Any

from jinja2 import ChoiceLoader, FileSystemLoader, StrictUndefined, TemplateError, TemplateSyntaxError
from jinja2.sandbox import SandboxedEnvironment

from ..i18n import t
from ..i18n.dates import long_date
from ..schema.fields import format_german_number

#: The built-in templates (``ssa_tui/templates`` is the repository's ``templates/`` folder).
BUILTIN_DIR = Path(__file__).resolve().parent.parent / "templates"
SUFFIXES = (".txt.j2", ".html.j2")


class TemplateProblem(Exception):
    """A template that cannot be rendered: ``str()`` names the file, the line and what is wrong."""


def override_dir(db_path: Path) -> Path:
    return Path(db_path).absolute().parent / "templates"


def environment(db_path: Path) -> SandboxedEnvironment:
    loader = ChoiceLoader([FileSystemLoader(str(override_dir(db_path))), FileSystemLoader(str(BUILTIN_DIR))])
    env = SandboxedEnvironment(
        loader=loader,
        autoescape=lambda name: bool(name) and ".html" in name,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["datum"] = lambda value: long_date(value) if value else ""
    env.filters["kurzdatum"] = lambda value: f"{value[8:10]}.{value[5:7]}.{value[0:4]}" if value else ""
    env.filters["zahl"] = lambda value: format_german_number(value) if value is not None else ""
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
        env = environment(db_path)
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
        """(text, html) for one recipient."""
        parts = []
        for template in self.templates:
            try:
                parts.append(template.render(context))
            except TemplateError as error:
                raise TemplateProblem(_located(template, error)) from None
            except (TypeError, ValueError, AttributeError) as error:
                raise TemplateProblem(_located(template, error)) from None
        return parts[0], parts[1]


def _located(template: Any, error: Exception) -> str:
    """The message for a render error, with the template line Jinja's traceback points to."""
    filename = template.filename or template.name
    line = next(
        (
            frame.lineno
            for frame in reversed(traceback.extract_tb(error.__traceback__))
            if frame.filename == filename
        ),
        "?",
    )
    return t("mail.template_render", file=template.name, line=line, message=str(error))
