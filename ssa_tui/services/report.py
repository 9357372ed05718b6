"""The report to the committees: posts, full-time equivalents, coverage and funding rules.

Pure computation from records and a reference date (``as_of``): :func:`compute_report` takes
the positions, schools and employers and returns the report as plain JSON values, with exactly
the keys the README documents. :func:`report_for` reads them from a repository, answers a
reference date that has a snapshot with that snapshot, and adds the change against the last
snapshot before it.

How the figures are counted (the README repeats it for the committees):

* A position's hours are its weekly hours (or, left empty, the sum of its allocations); its
  full-time equivalent (VZÄ) is hours ÷ the full-time hours of its employer (``employers``;
  39 when the employer is not listed). Vacant and advertised posts count: they are funded posts.
* By town and school type, a position's VZÄ is split by its allocations: the hours at a school
  count for that school's town and type (a school number not in the list: the position's own
  town and type), hours not allocated to a school count for the position's town and type.
  By employer and funding line the whole position counts.
* People are the staff of filled positions (``besetzt``), each person once per group; a filled
  position without a linked person counts as one person.
* A school is covered when a filled position has an allocation there.
"""

from __future__ import annotations

import calendar
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..domain import DEFAULT_FULL_TIME_HOURS
from ..i18n import t
from ..schema.kinds import PositionStatus
from ..store import Repository
from ..store.report_snapshots import save_snapshot, snapshots
from ..text import fold

FILLED = PositionStatus.OCCUPIED
#: The funding guideline's rules, in the order findings are listed.
RULES = ("more_than_two_schools", "half_time_more_than_one_school", "unknown_school")
GROUPINGS = ("by_town", "by_school_type", "by_carrier", "by_funding")


@dataclass
class _Group:
    """Running sums of one group (a town, a school type, an employer or a funding line)."""

    fte: float = 0.0
    people: set[tuple[str, int]] = field(default_factory=set)
    schools: set[str] = field(default_factory=set)
    covered: set[str] = field(default_factory=set)

    def as_json(self, name: str, pupils: dict[str, int]) -> dict[str, Any]:
        pupil_count = sum(pupils.get(number, 0) for number in self.schools)
        per_fte = round(pupil_count / self.fte, 1) if self.fte > 0 and pupil_count else None
        return {
            "name": name,
            "fte": round(self.fte, 2),
            "people": len(self.people),
            "schools": len(self.schools),
            "schools_covered": len(self.covered),
            "pupils_per_fte": per_fte,
        }


