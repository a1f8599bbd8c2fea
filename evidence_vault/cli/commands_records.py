# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Reading and correcting records: list, show, log, withdraw, amend.

Times are in local time with the zone (evidence_vault.times), notes are shown in full by
``show`` (``list`` shortens and says how to see the rest), and corrections never erase: a
withdrawn item stays, marked [WITHDRAWN] with its reason; an amendment sits beside the original.
JSON keeps the stored UTC times and adds the zone name and the local time.
"""

from __future__ import annotations

import json

from ..times import format_local, format_local_short, local_iso, zone_key, zone_name
from ..page_problems import problem_of
from ..vault import capture_address, recaptures
from ..vault.when import GIVEN_BY_PERSON, in_time_order, timeline_time
from ..vault.wordings import current_summary, current_text
from .commands_vault import emit_json, open_vault

LIST_TEXT = 70  # characters of a description in a list line


def _shorten(text: str, limit: int = LIST_TEXT) -> tuple[str, bool]:
    text = " ".join((text or "").split())
    return (text, False) if len(text) <= limit else (text[: limit - 1].rstrip() + "…", True)


def _describe(item) -> str:
    """What the item is, with its text as it reads now (corrected, if it was)."""
    info = item.info
    if item.kind == "web_capture":
        return f"{info.get('title') or ''} <{capture_address(info)}>"
    if item.kind == "file":
        note = current_text(item)
        return info.get("filename", "") + (f" ({note})" if note else "")
    if item.kind == "email":
        return f"{info.get('subject') or '(no subject)'} \u2014 from {info.get('from') or '(no sender)'}"
    kind = str(info.get("incident_kind", "")).replace("_", " ")
    return f"[{kind}] {current_summary(item)}"


def _when_short(value: str) -> str:
    """The list's time column; a day whose time is not known says so."""
    if value and "T" not in value:
        return format_local(value)  # "Tue 17 Nov 2026, time not known"
    return format_local_short(value)


def _earlier_lines(wordings) -> list[str]:
    """Under a corrected item in ``list``: each earlier wording, shortened, with when and who."""
    out = []
    for w in wordings.earlier:
        text, _cut = _shorten(w.shown(), 50)
        by = f" by {w.replaced_by}" if w.replaced_by else ""
        out.append(f"       earlier wording, replaced {format_local_short(w.replaced_at)}{by}: \"{text}\"")
    return out


def _marks(item) -> str:
    marks = []
    problem = problem_of(item)  # a page that was not the page, kept as a record (page_problems.py)
    if problem:
        marks.append(f"[{problem.mark.upper()}]")
    if item.state != "active":
        marks.append(f"[{item.state.upper()}]")
    if item.withdrawn:
        marks.append("[WITHDRAWN]")
    if item.amendments:
        marks.append("[AMENDED]")
    return (" " + " ".join(marks)) if marks else ""


def _local_json(value: str | None) -> dict:
    if not value or "T" not in str(value):
        return {}
    return {"local": local_iso(value), "zone": zone_name(value)}


def _item_json(item, *, with_artefacts: bool, wordings=None) -> dict:
    out = item.to_json(with_artefacts=with_artefacts)
    out["time_zone"] = zone_key() or zone_name(item.created_at)
    out["created_at_local"] = _local_json(item.created_at).get("local")
    out["wordings"] = wordings.to_json() if wordings is not None and wordings.corrected else None
    at, label = timeline_time(item)
    out["timeline"] = {"at": at, "label": label}
    out["source"] = item.info.get("source")  # where an imported item came from (bundle_import.py)
    return out


