"""``ssa-tui report`` as a committee clerk and a cron job use it: real processes and files."""

from __future__ import annotations

import json
import stat
from pathlib import Path

from ssa_tui.store import Repository
from ssa_tui.store.report_snapshots import snapshots


def test_json_of_the_demo_database_has_the_hand_counted_figures(demo: Path, ssa) -> None:
    result = ssa("report", "--as-of", "24.11.2026", "--format", "json", db=demo)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    # 39/39 + 19,5/39 + 19,5/39 + 30/39 + 39,83/39,83 + 39/39 + 19,5/39 = 5,2692
    assert report["totals"] == {"positions": 7, "people": 5, "fte": 5.27, "schools": 12, "schools_covered": 6}
    assert report["findings"] == [
        {"rule": "more_than_two_schools", "position": 6},
        {"rule": "half_time_more_than_one_school", "position": 3},
        {"rule": "unknown_school", "position": 6},
    ]
    assert (report["ending_soon"], report["unverified"]) == ([2, 7], [5])
    assert [s["school_number"] for s in report["schools_without"]] == [
        "990601",
        "990202",
        "990203",
        "990401",
        "990301",
        "990302",
    ]
    soest = [g for g in report["by_town"] if g["name"] == "Soest"][0]
    # 19,5 h (Sekundarschule) + 39 h (two Soest schools and one unknown, counted for Soest) = 1,5 VZÄ
    assert soest == {
        "name": "Soest",
        "fte": 1.5,
        "people": 2,
        "schools": 3,
        "schools_covered": 3,
        "pupils_per_fte": 620.0,
    }


def test_text_shows_german_numbers(demo: Path, ssa) -> None:
    result = ssa("report", "--as-of", "24.11.2026", db=demo)
    assert result.returncode == 0 and result.stderr == ""
    lines = result.stdout.splitlines()
    assert lines[0] == "Schulsozialarbeit im Kreis Soest – Bericht zum 24.11.2026"
    assert lines[1] == "Gesamt: 7 Stellen, 5 Fachkräfte, 5,27 VZÄ; 12 Schulen, davon 6 mit Schulsozialarbeit."
    assert "  Lippstadt  1,00      1        3               1           2.030" in lines
    assert "  Stelle #2 „Sekundarschule Soest“  Vertrag bis 31.03.2027" in lines


def test_csv_is_for_a_german_excel(demo: Path, tmp_path: Path, ssa) -> None:
    target = tmp_path / "bericht.csv"
    result = ssa("report", "--as-of", "24.11.2026", "--format", "csv", "-o", str(target), db=demo)
    assert result.returncode == 0 and result.stderr.strip() == f"Bericht geschrieben: {target}"
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    lines = raw.decode("utf-8-sig").splitlines()
    assert "Ort;VZÄ;Köpfe;Schulen;davon versorgt;Schüler je VZÄ" in lines
    assert "Warstein;0,77;0;1;0;624" in lines
    assert stat.S_IMODE(target.stat().st_mode) == 0o660


def test_html_is_one_page_without_external_resources(demo: Path, tmp_path: Path, ssa) -> None:
    target = tmp_path / "bericht.html"
    assert (
        ssa("report", "--as-of", "24.11.2026", "--format", "html", "-o", str(target), db=demo).returncode == 0
    )
    page = target.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "<table>" in page and 'class="bar"' in page
    assert "http" not in page and "src=" not in page and "<link" not in page
    assert "<td>Grundschule Lippstadt-Nord (Beispiel)</td>" in page


def test_stored_markup_is_escaped_in_html(demo: Path, tmp_path: Path, ssa) -> None:
    Repository(demo, user="britta").create(
        "schools", {"school_number": "991111", "name": "<script>alert(1)</script>", "town": "Soest"}
    )
    result = ssa("report", "--as-of", "24.11.2026", "--format", "html", db=demo)
    assert "<script>" not in result.stdout and "&lt;script&gt;alert(1)&lt;/script&gt;" in result.stdout


def test_an_existing_output_is_replaced_only_with_force(demo: Path, tmp_path: Path, ssa) -> None:
    target = tmp_path / "bericht.txt"
    target.write_text("alt")
    result = ssa("report", "-o", str(target), db=demo)
    assert result.returncode == 1 and "gibt es schon" in result.stderr and "Traceback" not in result.stderr
    assert target.read_text() == "alt"
    assert ssa("report", "-o", str(target), "--force", db=demo).returncode == 0
    assert target.read_text().startswith("Schulsozialarbeit im Kreis Soest")


def test_the_database_itself_is_never_an_output(demo: Path, ssa) -> None:
    before = demo.read_bytes()
    result = ssa("report", "-o", str(demo), "--force", db=demo)
    assert result.returncode == 1 and demo.read_bytes() == before


def test_a_bad_reference_date_is_a_usage_error(demo: Path, ssa) -> None:
    result = ssa("report", "--as-of", "31.02.2026", db=demo)
    assert result.returncode == 2
    assert result.stderr.strip() == "Kein gültiger Stichtag: „31.02.2026“ (TT.MM.JJJJ)."


def test_a_snapshot_stays_as_it_was_and_the_next_report_shows_the_change(demo: Path, ssa) -> None:
    taken = ssa("report", "--as-of", "30.06.2026", "--snapshot", "--format", "json", db=demo)
    assert taken.returncode == 0 and taken.stderr.strip() == "Schnappschuss zum 30.06.2026 festgehalten."
    kept = json.loads(taken.stdout)
    # a second school in Werl is covered: the vacant position there is filled
    repository = Repository(demo, user="britta")
    werl = repository.get("positions", 3)
    repository.update("positions", 3, {"status": "besetzt"}, expected_rev=werl["rev"])

    again = ssa("report", "--as-of", "30.06.2026", "--format", "json", db=demo)
    assert json.loads(again.stdout) == kept
    assert again.stderr.strip() == "Bericht zum 30.06.2026 aus dem festgehaltenen Schnappschuss."
    refused = ssa("report", "--as-of", "30.06.2026", "--snapshot", db=demo)
    assert refused.returncode == 1
    assert (
        refused.stderr.strip()
        == "Für den 30.06.2026 gibt es schon einen Schnappschuss – er bleibt unverändert."
    )
    assert [s["report"] for s in snapshots(Repository(demo, user="x"))] == [kept]

    later = json.loads(ssa("report", "--as-of", "24.11.2026", "--format", "json", db=demo).stdout)
    werl_change = [row for row in later["change"]["by_town"] if row["name"] == "Werl"]
    assert later["change"]["since"] == "2026-06-30"
    assert werl_change == [{"name": "Werl", "fte": 0.0, "schools_covered": 2}]
    text = ssa("report", "--as-of", "24.11.2026", db=demo).stdout
    assert "Veränderung seit dem Schnappschuss vom 30.06.2026" in text
    assert "  Werl        0,00                   +2" in text.splitlines()


def test_a_viewer_cannot_take_a_snapshot(demo: Path, ssa) -> None:
    before = demo.read_bytes()
    result = ssa("--read-only", "report", "--snapshot", db=demo)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert demo.read_bytes() == before


def test_english_report_with_lang_en(demo: Path, ssa) -> None:
    result = ssa("--lang", "en", "report", "--as-of", "24.11.2026", db=demo)
    assert result.stdout.splitlines()[1] == (
        "In all: 7 positions, 5 people, 5.27 FTE; 12 schools, 6 of them with school social work."
    )
