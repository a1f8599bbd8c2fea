# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Capture commands: ``capture URL`` and the interactive evidence browser ``browse``."""

from __future__ import annotations

import sys
from pathlib import Path

from .. import workflows
from ..capture import BrowserWorker, CaptureOptions, find_browser
from ..errors import ErrorPageNotKept, UsageError
from ..page_problems import problem_of
from ..paths import app_temp_root
from ..times import format_local
from . import early
from .commands_vault import NO_HASH_LISTS, open_vault


def _require_case(args) -> None:
    if not args.case:
        raise UsageError("Say which case the capture belongs to, with --case NAME "
                         "('evidence-vault case list' shows them).")


def _options(args) -> CaptureOptions:
    _require_case(args)
    options = CaptureOptions(
        timeout_s=args.timeout, device=args.device, max_height_px=args.max_height,
        dismiss_consent=getattr(args, "dismiss_consent", False),
    )
    options.check()
    return options


def _worker(args, *, headless: bool = True) -> BrowserWorker:
    temp_root = app_temp_root(Path(args.vault))
    if headless:
        started = early.take(temp_root)  # started before this module was imported
        if started is not None:
            return started
    return BrowserWorker(browser_path=find_browser(), temp_root=temp_root, headless=headless)


def _report(item) -> None:
    info = item.info
    shot = next((a for a in item.artefacts if a.role == "screenshot"), None)
    problem = problem_of(item)
    mark = f"[{problem.mark.upper()}] " if problem else ""
    print(f"Captured item {item.id} in case '{item.case}': {mark}{info.get('title') or '(no title)'}")
    if problem:
        print(f"  kept as a record of what the address showed: {problem.says}")
    print(f"  address: {info.get('final_url')}  (HTTP {info.get('http_status')})")
    if info.get("requested_url") != info.get("final_url"):
        print(f"  requested: {info.get('requested_url')}")
    print(f"  captured at: {format_local(info.get('captured_at'), with_utc=True, seconds=True)}")
    if shot:
        print(f"  screenshot SHA-256: {shot.sha256}")
    for line in info.get("capture_notes") or []:  # what the user should know about this capture
        print(f"  note: {line}")


def _say_if_no_hash_lists(vault) -> None:
    """Once per command, plainly and calmly: without lists, known images cannot be recognised."""
    if not vault.hash_lists.names():
        print(NO_HASH_LISTS, flush=True)


def cmd_capture(args) -> int:
    if args.flag_indecent:
        from .commands_safeguarding import cmd_flag  # the same flow as 'evidence-vault flag'
        return cmd_flag(args)
    options = _options(args)
    with _worker(args) as worker:
        # Starts while the vault opens and the guard is built (if ``early`` has not already).
        worker.start_browser(with_page=options.device is None)
        with open_vault(args) as vault:
            case = vault.find_case(args.case)
            _say_if_no_hash_lists(vault)
            # A slow page takes a while: say so, rather than sit silent (a person may think it froze).
            print(f"Capturing {args.url} (waiting up to {options.timeout_s:g} seconds for the page)…",
                  flush=True)
            item = workflows.capture_url(vault, worker, url=args.url, case=case, options=options,
                                         note=args.note, last_capture=True,
                                         keep_error_pages=args.keep_error_pages)
    _report(item)
    return 0


BROWSE_HELP = """The evidence browser is open. Browse to the page (log in if you need to), then type here:
  c [note]   capture the page shown now (the whole page, with its address and time)
  q          close the browser (your logins are kept, encrypted, in the vault)
  forget     close the browser and forget the saved logins"""


def cmd_browse(args) -> int:
    options = _options(args)
    with open_vault(args) as vault:
        case = vault.find_case(args.case)
        _say_if_no_hash_lists(vault)
        with _worker(args, headless=False) as worker:
            workflows.open_evidence_browser(vault, worker, start_url=args.url, device=args.device)
            print(BROWSE_HELP, flush=True)
            keep = True
            for line in sys.stdin:
                command, _, note = line.strip().partition(" ")
                if command in ("c", "capture"):
                    try:
                        item = workflows.capture_current(vault, worker, case=case, options=options,
                                                         note=note or None,
                                                         keep_error_pages=args.keep_error_pages)
                    except ErrorPageNotKept as exc:  # the browser stays open: say it, carry on
                        print(exc, flush=True)
                    else:
                        _report(item)
                elif command in ("q", "quit", "exit"):
                    break
                elif command == "forget":
                    keep = False
                    break
                elif command:
                    print("Type c to capture, q to close, or forget.", flush=True)
                print("> ", end="", flush=True)
            workflows.close_evidence_browser(vault, worker, keep_login=keep)
            if not keep:
                vault.logins.forget()
    print("Evidence browser closed." + (" Saved logins forgotten." if not keep else ""))
    return 0


def _add_capture_options(p) -> None:
    p.add_argument("--case", help="the case to add the capture to")
    p.add_argument("--note")
    p.add_argument("--device", help='emulate a phone, e.g. "iPhone 13" or "Pixel 7"')
    p.add_argument("--timeout", type=float, default=30.0, metavar="SECONDS",
                   help="how long to wait for the page (default 30)")
    p.add_argument("--max-height", type=int, default=60_000, metavar="PX",
                   help="tallest screenshot in pixels (default 60000)")
    p.add_argument("--dismiss-consent", action="store_true",
                   help="close a cookie/consent banner before capturing (the click is recorded)")
    p.add_argument("--keep-error-pages", action="store_true",
                   help="keep a page that is not the page (an error such as 404, a login or consent "
                        "wall, 'content not available') as a record, marked as such; without it such "
                        "a capture is not kept (exit 5)")


def register(sub) -> None:
    p = sub.add_parser("capture", help="capture a web page as evidence")
    p.add_argument("url", nargs="?")
    p.add_argument("--flag-indecent", action="store_true",
                   help="do NOT capture: this may show a child; record the address and get advice")
    _add_capture_options(p)
    p.set_defaults(func=_capture_entry)

    p = sub.add_parser("browse", help="open the evidence browser to capture pages behind a login")
    p.add_argument("url", nargs="?", help="page to open first")
    _add_capture_options(p)
    p.set_defaults(func=cmd_browse)


def _capture_entry(args) -> int:
    if not args.url and not args.flag_indecent:
        raise UsageError("Give the address of the page to capture, e.g. evidence-vault capture "
                         "https://example.com/post/123 --case NAME")
    return cmd_capture(args)