def cmd_list(args) -> int:
    with open_vault(args) as vault:
        case = vault.find_case(args.case) if args.case else None
        items = vault.items(case)
        flags = vault.flags(case)
        rechecks = {c["new_item_id"]: c for c in recaptures.checks(vault) if c.get("new_item_id") is not None}
        # Only corrected items have a history of wordings; an incident's first one is in its
        # entry file, read for those items alone (a list of 10,000 reads no evidence file).
        wordings = {i.id: vault.wordings(i.id) for i in items if i.amendments}
    if args.json:  # in the order they were added (ids); "timeline" says how the list orders them
        emit_json([_item_json(i, with_artefacts=False, wordings=wordings.get(i.id)) for i in items])
        return 0
    items = in_time_order(items)  # by when it happened, where known (when.py)
    if not items:
        print("No evidence stored yet." if case is None else f"No evidence in case '{case.name}' yet.")
    cut = False
    for item in items:
        text, shortened = _shorten(_describe(item))
        cut = cut or shortened
        check = rechecks.get(item.id)
        recheck = (f" [re-check of item {check['item_id']}: {recaptures.OUTCOME_WORDS[check['outcome']]}]"
                   if check else "")
        at, label = timeline_time(item)
        print(f"{item.id:>5}  {_when_short(at)}  {label:<8}  {item.kind:<11}  {item.case}: "
              f"{text}{_marks(item)}{recheck}")
        if item.id in wordings:
            for line in _earlier_lines(wordings[item.id]):
                print(line)
    if flags:
        print("Also recorded, with nothing captured or kept:")
        for flag in flags:
            what = ("you reported that this may show a child (a note of the address and time only)"
                    if flag.type == "self_flagged"
                    else f"refused by the safeguarding check ({flag.reason})")
            print(f"       {format_local_short(flag.at)}  {what}: {flag.url or 'no address given'}")
    if items:
        print(f"Times are in local time ({zone_name(items[-1].created_at)})."
              + (" Long entries are shortened: 'evidence-vault show ID' shows one in full." if cut else ""))
    return 0


def _show_history(vault, item) -> None:
    history = vault.item_history(item.id)
    if history.quarantine:
        print(f"  Locked away under the safeguarding policy {format_local(history.quarantine['at'])}: "
              f"{history.quarantine['reason']}")
    for r in history.releases:
        print(f"  Released from the lock {format_local(r['at'])}" + (f" by {r['by']}" if r.get("by") else "")
              + f", agreed by {r['agreed_by']} (safeguarding lead): {r['reason']}")
    for ref in history.police_references:
        print(f"  Police reference: {ref['reference']} (recorded {format_local(ref['at'])})")
    if item.withdrawn:
        w = item.withdrawn
        print(f"  WITHDRAWN {format_local(w['at'])}" + (f" by {w['by']}" if w.get("by") else "")
              + f": {w['reason']}")
    for ex in history.extractions:
        print(f"  Extracted {format_local(ex['at'])} to {ex['folder']} ({len(ex['files'])} files, not encrypted)")
    if history.views:
        print(f"  Viewed {len(history.views)} time(s), last {format_local(history.views[-1]['at'])}")


def _show_wording(wordings) -> None:
    """The item's text as it reads now, in full, then every earlier wording (wordings.py)."""
    current = wordings.current
    if wordings.subject == "note" and not wordings.corrected and not (current.text or "").strip():
        return
    what = wordings.subject + (", as corrected" if wordings.corrected else
                               (", in full" if wordings.subject == "entry" else ""))
    text = current.shown()
    if wordings.subject == "note" and "\n" not in text:
        print(f"  {what}: {text}")
    else:
        print(f"  {what}:")
        for line in text.splitlines() or [""]:
            print(f"    {line}")
    for line in wordings.lines():
        print(f"  {line}")