def add_months(day: date, months: int) -> date:
    """``day`` moved by whole months (the 31st becomes the month's last day)."""
    month_index = day.year * 12 + day.month - 1 + months
    year, month = divmod(month_index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def compute_report(
    positions: Iterable[dict[str, Any]],
    schools: Iterable[dict[str, Any]],
    employers: Iterable[dict[str, Any]],
    as_of: date,
) -> dict[str, Any]:
    """The report over these records on ``as_of`` (see the module doc for how it counts)."""
    positions = list(positions)
    school_by_number = {school["school_number"]: school for school in schools if school.get("school_number")}
    full_time = {
        fold(employer["name"]): employer["full_time_hours"]
        for employer in employers
        if employer.get("name") and employer.get("full_time_hours")
    }
    unknown = t("report.unknown")
    groups: dict[str, defaultdict[str, _Group]] = {name: defaultdict(_Group) for name in GROUPINGS}
    for number, school in school_by_number.items():
        groups["by_town"][school.get("town") or unknown].schools.add(number)
        groups["by_school_type"][school.get("school_type") or unknown].schools.add(number)
    covered: set[str] = set()
    people: set[tuple[str, int]] = set()
    findings: list[dict[str, Any]] = []
    total_fte = 0.0

    for position in positions:
        allocations = position.get("allocations") or []
        allocated = sum(item["hours"] for item in allocations)
        hours = position.get("hours_per_week")
        hours = hours if isinstance(hours, (int, float)) and not isinstance(hours, bool) else allocated
        carrier = position.get("carrier") or ""
        ft_hours = full_time.get(fold(carrier), DEFAULT_FULL_TIME_HOURS)
        fte = hours / ft_hours
        total_fte += fte
        filled = position.get("status") == FILLED
        person = {("contact", position["staff"])} if position.get("staff") else {("position", position["id"])}
        person = person if filled else set()
        people |= person
        known = [item["school_number"] for item in allocations if item["school_number"] in school_by_number]
        if filled:
            covered.update(known)
        # whole position: employer and funding line
        for grouping, name in (("by_carrier", carrier), ("by_funding", position.get("funding"))):
            group = groups[grouping][name or unknown]
            group.fte += fte
            group.people |= person
            group.schools.update(known)
            if filled:
                group.covered.update(known)
        # split by allocation: town and school type of each school
        shares = [(school_by_number.get(item["school_number"]), item["hours"]) for item in allocations]
        if hours > allocated:
            shares.append((None, hours - allocated))
        for school, share_hours in shares:
            place = school or position
            for grouping, name in (
                ("by_town", place.get("town")),
                ("by_school_type", place.get("school_type")),
            ):
                group = groups[grouping][name or unknown]
                group.fte += share_hours / ft_hours
                group.people |= person
                if school is not None and filled:
                    group.covered.add(school["school_number"])
        findings.extend(
            {"rule": rule, "position": position["id"]}
            for rule in _broken_rules(allocations, fte, school_by_number)
        )

    pupils = {number: school.get("pupils") or 0 for number, school in school_by_number.items()}
    without = sorted(
        (school for number, school in school_by_number.items() if number not in covered),
        key=lambda school: (
            fold(school.get("town") or ""),
            fold(school.get("name") or ""),
            school["school_number"],
        ),
    )
    findings.sort(key=lambda finding: (RULES.index(finding["rule"]), finding["position"]))
    return {
        "as_of": as_of.isoformat(),
        "totals": {
            "positions": len(positions),
            "people": len(people),
            "fte": round(total_fte, 2),
            "schools": len(school_by_number),
            "schools_covered": len(covered),
        },
        **{
            grouping: [
                groups[grouping][name].as_json(name, pupils)
                for name in sorted(groups[grouping], key=lambda name: (name == unknown, fold(name)))
            ]
            for grouping in GROUPINGS
        },
        "schools_without": [
            {"school_number": school["school_number"], "name": school.get("name"), "town": school.get("town")}
            for school in without
        ],
        "findings": findings,
        "ending_soon": _ending_soon(positions, as_of),
        "unverified": _unverified(positions, as_of),
    }


def _broken_rules(allocations: list[dict[str, Any]], fte: float, known: dict[str, Any]) -> list[str]:
    """The funding guideline's rules a position breaks: at most two schools for a post, one for
    a post of 50 % or less; every school number is a school of the list."""
    broken = []
    if len(allocations) > 2:
        broken.append("more_than_two_schools")
    if len(allocations) > 1 and round(fte, 6) <= 0.5:
        broken.append("half_time_more_than_one_school")
    if any(item["school_number"] not in known for item in allocations):
        broken.append("unknown_school")
    return broken


def _ending_soon(positions: list[dict[str, Any]], as_of: date) -> list[int]:
    """Positions whose funding or contract ends within six months from ``as_of``."""
    first, last = as_of.isoformat(), add_months(as_of, 6).isoformat()
    return [
        position["id"]
        for position in positions
        if any(first <= (position.get(name) or "") <= last for name in ("funding_until", "contract_until"))
    ]


def _unverified(positions: list[dict[str, Any]], as_of: date) -> list[int]:
    """Positions not verified in the twelve months before ``as_of`` (never verified included)."""
    limit = add_months(as_of, -12).isoformat()
    return [position["id"] for position in positions if (position.get("last_verified") or "") < limit]


# -- with a repository: snapshots and the change since the last one --------------------------


@dataclass(frozen=True)
class Report:
    """A report as shown: its JSON data, the positions it names, and where it came from."""

    data: dict[str, Any]
    #: Position id → record, for titles and dates in the text, CSV and HTML forms.
    positions: dict[int, dict[str, Any]]
    #: When the data is a kept snapshot: when and by whom it was taken (else None).
    snapshot: dict[str, Any] | None = None


def report_for(repository: Repository, as_of: date) -> Report:
    """The report on ``as_of``: the kept snapshot of that date if there is one, else computed
    now from the records, with the change against the last snapshot before ``as_of``."""
    positions = {position["id"]: position for position in repository.records("positions")}
    kept = snapshots(repository)
    for snapshot in kept:
        if snapshot["as_of"] == as_of.isoformat():
            return Report(snapshot["report"], positions, snapshot)
    data = compute_report(
        positions.values(), repository.records("schools"), repository.records("employers"), as_of
    )
    earlier = [snapshot for snapshot in kept if snapshot["as_of"] < data["as_of"]]
    if earlier:
        data["change"] = change_since(earlier[-1]["report"], data)
    return Report(data, positions)


def change_since(before: dict[str, Any], now: dict[str, Any]) -> dict[str, Any]:
    """VZÄ and covered schools per town, now against the snapshot ``before``."""
    old = {group["name"]: group for group in before["by_town"]}
    new = {group["name"]: group for group in now["by_town"]}
    return {
        "since": before["as_of"],
        "by_town": [
            {
                "name": name,
                "fte": round(new.get(name, {}).get("fte", 0) - old.get(name, {}).get("fte", 0), 2),
                "schools_covered": new.get(name, {}).get("schools_covered", 0)
                - old.get(name, {}).get("schools_covered", 0),
            }
            for name in sorted(old.keys() | new.keys(), key=fold)
        ],
    }


def take_snapshot(repository: Repository, report: Report) -> dict[str, Any]:
    """Keep ``report`` unchangeable for its reference date (refused for a viewer, and when that
    date has a snapshot already)."""
    data = {key: value for key, value in report.data.items() if key != "change"}
    return save_snapshot(repository, data, t("report.snapshot_exists", date=_german_date(data["as_of"])))


def _german_date(iso: str) -> str:
    return f"{iso[8:10]}.{iso[5:7]}.{iso[0:4]}"
