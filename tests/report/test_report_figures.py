"""The report's figures against hand-computed expectations (pure computation, no store)."""

from __future__ import annotations

from datetime import date

from ssa_tui.services.report import add_months, compute_report

AS_OF = date(2026, 11, 24)


def school(number: str, town: str, school_type: str = "Grundschule", pupils: int = 0) -> dict:
    return {
        "school_number": number,
        "name": f"Schule {number}",
        "town": town,
        "school_type": school_type,
        "pupils": pupils,
    }


def position(pid: int, allocations: list[tuple[str, float]], **values) -> dict:
    record = {
        "id": pid,
        "school": f"Stelle {pid}",
        "allocations": [{"school_number": n, "hours": h} for n, h in allocations],
        "status": "besetzt",
        "last_verified": "2026-11-01",
    }
    record.update(values)
    return record


def group(report: dict, grouping: str, name: str) -> dict:
    [found] = [g for g in report[grouping] if g["name"] == name]
    return found


def test_fte_with_mixed_full_time_hours() -> None:
    employers = [
        {"name": "Land NRW (Landesbedienstete)", "full_time_hours": 39.83},
        {"name": "Stadt Beispiel", "full_time_hours": 38.5},
    ]
    positions = [
        # 39,83 h at the Land (39,83 full time) = 1,00
        position(
            1, [("100001", 39.83)], carrier="Land NRW (Landesbedienstete)", hours_per_week=39.83, town="Soest"
        ),
        # 19,5 h at an employer not listed: 39 h full time = 0,50
        position(2, [("100002", 19.5)], carrier="AWO", hours_per_week=19.5, town="Soest"),
        # 28,875 h at 38,5 full time = 0,75; the name matches without regard to case
        position(3, [("100003", 28.875)], carrier="stadt beispiel", hours_per_week=28.875, town="Werl"),
    ]
    schools = [school("100001", "Soest"), school("100002", "Soest"), school("100003", "Werl")]
    report = compute_report(positions, schools, employers, AS_OF)
    assert report["totals"]["fte"] == 2.25
    assert [(g["name"], g["fte"]) for g in report["by_carrier"]] == [
        ("AWO", 0.5),
        ("Land NRW (Landesbedienstete)", 1.0),
        ("stadt beispiel", 0.75),
    ]
    assert (group(report, "by_town", "Soest")["fte"], group(report, "by_town", "Werl")["fte"]) == (1.5, 0.75)


def test_fte_is_split_by_allocation_and_the_rest_counts_for_the_positions_own_town() -> None:
    # 39 h: 13 h at a school in Soest, 13 h at one in Werl, 13 h not allocated (the position is in Ense)
    positions = [
        position(1, [("100001", 13), ("100002", 13)], hours_per_week=39, town="Ense", school_type="Gymnasium")
    ]
    schools = [school("100001", "Soest"), school("100002", "Werl", "Realschule")]
    report = compute_report(positions, schools, [], AS_OF)
    assert [(g["name"], g["fte"], g["people"]) for g in report["by_town"]] == [
        ("Ense", 0.33, 1),
        ("Soest", 0.33, 1),
        ("Werl", 0.33, 1),
    ]
    assert [(g["name"], g["fte"]) for g in report["by_school_type"]] == [
        ("Grundschule", 0.33),
        ("Gymnasium", 0.33),
        ("Realschule", 0.33),
    ]
    assert report["totals"] == {"positions": 1, "people": 1, "fte": 1.0, "schools": 2, "schools_covered": 2}


def test_coverage_counts_only_filled_positions_and_lists_the_schools_without() -> None:
    positions = [
        position(1, [("100001", 19.5)], status="vakant", hours_per_week=19.5),
        position(2, [("100002", 39)], hours_per_week=39, staff=7),
        position(3, [("100002", 10)], status="ausgeschrieben", hours_per_week=10),
    ]
    schools = [
        school("100001", "Werl", pupils=300),
        school("100002", "Werl", pupils=600),
        school("100003", "Ense", pupils=150),
    ]
    report = compute_report(positions, schools, [], AS_OF)
    assert report["totals"] == {"positions": 3, "people": 1, "fte": 1.76, "schools": 3, "schools_covered": 1}
    werl = group(report, "by_town", "Werl")
    # 19,5 + 39 + 10 = 68,5 h = 1,7564 VZÄ; 900 pupils / 1,7564 = 512,4
    assert werl == {
        "name": "Werl",
        "fte": 1.76,
        "people": 1,
        "schools": 2,
        "schools_covered": 1,
        "pupils_per_fte": 512.4,
    }
    assert group(report, "by_town", "Ense") == {
        "name": "Ense",
        "fte": 0.0,
        "people": 0,
        "schools": 1,
        "schools_covered": 0,
        "pupils_per_fte": None,
    }
    assert report["schools_without"] == [
        {"school_number": "100003", "name": "Schule 100003", "town": "Ense"},
        {"school_number": "100001", "name": "Schule 100001", "town": "Werl"},
    ]


