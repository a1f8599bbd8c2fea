# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""``--at`` for files and emails: when it happened, given, or asked with what the file says.

The same date words as ``note --at`` (times.parse_user_time). On a terminal without ``--at``
the command asks, offering what the file says (file_times.py), each with its source; without
a terminal nothing is guessed: the item is added without a time and the command prints what
the file says, so the person can see it was not used.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import UsageError
from ..times import format_local, parse_user_time
from ..vault.when import Happened

UNKNOWN = "unknown"


def add_options(p) -> None:
    p.add_argument("--at", metavar="WHEN",
                   help="when it happened, in local time, e.g. '19/11/2026 16:30', 'yesterday 4.30pm' "
                        "(as for note); 'unknown' if you do not know. Without it a terminal asks, "
                        "offering what the file says")
    p.add_argument("--time-unknown", action="store_true",
                   help="--at gives only the day; record that the time is not known")


def from_args(args) -> tuple[Happened | None, bool]:
    """``(happened, answered)`` from ``--at`` (parsed before the vault opens: a misreading
    costs nothing). ``answered`` is False when nothing was said, so a terminal may ask."""
    if args.at is None:
        if args.time_unknown:
            raise UsageError("--time-unknown needs the day it happened, e.g. --at 19/11/2026 --time-unknown")
        return None, False
    if args.at.strip().lower() == UNKNOWN:
        return None, True
    return Happened.from_parsed(parse_user_time(args.at, time_unknown=args.time_unknown)), True


def ask(path: Path, hints) -> Happened | None:
    """Ask on the terminal when it happened, offering ``hints``; Enter: not known."""
    print(f"When did what {Path(path).name} shows happen? The timeline is ordered by it.")
    for n, hint in enumerate(hints, 1):
        print(f"  {n}  {hint.words()}")
    choices = f"a number from 1 to {len(hints)} to use one of these, " if hints else ""
    while True:
        answer = input(f"Type {choices}a date and time (e.g. 19/11/2026 16:30), or press Enter if "
                       "you do not know: ").strip()
        if not answer:
            return None
        if answer.isdigit() and 1 <= int(answer) <= len(hints):
            return hints[int(answer) - 1].happened()
        try:
            return Happened.from_parsed(parse_user_time(answer, time_unknown=True))
        except UsageError as exc:
            print(exc)


def ask_note() -> str | None:
    return input("A note about it (what it shows, why it matters), or press Enter for none: ").strip() or None


def say(item, hints) -> list[str]:
    """Lines after adding: when it happened as recorded, or that it was not, and what the file said."""
    at = item.info.get("occurred_at")
    if at:
        return [f"  happened: {format_local(at)} ({item.info.get('occurred_at_source')})"]
    lines = ["  happened: not given, so the timeline places it by when it was added."]
    if hints:
        lines.append("  The file says (not used):")
        lines.extend(f"    {hint.words()}" for hint in hints)
    return lines