def cmd_show(args) -> int:
    with open_vault(args) as vault:
        item = vault.item(args.id)
        record = _item_json(item, with_artefacts=True)
        if item.kind == "web_capture" and item.state == "active":
            record["capture_metadata"] = json.loads(vault.read_artefact(item.id, "metadata"))
        wordings = vault.wordings(item.id)  # an incident's entry, or the note, and its corrections
        record["wordings"] = wordings.to_json()
        from .commands_email import show_extras  # an email's DKIM results, a picture's own time
        extra, record_extra = show_extras(vault, item)
        record.update(record_extra)
        if args.json:
            history = vault.item_history(item.id)
            record["history"] = {"quarantine": history.quarantine, "releases": history.releases,
                                 "police_references": history.police_references,
                                 "extractions": history.extractions, "views": history.views}
            emit_json(record)
            return 0
        state = {"active": "", "quarantined": ", locked away under the safeguarding policy (quarantined)",
                 "destroyed": ", destroyed on police advice"}.get(item.state, f", {item.state}")
        print(f"Item {item.id} ({item.kind}) in case '{item.case}', stored "
              f"{format_local(item.created_at, with_utc=True)}{state}")
        from ..bundle_import import source_lines  # an item from a bundle someone sent: from whom
        for line in source_lines(item):
            print(line)
        info = item.info
        if item.kind == "incident":
            happened = format_local(info.get("occurred_at"), with_utc=True)
            print(f"  what: {str(info.get('incident_kind', '')).replace('_', ' ')}, happened {happened}")
        elif info.get("occurred_at"):
            print(f"  happened: {format_local(info['occurred_at'], with_utc=True)}"
                  f" ({info.get('occurred_at_source') or GIVEN_BY_PERSON})")
        elif item.kind in ("file", "email"):
            print("  happened: not given (it is placed in the timeline by when it was added)")
        if item.kind == "web_capture" and info.get("captured_at"):
            print(f"  captured at: {format_local(info['captured_at'], with_utc=True, seconds=True)}")
        problem = problem_of(item)
        if problem:
            print(f"  NOT THE PAGE: {problem.mark}. {problem.says} Kept as a record of what the address showed.")
        skip = {"source", "received_bundle", "created_at", "occurred_at", "captured_at", "summary", "incident_kind", "time_unknown", "note",
                "occurred_at_source", "page_problem"}
        for key, value in sorted(info.items()):
            if value not in (None, "", [], False) and key not in skip and not isinstance(value, dict):
                print(f"  {key}: {value}")
        _show_wording(wordings)
        for line in extra:
            print(line)
        _show_history(vault, item)
    for artefact in item.artefacts:
        print(f"  - {artefact.role}: {artefact.filename} ({artefact.size} bytes) SHA-256 {artefact.sha256}")
    return 0


def cmd_log(args) -> int:
    with open_vault(args) as vault:
        events = vault.events()
    if args.json:
        emit_json([{"seq": s, "hash": h, **e.body(), **({"at_local": _local_json(e.at)} if e.at else {})}
                   for s, h, e in events])
        return 0
    for seq, digest, event in events:
        details = ", ".join(f"{k}={v}" for k, v in event.data.items() if k not in ("info", "owner"))
        print(f"{seq:>6}  {format_local(event.at, seconds=True)}  {event.type:<26} {details}  #{digest[:12]}")
    return 0


def cmd_withdraw(args) -> int:
    with open_vault(args) as vault:
        item = vault.withdraw(args.id, reason=args.reason)
    print(f"Item {item.id} is withdrawn: {item.withdrawn['reason']}. It stays in the vault and its history, "
          "marked [WITHDRAWN], and is left out of evidence bundles unless you include it.")
    return 0


def cmd_amend(args) -> int:
    with open_vault(args) as vault:
        item = vault.amend(args.id, note=args.note)
    what = "entry" if item.kind == "incident" else "note"
    print(f"Corrected item {item.id}: its {what} now reads as you wrote it. Every earlier wording stays "
          f"beside it, with when and by whom it was changed ('evidence-vault show {item.id}').")
    return 0


def register(sub) -> None:
    p = sub.add_parser("list", help="list evidence items (and what was flagged), times in local time")
    p.add_argument("--case", help="only this case (its number or name)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_list)

    p = sub.add_parser("show", help="show one item in full, with its corrections and history")
    p.add_argument("id", type=int)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_show)

    p = sub.add_parser("log", help="show the history of every change")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_log)

    p = sub.add_parser("withdraw", help="mark an item entered by mistake as withdrawn (it is kept, with your reason)")
    p.add_argument("id", type=int)
    p.add_argument("--reason", required=True, help="why, e.g. 'added to the wrong case'")
    p.set_defaults(func=cmd_withdraw)

    p = sub.add_parser("amend", help="correct an item's text (every earlier wording is kept and shown)")
    p.add_argument("id", type=int)
    p.add_argument("--note", required=True,
                   help="the corrected text, in full: an incident's whole entry, or the note of a page or file")
    p.set_defaults(func=cmd_amend)
