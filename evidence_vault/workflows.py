"""What a user does end to end: capture a page into a case, with the clause-71 guard in front.

This is the one place where the capture engine, the safeguarding guard and the vault meet, so
the CLI and the desktop app call the same code and cannot differ in what they let through:

1. the URL is checked (only http/https) before anything starts;
2. the guard is built from the vault's hash lists and handed to the capture engine, which
   shows it every image and media body before it renders, every data: URI, every MHTML part
   and the finished artefacts;
3. a refusal stops everything: the vault records only a text event (time, URL, which list
   matched; never pixels or hashes of the page) and the refusal propagates (exit code 3);
4. otherwise the artefacts, still only in memory, are sealed into the vault as one item.
"""

from __future__ import annotations

import json

from .capture import BrowserWorker, CaptureOptions, CapturedPage, validate_url
from .errors import SafeguardingBlock
from .safeguarding.actions import record_refusal
from .safeguarding.vault_guard import guard_for_vault
from .vault import ArtefactSource, Case, Item, Vault


def _guarded_capture(vault: Vault, url: str, run) -> tuple[CapturedPage, dict]:
    guard = guard_for_vault(vault)
    try:
        page = run(guard)
    except SafeguardingBlock as block:
        record_refusal(vault, block, url=url)  # raises its own block if the record fails
        raise
    return page, guard.record()


def store_capture(vault: Vault, case: Case, page: CapturedPage, guard_record: dict,
                  *, note: str | None, extra_info: dict | None = None) -> Item:
    """Seal one captured page into ``case``: screenshot, MHTML, text and metadata JSON."""
    meta = dict(page.metadata)
    meta["safeguarding"] = guard_record
    if note:
        meta["note"] = note
    metadata_json = json.dumps(meta, indent=2, sort_keys=True, ensure_ascii=False).encode("utf-8")
    shot = meta.get("screenshot") or {}
    info = {
        "requested_url": meta.get("requested_url"),
        "final_url": meta.get("final_url"),
        "title": meta.get("title"),
        "http_status": meta.get("http_status"),
        "captured_at": meta.get("capture_started_at"),
        "device": meta.get("device"),
        "truncated": bool(shot.get("truncated")),
        "timed_out": bool((meta.get("load") or {}).get("timed_out")),
        "capture_notes": list(meta.get("notes") or []),
        "note": note,
        **(extra_info or {}),  # e.g. recapture_of: the earlier item this one re-checks
    }
    return vault.add_capture(case, info=info, artefacts=[
        ArtefactSource("screenshot", "screenshot.png", "image/png", [page.screenshot_png]),
        ArtefactSource("mhtml", "page.mhtml", "multipart/related", [page.mhtml]),
        ArtefactSource("text", "text.txt", "text/plain; charset=utf-8", [page.text.encode("utf-8")]),
        ArtefactSource("metadata", "metadata.json", "application/json", [metadata_json]),
    ])


def capture_url(vault: Vault, worker: BrowserWorker, *, url: str, case: Case,
                options: CaptureOptions = CaptureOptions(), note: str | None = None,
                extra_info: dict | None = None) -> Item:
    """Capture ``url`` into ``case``; raises SafeguardingBlock (recorded) or CaptureError."""
    url = validate_url(url)
    page, record = _guarded_capture(vault, url, lambda guard: worker.capture(url, options, guard))
    return store_capture(vault, case, page, record, note=note, extra_info=extra_info)


def capture_current(vault: Vault, worker: BrowserWorker, *, case: Case,
                    options: CaptureOptions = CaptureOptions(), note: str | None = None) -> Item:
    """Capture the page shown in the evidence browser (interactive mode) into ``case``."""
    page, record = _guarded_capture(
        vault, "(page open in the evidence browser)",
        lambda guard: worker.capture_current(options, guard),
    )
    return store_capture(vault, case, page, record, note=note)


def open_evidence_browser(vault: Vault, worker: BrowserWorker, *, start_url: str | None = None,
                          device: str | None = None) -> None:
    """Open the visible browser with the logins saved (sealed) in the vault, if any.

    The guard watches while the user browses too: a listed image is stopped before it is
    drawn in the window, not only when a capture is asked for.
    """
    if start_url is not None:
        start_url = validate_url(start_url)
    worker.open_interactive(storage_state=vault.browser_login(), start_url=start_url, device=device,
                            inspector=guard_for_vault(vault))


def close_evidence_browser(vault: Vault, worker: BrowserWorker, *, keep_login: bool = True) -> None:
    """Save the browser's logins into the vault (sealed) and close the window."""
    if keep_login:
        vault.save_browser_login(worker.storage_state())
    worker.close_interactive()
