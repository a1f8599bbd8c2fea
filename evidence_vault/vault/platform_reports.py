# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Reports to the platform, kept as evidence: "I reported this to Facebook on 3 May, ref 12345".

Why: the platform's answer (or its silence) is part of the story. Report Harmful Content asks
for the platform's reply before it will look at a case, and the police and HR ask what the
person already did. So a report is not a note in free text but two kinds of ledger event of
the case, sealed and chained like every other:

``platform_report_made``
    ``{"report_id": 1, "case_id": 2, "platform": "Facebook", "reported_at": "2026-11-27T16:30:00Z",
    "time_unknown": false, "reference": "FB-123" or null, "item_id": 7 or null, "by": owner's name}``
``platform_reply_added``
    ``{"report_id": 1, "case_id": 2, "received_at": ISO, a bare date or null, "time_unknown": false,
    "text": "We found no breach..." or null, "screenshot_item_id": 9 or null, "by": owner's name}``

``reported_at``/``received_at`` are what ``times.parse_user_time`` understood (UTC ISO, or a
bare date when only the day is known). A reply's screenshot is an ordinary file item of the
same case, added through ``workflows.add_file`` behind the clause-71 guard
(``evidence_vault.platform_replies``); the reply only names it. ``report_id`` counts the
vault's reports from 1. ``verify`` checks (``check_problems``) that every report names a case
and item the ledger created before it, in that case, that the numbers run 1, 2, 3 … and that
every reply follows its report, in the same case, with its screenshot an item of that case.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from ..errors import NotFoundError, UsageError

REPORT_EVENT = "platform_report_made"
REPLY_EVENT = "platform_reply_added"
EVENTS = (REPORT_EVENT, REPLY_EVENT)
PLATFORM_MAX, REFERENCE_MAX, TEXT_MAX = 100, 200, 10_000

#: Offered in the app's platform box and named in --help; any other name may be typed.
SUGGESTED_PLATFORMS = (
    "Facebook", "Instagram", "WhatsApp", "X (Twitter)", "TikTok", "Snapchat", "YouTube", "Threads",
    "Reddit", "Discord", "LinkedIn", "Google (reviews)", "Mumsnet", "Rate My Teachers",
)


@dataclass(frozen=True)
class PlatformReply:
    """The platform's answer, added later: its words, a screenshot (an item), or both."""

    seq: int
    recorded_at: str          # when it was written into the vault (the event's time)
    received_at: str | None   # when the reply came, as the person said it; None: not said
    time_unknown: bool
    text: str | None
    screenshot_item_id: int | None
    by: str | None

    @property
    def at(self) -> str:
        """When the reply came, else when it was recorded: what a timeline orders it by."""
        return self.received_at or self.recorded_at


@dataclass(frozen=True)
class PlatformReport:
    """One report to a platform, with the replies added to it since, oldest first."""

    number: int
    seq: int
    case_id: int
    platform: str
    reported_at: str
    time_unknown: bool
    reference: str | None
    item_id: int | None
    recorded_at: str
    by: str | None
    replies: tuple[PlatformReply, ...] = field(default=())


def when_words(at: str | None) -> str:
    """A stored time in local words; a bare date says the time is not known."""
    from ..times import format_local
    return format_local(at) if at else "time not given"


def report_words(report: PlatformReport) -> str:
    """"Reported to Facebook on Fri 27 Nov 2026, 16:45 GMT, reference FB-1 (about item 3)": the
    one sentence the CLI, the app and the bundle print for a report."""
    ref = f"reference {report.reference}" if report.reference else "no reference given"
    about = f" (about item {report.item_id})" if report.item_id is not None else ""
    return f"Reported to {report.platform} on {when_words(report.reported_at)}, {ref}{about}"


def reply_words(reply: PlatformReply) -> str:
    """"Reply received Sun 29 Nov 2026, time not known; screenshot: item 9" (its words follow
    separately: they may be long)."""
    when = (f"received {when_words(reply.received_at)}" if reply.received_at
            else f"added {when_words(reply.recorded_at)}")
    shot = f"; screenshot: item {reply.screenshot_item_id}" if reply.screenshot_item_id is not None else ""
    return f"Reply {when}{shot}"


def _stored_time(value: str | None, time_unknown: bool, what: str) -> str | None:
    """``value`` as the vault keeps times (``times.ParsedTime.stored``): UTC ISO ending in Z, or a
    bare date when the time is not known; anything else is refused, never kept half-read."""
    from ..times import parse_stored_time
    if not value:
        return None
    if time_unknown:  # a day alone: YYYY-MM-DD, read by the one reader of stored times
        fits = len(value) == 10 and "T" not in value and parse_stored_time(value + "T00:00:00Z") is not None
    else:
        fits = value.endswith("Z") and "T" in value and parse_stored_time(value) is not None
    if not fits:
        raise UsageError(f"{what} must be given as times.parse_user_time stores it (UTC ending in Z, or a day "
                         f"alone when the time is not known), not {value!r}.")
    return value


def _clean(text: str | None, limit: int, what: str) -> str | None:
    text = " ".join((text or "").split())
    if len(text) > limit:
        raise UsageError(f"The {what} is {len(text)} characters long; at most {limit} are kept. Shorten it.")
    return text or None


def reports_from_events(events) -> list[PlatformReport]:
    """Every report of a ledger (``(seq, hash, Event)`` as ``Vault.events`` gives them, or the
    bodies a bundle carries), each with its replies; replies to no known report are skipped."""
    reports: dict[int, PlatformReport] = {}
    for seq, _digest, event in events:
        if event is None or event.type not in EVENTS or not isinstance(event.data, dict):
            continue
        d = event.data
        if event.type == REPORT_EVENT:
            reports[d.get("report_id")] = PlatformReport(
                d.get("report_id"), seq, d.get("case_id"), d.get("platform") or "", d.get("reported_at") or "",
                bool(d.get("time_unknown")), d.get("reference"), d.get("item_id"), event.at, d.get("by"))
        elif d.get("report_id") in reports:
            report = reports[d["report_id"]]
            reply = PlatformReply(seq, event.at, d.get("received_at"), bool(d.get("time_unknown")),
                                  d.get("text"), d.get("screenshot_item_id"), d.get("by"))
            reports[report.number] = replace(report, replies=(*report.replies, reply))
    return list(reports.values())


class PlatformReports:
    """``vault.platform_reports``: record a report, add a reply, list a case's reports."""

    def __init__(self, vault) -> None:
        self._vault = vault

    def all(self, case=None) -> list[PlatformReport]:
        """Every report (of one case, or all), in the order they were recorded."""
        found = reports_from_events(self._vault.events())
        return [r for r in found if case is None or r.case_id == case.id]

    def get(self, number: int) -> PlatformReport:
        for report in self.all():
            if report.number == number:
                return report
        raise NotFoundError(f"There is no report to a platform numbered {number} in this vault. "
                            "'evidence-vault platform-reports' lists them.")

    def record(self, case, *, platform: str, reported_at: str, time_unknown: bool = False,
               reference: str | None = None, item_id: int | None = None) -> PlatformReport:
        """"I reported this to the platform": one ``platform_report_made`` event.

        ``reported_at``: ``times.ParsedTime.stored`` (UTC ISO, or a bare date with
        ``time_unknown``). ``item_id``: the item the report was about, if one; it must be in
        ``case``."""
        vault = self._vault
        platform_name = _clean(platform, PLATFORM_MAX, "platform's name")
        if not platform_name:
            raise UsageError("Say which platform you reported it to, e.g. Facebook or TikTok.")
        if not reported_at:
            raise UsageError("Say when you reported it, e.g. 'yesterday 4.30pm' or '27/11/2026'.")
        _stored_time(reported_at, time_unknown, "When it was reported")
        if item_id is not None:
            item = vault.item(item_id)
            if item.case_id != case.id:
                raise UsageError(f"Item {item.id} is in the case '{item.case}', not '{case.name}'. "
                                 "Choose an item of this case, or none.")
        with vault.database.transaction("recording the report to the platform") as tx:
            number = len(self.all()) + 1
            vault._append(tx, REPORT_EVENT, {
                "report_id": number, "case_id": case.id, "platform": platform_name,
                "reported_at": reported_at, "time_unknown": bool(time_unknown),
                "reference": _clean(reference, REFERENCE_MAX, "report's reference"),
                "item_id": None if item_id is None else int(item_id), "by": vault._who()})
        return self.get(number)

    def add_reply(self, number: int, *, text: str | None = None, screenshot_item_id: int | None = None,
                  received_at: str | None = None, time_unknown: bool = False) -> PlatformReport:
        """The platform's reply to report ``number``: its words, a screenshot already added as
        an item of the report's case (``platform_replies.add_reply`` does both), or both."""
        vault = self._vault
        report = self.get(number)
        _stored_time(received_at, time_unknown, "When the reply came")
        words = (text or "").strip()
        if len(words) > TEXT_MAX:
            raise UsageError(f"The reply is {len(words)} characters long; at most {TEXT_MAX} are kept. "
                             "Keep the rest as a screenshot or a file.")
        if not words and screenshot_item_id is None:
            raise UsageError("Give the platform's reply: paste its words, or add a screenshot of it.")
        if screenshot_item_id is not None and vault.item(screenshot_item_id).case_id != report.case_id:
            raise UsageError(f"Item {screenshot_item_id} is not in the case of report {number}.")
        with vault.database.transaction("recording the platform's reply") as tx:
            vault._append(tx, REPLY_EVENT, {
                "report_id": report.number, "case_id": report.case_id,
                "received_at": received_at or None, "time_unknown": bool(time_unknown),
                "text": words or None,
                "screenshot_item_id": None if screenshot_item_id is None else int(screenshot_item_id),
                "by": vault._who()})
        return self.get(number)


def check_problems(events_by_seq: dict, items: dict, cases: dict) -> list[str]:
    """For verify: reports and replies that name what the ledger never made, or out of order.

    ``items`` and ``cases``: what the whole ledger added (verify.py's projection); an item's
    ``seq`` says where, and it must come before the event that names it."""
    problems: list[str] = []
    case_seq: dict[int, int] = {}
    report_case: dict[int, int] = {}
    for seq in sorted(events_by_seq):
        event = events_by_seq[seq][1]
        if event is None:
            continue
        d = event.data if isinstance(event.data, dict) else {}
        if event.type == "case_created":
            case_seq.setdefault(d.get("case_id"), seq)
        if event.type not in EVENTS:
            continue
        case_id, what = d.get("case_id"), ("a report to a platform" if event.type == REPORT_EVENT
                                           else "a platform's reply")
        if case_id not in cases or case_seq.get(case_id, seq) >= seq:
            problems.append(f"event {seq}: {what} names case {case_id}, which the ledger had not created")
        for key in ("item_id", "screenshot_item_id"):
            ref = d.get(key)
            if ref is None:
                continue
            item = items.get(ref)
            if item is None or item["seq"] >= seq:
                problems.append(f"event {seq}: {what} names item {ref}, which the ledger had not added")
            elif item["case_id"] != case_id:
                problems.append(f"event {seq}: {what} names item {ref} of another case")
        number = d.get("report_id")
        if event.type == REPORT_EVENT:
            if number != len(report_case) + 1:
                problems.append(f"event {seq}: a report to a platform is numbered {number}, not "
                                f"{len(report_case) + 1} (inserted, removed or reordered)")
            if not isinstance(d.get("platform"), str) or not d["platform"].strip():
                problems.append(f"event {seq}: a report to a platform names no platform")
            report_case[number] = case_id
        elif number not in report_case:
            problems.append(f"event {seq}: a platform's reply answers report {number}, which the ledger "
                            "had not recorded before it")
        elif report_case[number] != case_id:
            problems.append(f"event {seq}: a platform's reply is filed in another case than report {number}")
    return problems
