#!/usr/bin/env python3
"""Regenerate cn-workdays.json (China working-day calendar) and cross-check it.

Source: the State Council General Office notices on holiday arrangements
(国务院办公厅关于部分节假日安排的通知), as transcribed by the PyPI package
`chinesecalendar` (https://github.com/LKI/chinese-calendar, imported as `chinese_calendar`).

Requires the version cn-workdays.json was generated with, installed from PyPI:
    pip install chinesecalendar==1.11.0

Usage:
    python3 generate.py            # write cn-workdays.json next to this script, then cross-check it
    python3 generate.py --check    # write nothing; fail unless the file on disk is byte-identical
                                   # to what would be generated and agrees with the package
    python3 generate.py --first 2014 --last 2026

Output (deterministic: years, dates and keys sorted; UTF-8; LF line ends):
    {"source": ..., "first_year": 2004, "last_year": 2026,
     "years": {"2004": {"holidays": [{"date": "2004-01-01", "name": "元旦"}, ...],
                        "workdays": [{"date": "2004-01-17", "name": "春节调休"}, ...]}, ...}}

  holidays: days off named by the package (official holidays and their in-lieu days; weekend days
            inside a holiday block are listed when the package lists them, see NOTES below).
  workdays: make-up working days (调休上班), always a Saturday or Sunday.
Rule the app applies: a listed holiday is never a working day; a listed make-up day always is;
any other day is a working day iff it is Monday to Friday.

The cross-check walks every day of every covered year and compares, with the package,
(a) whether it is a working day (`is_workday`) and (b) the holiday name (`get_holiday_detail`).
Any mismatch, unknown holiday name, make-up day on a weekday, date listed twice or year missing
exits with status 1.

NOTES on the package's data (kept as is, since working-day status is unaffected):
  * Weekend days next to a one-day holiday ("与周末连休") are usually not listed as holidays
    (e.g. 2014-05-31/06-01 around 端午节 2014-06-02); they are off anyway as weekends.
  * When 中秋节 falls inside the 国庆节 break, the package names one day 中秋节 (2009-10-03,
    2023-09-29, 2025-10-06) or none (2020).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

import chinese_calendar
from chinese_calendar import constants, get_holiday_detail, is_workday

HERE = Path(__file__).resolve().parent
OUT = HERE / "cn-workdays.json"

# The package's Holiday enum member -> the name shown to users.
NAMES = {
    "new_years_day": "元旦",
    "spring_festival": "春节",
    "tomb_sweeping_day": "清明节",
    "labour_day": "劳动节",
    "dragon_boat_festival": "端午节",
    "mid_autumn_festival": "中秋节",
    "national_day": "国庆节",
    "anti_fascist_70th_day": "抗战胜利纪念日",
}
MAKEUP_SUFFIX = "调休"


def chinese_name(english: str) -> str:
    """Map a package holiday value (English) to the Chinese name; unknown names are fatal."""
    member = constants.Holiday(english).name
    if member not in NAMES:
        raise SystemExit(f"unknown holiday in chinese-calendar: {member!r} ({english!r}); add it to NAMES")
    return NAMES[member]


def package_years() -> tuple[int, int]:
    years = [d.year for d in constants.holidays] + [d.year for d in constants.workdays]
    return min(years), max(years)


def build(first: int, last: int) -> dict:
    years = {}
    for year in range(first, last + 1):
        holidays = sorted(
            (d, chinese_name(v)) for d, v in constants.holidays.items() if d.year == year
        )
        workdays = sorted(
            (d, chinese_name(v) + MAKEUP_SUFFIX) for d, v in constants.workdays.items() if d.year == year
        )
        years[str(year)] = {
            "holidays": [{"date": d.isoformat(), "name": n} for d, n in holidays],
            "workdays": [{"date": d.isoformat(), "name": n} for d, n in workdays],
        }
    return {
        "source": "国务院办公厅关于部分节假日安排的通知 (via chinese-calendar "
        f"{chinese_calendar.__version__}; regenerate with assets/calendar/generate.py)",
        "first_year": first,
        "last_year": last,
        "years": years,
    }


def render(data: dict) -> str:
    """JSON with one date entry per line, so diffs between regenerations stay readable."""
    q = lambda s: json.dumps(s, ensure_ascii=False)  # noqa: E731
    lines = ["{"]
    lines.append(f'  "source": {q(data["source"])},')
    lines.append(f'  "first_year": {data["first_year"]},')
    lines.append(f'  "last_year": {data["last_year"]},')
    lines.append('  "years": {')
    year_keys = sorted(data["years"], key=int)
    for yi, year in enumerate(year_keys):
        y = data["years"][year]
        lines.append(f"    {q(year)}: {{")
        for ki, kind in enumerate(("holidays", "workdays")):
            entries = y[kind]
            if not entries:
                lines.append(f"      {q(kind)}: []" + ("," if ki == 0 else ""))
                continue
            lines.append(f"      {q(kind)}: [")
            for ei, e in enumerate(entries):
                comma = "," if ei < len(entries) - 1 else ""
                lines.append(f'        {{"date": {q(e["date"])}, "name": {q(e["name"])}}}{comma}')
            lines.append("      ]" + ("," if ki == 0 else ""))
        lines.append("    }" + ("," if yi < len(year_keys) - 1 else ""))
    lines.append("  }")
    lines.append("}")
    return "\n".join(lines) + "\n"


def cross_check(text: str) -> list[str]:
    """Compare every day of every year in `text` (the JSON) with the package. Returns problems."""
    problems: list[str] = []
    data = json.loads(text)
    first, last = data["first_year"], data["last_year"]
    if sorted(data["years"], key=int) != [str(y) for y in range(first, last + 1)]:
        problems.append(f"years present {sorted(data['years'])} != {first}..{last}")
        return problems
    holidays: dict[dt.date, str] = {}
    workdays: dict[dt.date, str] = {}
    for year, y in data["years"].items():
        for kind, target in (("holidays", holidays), ("workdays", workdays)):
            for e in y[kind]:
                d = dt.date.fromisoformat(e["date"])
                if str(d.year) != year:
                    problems.append(f"{d} listed under year {year}")
                if d in holidays or d in workdays:
                    problems.append(f"{d} listed twice")
                if not e["name"]:
                    problems.append(f"{d} has an empty name")
                target[d] = e["name"]
    for d in workdays:
        if d.weekday() < 5:
            problems.append(f"make-up workday {d} is a weekday ({d:%A})")
    day = dt.date(first, 1, 1)
    end = dt.date(last, 12, 31)
    checked = 0
    while day <= end:
        ours_work = day in workdays or (day.weekday() < 5 and day not in holidays)
        theirs_work = is_workday(day)
        if ours_work != theirs_work:
            problems.append(f"{day}: json says workday={ours_work}, package says {theirs_work}")
        off, english = get_holiday_detail(day)
        if off == theirs_work:
            problems.append(f"{day}: package disagrees with itself (is_workday={theirs_work}, detail={off})")
        ours_name = holidays.get(day) or workdays.get(day)
        if english is None:
            theirs_name = None
        else:
            theirs_name = chinese_name(english) + ("" if off else MAKEUP_SUFFIX)
        if ours_name != theirs_name:
            problems.append(f"{day}: json name {ours_name!r}, package {theirs_name!r}")
        checked += 1
        day += dt.timedelta(days=1)
    print(f"cross-check: {checked} days, {first}-{last}, {len(holidays)} holidays, "
          f"{len(workdays)} make-up workdays, {len(problems)} problems")
    return problems


def main() -> int:
    lo, hi = package_years()
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--first", type=int, default=lo)
    ap.add_argument("--last", type=int, default=hi)
    ap.add_argument("--check", action="store_true", help="verify the file on disk, write nothing")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    if not (lo <= args.first <= args.last <= hi):
        print(f"years {args.first}-{args.last} outside the package's data {lo}-{hi}", file=sys.stderr)
        return 1
    text = render(build(args.first, args.last))
    if args.check:
        on_disk = args.out.read_bytes().decode("utf-8") if args.out.exists() else None
        if on_disk != text:
            print(f"{args.out} is not what generate.py produces; rerun without --check", file=sys.stderr)
            return 1
    else:
        args.out.write_bytes(text.encode("utf-8"))
        print(f"wrote {args.out}")
    problems = cross_check(args.out.read_bytes().decode("utf-8"))
    for p in problems:
        print("MISMATCH", p, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
