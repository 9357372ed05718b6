"""A workbook filled in by hand in Excel or Calc, as typed cells, imports as the person meant it.

openpyxl stands in for the spreadsheet: it writes numbers where text was meant (phone numbers,
postal codes), booleans, date and date-time cells and whole numbers as floats.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import Workbook

from ssa_tui.exchange.importer import import_file
from ssa_tui.schema import KINDS
from ssa_tui.store import Repository


def workbook(path: Path, kind: str, rows: list[dict]) -> Path:
    book = Workbook()
    sheet = book.active
    names = list(rows[0])
    sheet.append([KINDS[kind].field_label(name) for name in names])
    for row in rows:
        sheet.append([row[name] for name in names])
    book.save(path)
    return path


def test_numbers_booleans_and_dates_become_the_texts_the_fields_expect(tmp_path: Path) -> None:
    repository = Repository(tmp_path / "db.json", user="anna", create=True)
    source = workbook(
        tmp_path / "kontakte.xlsx",
        "contacts",
        [
            {
                "name": "Referentin Dresden",
                "phone": 2921303947,  # 02921 303947 typed without spaces: Excel made it a number
                "postal_code": 1234,  # 01234
                "town": "Dresden",
                "newsletter_consent": True,
                "consent_date": dt.datetime(2026, 3, 4),
            }
        ],
    )
    report = import_file(repository, "contacts", source)
    assert report.refused == 0, report.lines()
    contact = repository.get("contacts", 1)
    assert (contact["name"], contact["phone"], contact["postal_code"]) == (
        "Referentin Dresden",
        "02921303947",
        "01234",
    )
    assert (contact["newsletter_consent"], contact["consent_date"]) == (True, "2026-03-04")


def test_a_date_time_cell_and_whole_floats_keep_their_meaning(tmp_path: Path) -> None:
    repository = Repository(tmp_path / "db.json", user="anna", create=True)
    groups = workbook(
        tmp_path / "ak.xlsx",
        "groups",
        [{"name": "AK Mitte", "next_meeting": dt.datetime(2026, 12, 3, 14, 30), "open_for_new": False}],
    )
    assert import_file(repository, "groups", groups).refused == 0
    group = repository.get("groups", 1)
    assert (group["next_meeting"], group["open_for_new"]) == ("2026-12-03T14:30", False)

    events = workbook(
        tmp_path / "va.xlsx", "events", [{"title": "Fachtag", "capacity": 30.0, "start": dt.date(2026, 5, 3)}]
    )
    assert import_file(repository, "events", events).refused == 0
    event = repository.get("events", 1)
    assert (event["capacity"], event["start"]) == (30, "2026-05-03")