def test_one_person_at_two_positions_counts_once() -> None:
    positions = [position(1, [("100001", 19.5)], staff=3), position(2, [("100002", 19.5)], staff=3)]
    report = compute_report(positions, [school("100001", "Soest"), school("100002", "Soest")], [], AS_OF)
    assert report["totals"]["people"] == 1 and group(report, "by_town", "Soest")["people"] == 1


def rules_of(positions: list[dict], schools: list[dict]) -> list[tuple[str, int]]:
    return [(f["rule"], f["position"]) for f in compute_report(positions, schools, [], AS_OF)["findings"]]


KNOWN = [school(f"10000{n}", "Soest") for n in range(1, 5)]


def test_more_than_two_schools_fires_at_three_and_not_at_two() -> None:
    three = position(1, [("100001", 13), ("100002", 13), ("100003", 13)], hours_per_week=39)
    two = position(2, [("100001", 19.5), ("100002", 19.5)], hours_per_week=39)
    assert rules_of([three, two], KNOWN) == [("more_than_two_schools", 1)]


def test_half_time_at_more_than_one_school_fires_at_exactly_half_and_not_above_or_at_one_school() -> None:
    half_two = position(1, [("100001", 9.75), ("100002", 9.75)], hours_per_week=19.5)  # 0,5 at 2
    above_half = position(2, [("100001", 10), ("100002", 10)], hours_per_week=20)  # 0,513 at 2
    half_one = position(3, [("100003", 19.5)], hours_per_week=19.5)  # 0,5 at 1
    assert rules_of([half_two, above_half, half_one], KNOWN) == [("half_time_more_than_one_school", 1)]


def test_unknown_school_fires_for_a_number_not_in_the_list_only() -> None:
    unknown = position(1, [("100001", 10), ("999999", 10)], hours_per_week=39)
    known = position(2, [("100004", 39)], hours_per_week=39)
    assert rules_of([unknown, known], KNOWN) == [("unknown_school", 1)]
    # a school that is not in the list: its hours count for the position's own town
    report = compute_report([unknown], KNOWN, [], AS_OF)
    assert [(g["name"], g["fte"]) for g in report["by_town"]] == [("Soest", 0.26), ("ohne Angabe", 0.74)]


def test_ending_soon_counts_six_months_inclusive_and_either_end_date() -> None:
    positions = [
        position(1, [], contract_until="2027-05-24"),  # exactly six months: in
        position(2, [], funding_until="2027-05-25"),  # one day later: out
        position(3, [], contract_until="2026-11-23"),  # ended yesterday: out
        position(4, [], funding_until="2026-11-24", contract_until="2030-01-01"),  # funding ends today: in
    ]
    assert compute_report(positions, [], [], AS_OF)["ending_soon"] == [1, 4]


def test_unverified_means_older_than_twelve_months_or_never() -> None:
    positions = [
        position(1, [], last_verified="2025-11-24"),  # exactly twelve months: not yet
        position(2, [], last_verified="2025-11-23"),  # one day more: listed
        position(3, [], last_verified=None),  # never verified: listed
    ]
    assert compute_report(positions, [], [], AS_OF)["unverified"] == [2, 3]


def test_the_json_keys_are_those_of_the_issue() -> None:
    report = compute_report([position(1, [("100001", 39)], hours_per_week=39)], KNOWN, [], AS_OF)
    assert list(report) == [
        "as_of",
        "totals",
        "by_town",
        "by_school_type",
        "by_carrier",
        "by_funding",
        "schools_without",
        "findings",
        "ending_soon",
        "unverified",
    ]
    assert set(report["totals"]) == {"positions", "people", "fte", "schools", "schools_covered"}
    for grouping in ("by_town", "by_school_type", "by_carrier", "by_funding"):
        for row in report[grouping]:
            assert set(row) == {"name", "fte", "people", "schools", "schools_covered", "pupils_per_fte"}
    assert report["as_of"] == "2026-11-24"


def test_add_months_keeps_the_day_or_takes_the_months_last() -> None:
    assert add_months(date(2026, 8, 31), 6) == date(2027, 2, 28)
    assert add_months(date(2026, 11, 24), -12) == date(2025, 11, 24)
    assert add_months(date(2026, 12, 15), 1) == date(2027, 1, 15)
