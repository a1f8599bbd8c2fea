# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""``report-to-platform``, ``platform-reply`` and ``platform-reports``: "I reported this to the
platform", the platform's reply added later, and the list of both (issue 23).

Times are read by the same parser as ``note --at`` (times.parse_user_time), before the vault
opens; a reply's screenshot goes through ``workflows.add_file`` and the clause-71 guard
(platform_replies.py), so a refused picture exits 3 and adds nothing.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import UsageError
from ..times import parse_user_time
from ..vault.platform_reports import SUGGESTED_PLATFORMS, reply_words, report_words
from .commands_vault import emit_json, open_vault


def _when(text: str | None, time_unknown: bool, what: str):
    if text is None:
        if time_unknown:
            raise UsageError(f"--time-unknown needs the day {what}, e.g. --at 27/11/2026 --time-unknown")
        return None
    return parse_user_time(text, time_unknown=time_unknown)


def _report_json(report) -> dict:
    out = {k: v for k, v in report.__dict__.items() if k != "replies"}
    out["replies"] = [dict(r.__dict__) for r in report.replies]
    return out


def _print_report(report) -> None:
    print(f"Report {report.number}: {report_words(report)}.")
    for reply in report.replies:
        print(f"  {reply_words(reply)}.")
        if reply.text:
            print(f"    \u201c{reply.text}\u201d")
    if not report.replies:
        print("  No reply recorded yet ('evidence-vault platform-reply "
              f"--report {report.number} ...' adds it when it comes).")


def cmd_report(args) -> int:
    when = _when(args.at, args.time_unknown, "you reported it")
    with open_vault(args) as vault:
        case = vault.find_case(args.case)
        report = vault.platform_reports.record(case, platform=args.platform, reported_at=when.stored,
                                               time_unknown=when.time_unknown, reference=args.reference,
                                               item_id=args.item)
    if args.json:
        emit_json(_report_json(report))
        return 0
    print(f"Recorded report {report.number} in case '{case.name}': {report_words(report)}.")
    print(f"When the platform answers, add its reply: evidence-vault platform-reply --report {report.number} "
          "--text '...' (or --screenshot FILE).")
    return 0


def cmd_reply(args) -> int:
    from ..platform_replies import add_reply  # the capture and image libraries load only when needed
    received = _when(args.at, args.time_unknown, "the reply came")
    text = args.text
    if args.text_file:
        if text:
            raise UsageError("Give the reply's words once: --text or --text-file, not both.")
        try:
            text = Path(args.text_file).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise UsageError(f"Could not read the reply from {args.text_file} ({exc}).") from None
    with open_vault(args) as vault:
        report = add_reply(vault, args.report, text=text, screenshot=args.screenshot, received=received)
    if args.json:
        emit_json(_report_json(report))
        return 0
    print(f"Added the reply to report {report.number}.")
    _print_report(report)
    return 0


def cmd_list(args) -> int:
    with open_vault(args) as vault:
        case = vault.find_case(args.case) if args.case else None
        reports = vault.platform_reports.all(case)
        names = {c.id: c.name for c in vault.cases()}
    if args.json:
        emit_json([_report_json(r) for r in reports])
        return 0
    if not reports:
        where = f" in case '{case.name}'" if case is not None else ""
        print(f"No reports to a platform recorded{where}. 'evidence-vault report-to-platform' records one.")
    for report in reports:
        if case is None:
            print(f"Case '{names.get(report.case_id, report.case_id)}':")
        _print_report(report)
    return 0


def register(sub) -> None:
    p = sub.add_parser("report-to-platform", help="record that you reported this to the platform (kept as evidence)")
    p.add_argument("--case", required=True, help="the case (its number or name)")
    p.add_argument("--platform", required=True,
                   help=f"where you reported it, e.g. {', '.join(SUGGESTED_PLATFORMS[:6])} (any name)")
    p.add_argument("--at", required=True, metavar="WHEN",
                   help="when you reported it, in local time, e.g. '27/11/2026 4.30pm', 'yesterday 16:30'")
    p.add_argument("--time-unknown", action="store_true", help="--at gives only the day")
    p.add_argument("--reference", metavar="REF", help="the reference the platform gave the report, if any")
    p.add_argument("--item", type=int, metavar="N", help="the item the report was about, if one")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_report)

    p = sub.add_parser("platform-reply", help="add the platform's reply to a report: its words, a screenshot, or both")
    p.add_argument("--report", required=True, type=int, metavar="N", help="the report's number (platform-reports)")
    p.add_argument("--text", help="the reply's words, pasted")
    p.add_argument("--text-file", metavar="FILE", help="read the reply's words from a text file")
    p.add_argument("--screenshot", metavar="FILE",
                   help="a screenshot of the reply (added to the case as a file, checked like any file)")
    p.add_argument("--at", metavar="WHEN", help="when the reply came, in local time (default: not said)")
    p.add_argument("--time-unknown", action="store_true", help="--at gives only the day")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_reply)

    p = sub.add_parser("platform-reports", help="list the reports to platforms and their replies")
    p.add_argument("--case", help="only this case (its number or name)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_list)
