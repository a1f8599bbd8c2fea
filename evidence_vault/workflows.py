# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""What a user does end to end: capture a page or add a file, with the clause-71 guard in front.

This is the one place where the capture engine, file import, the safeguarding guard and the
vault meet, so the CLI and the desktop app call the same code and cannot differ in what they
let through:

1. the URL is checked (only http/https) before anything starts, once: the checked address
   (capture._urls.WebAddress) is not checked again by the worker;
2. the guard is built from the vault's hash lists and handed to the capture engine, which
   shows it every image and media body before it renders, every data: URI, every MHTML part
   and the finished artefacts;
3. a refusal stops everything: the vault records only a text event (time, URL, which list
   matched; never pixels or hashes of the page) and the refusal propagates (exit code 3);
4. the page is looked at (page_problems.py): an HTTP error, a login or consent wall or a
   "content not available" page is sealed only when the person keeps it, with its mark;
5. otherwise the artefacts, still only in memory, are sealed into the vault as one item.

A file (``add_file``) takes the same path: the guard walks the whole file first (every part of
every container in it, safeguarding/walker.py), a refusal is recorded as text only (naming the
file, and the member or attachment inside it), and a file already in the vault is named and
added again only on purpose.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from .capture import BrowserWorker, CaptureOptions, CapturedPage, Progress, validate_url
from .errors import ErrorPageNotKept, SafeguardingBlock
from .file_times import TimeHint, time_hints
from .page_problems import PageProblem, page_problem
# Emails (clause 70): the steps live in mail/_intake.py (the guard over every attachment, DKIM,
# the rendering); named here so that front ends find every end-to-end action in this module.
from .mail import add_email, is_email, is_email_file, recheck_email  # noqa: F401  (re-exported)
from .safeguarding.actions import record_refusal
from .safeguarding.refusals import where_inside
from .safeguarding.vault_guard import guard_for_vault
from .vault import ArtefactSource, Case, Item, PageRecord, Vault
from .vault.when import Happened


def _guarded_capture(vault: Vault, url: str, run, case: Case | None = None) -> tuple[CapturedPage, dict]:
    guard = guard_for_vault(vault)
    try:
        page = run(guard)
    except SafeguardingBlock as block:
        record_refusal(vault, block, url=url, case=case)  # raises its own block if the record fails
        raise
    return page, guard.record()


def store_capture(vault: Vault, case: Case, page: CapturedPage, guard_record: dict,
                  *, note: str | None, extra_info: dict | None = None) -> Item:
    """Seal one captured page into ``case``: screenshot, MHTML, text and metadata JSON.

    The page's facts become one ``PageRecord`` here (the guard's record with them); the item's
    record (``info``) is made from it, and metadata.json keeps the engine's metadata with the
    guard's record under its own key, ``"guard"`` (docs/capture.md)."""
    record = PageRecord.from_metadata(page.metadata, guard=guard_record)
    meta = {**page.metadata, "guard": record.guard}
    if note:
        meta["note"] = note
    metadata_json = json.dumps(meta, indent=2, sort_keys=True, ensure_ascii=False).encode("utf-8")
    info = {
        **record.info(),
        "note": note,
        **(extra_info or {}),  # e.g. recapture_of: the earlier item this one re-checks
    }
    return vault.add_capture(case, info=info, artefacts=[
        ArtefactSource("screenshot", "screenshot.png", "image/png", [page.screenshot_png]),
        ArtefactSource("mhtml", "page.mhtml", "multipart/related", [page.mhtml]),
        ArtefactSource("text", "text.txt", "text/plain; charset=utf-8", [page.text.encode("utf-8")]),
        ArtefactSource("metadata", "metadata.json", "application/json", [metadata_json]),
    ])


@dataclass
class PendingCapture:
    """A captured page held in memory, checked by the guard and not yet sealed: what the person
    decides about when it is not the page (``problem``, page_problems.py). Dropping it writes
    nothing; ``seal`` stores it."""

    case: Case
    page: CapturedPage
    guard_record: dict
    problem: PageProblem | None
    note: str | None = None
    extra_info: dict | None = None


def capture_page(vault: Vault, worker: BrowserWorker, *, url: str, case: Case,
                 options: CaptureOptions = CaptureOptions(), note: str | None = None,
                 extra_info: dict | None = None, progress: Progress | None = None,
                 last_capture: bool = False) -> PendingCapture:
    """Capture ``url`` for ``case`` without sealing it; raises SafeguardingBlock (recorded) or
    CaptureError. ``progress`` hears each step of the capture (capture.Progress) and may stop
    it. ``last_capture``: the worker is not needed after this capture (a one-shot command), so
    the browser starts closing while the capture is sealed into the vault."""
    url = validate_url(url)
    page, record = _guarded_capture(
        vault, url, lambda guard: worker.capture(url, options, inspector=guard, progress=progress), case)
    if last_capture:
        worker.close(wait=False)
    return PendingCapture(case, page, record, page_problem(page.metadata, page.text), note, extra_info)


def capture_current_page(vault: Vault, worker: BrowserWorker, *, case: Case,
                         options: CaptureOptions = CaptureOptions(), note: str | None = None,
                         progress: Progress | None = None) -> PendingCapture:
    """The page shown in the evidence browser (interactive mode), for ``case``, not yet sealed."""
    page, record = _guarded_capture(
        vault, "(page open in the evidence browser)",
        lambda guard: worker.capture_current(options, guard, progress=progress), case,
    )
    return PendingCapture(case, page, record, page_problem(page.metadata, page.text), note)


def seal(vault: Vault, pending: PendingCapture, *, keep_error_page: bool = False) -> Item:
    """Seal ``pending`` into its case. A page that is not the page (``pending.problem``) is
    kept only with ``keep_error_page``, and then with its mark (``page_problem`` in its info);
    otherwise ``ErrorPageNotKept`` is raised and nothing is written."""
    extra = dict(pending.extra_info or {})
    if pending.problem is not None:
        if not keep_error_page:
            raise ErrorPageNotKept(f"{pending.problem.says} It was not kept: nothing was saved. To keep "
                                   "it as a record of what the address showed, capture it again with "
                                   "--keep-error-pages.", pending.problem)
        extra["page_problem"] = pending.problem.to_json()
    return store_capture(vault, pending.case, pending.page, pending.guard_record, note=pending.note,
                         extra_info=extra)


def capture_url(vault: Vault, worker: BrowserWorker, *, url: str, case: Case,
                options: CaptureOptions = CaptureOptions(), note: str | None = None,
                extra_info: dict | None = None, progress: Progress | None = None,
                last_capture: bool = False, keep_error_pages: bool = False) -> Item:
    """Capture ``url`` into ``case`` (``capture_page`` then ``seal``). An error page, a login or
    consent wall or a "not available" page raises ``ErrorPageNotKept`` (nothing written) unless
    ``keep_error_pages`` (a re-capture keeps them: "gone" is what it looks for)."""
    pending = capture_page(vault, worker, url=url, case=case, options=options, note=note,
                           extra_info=extra_info, progress=progress, last_capture=last_capture)
    return seal(vault, pending, keep_error_page=keep_error_pages)


def capture_current(vault: Vault, worker: BrowserWorker, *, case: Case,
                    options: CaptureOptions = CaptureOptions(), note: str | None = None,
                    progress: Progress | None = None, keep_error_pages: bool = False) -> Item:
    """Capture the page shown in the evidence browser (interactive mode) into ``case``."""
    pending = capture_current_page(vault, worker, case=case, options=options, note=note, progress=progress)
    return seal(vault, pending, keep_error_page=keep_error_pages)


def open_evidence_browser(vault: Vault, worker: BrowserWorker, *, start_url: str | None = None,
                          device: str | None = None) -> None:
    """Open the visible browser with the logins saved (sealed) in the vault, if any.

    The guard watches while the user browses too: a listed image is stopped before it is
    drawn in the window, not only when a capture is asked for.
    """
    if start_url is not None:
        start_url = validate_url(start_url)
    worker.open_interactive(storage_state=vault.logins.saved(), start_url=start_url, device=device,
                            inspector=guard_for_vault(vault))


def close_evidence_browser(vault: Vault, worker: BrowserWorker, *, keep_login: bool = True) -> None:
    """Save the browser's logins into the vault (sealed) and close the window."""
    if keep_login:
        vault.logins.save(worker.storage_state())
    worker.close_interactive()


# -- files --------------------------------------------------------------------------------------
class _FileChecks:
    """What sees a file before anything of it is written: the clause-71 guard first (a listed
    picture must be refused and recorded even if a copy is already in the vault), then the
    question whether the same file is already there."""

    def __init__(self, vault: Vault, guard, *, again: bool) -> None:
        self._vault, self._guard, self._again = vault, guard, again

    def inspect(self, *, kind, url, body, content_type):
        self._guard.inspect(kind=kind, url=url, body=body, content_type=content_type)
        if not self._again:
            self._vault.refuse_duplicate(url, hashlib.sha256(body).hexdigest())


def _read_file(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        from .errors import UsageError
        raise UsageError(f"Could not read {path.name}: {exc.strerror}. Nothing was saved.") from None


#: How much of a file is read to find the time a picture says it was taken (EXIF, XMP and the
#: PNG text chunks before the pixels sit at the start), so a video does not have to be read.
HINT_BYTES = 4 << 20


def file_hints(path) -> list[TimeHint]:
    """What the file at ``path`` says about when it happened (file_times.py), to offer the
    person before it is added: a picture's own data, an email's Date line, a date in its name,
    its last-changed time. Reads the file; writes nothing."""
    path = Path(path)
    email = is_email(path)  # by its name or its bytes, as add_file decides
    try:
        with open(path, "rb") as handle:  # a picture's own data is at its start; emails are read whole
            data = handle.read() if email else handle.read(HINT_BYTES)
    except OSError:
        return []
    email_date = None
    if email:
        from .mail import email_date_of
        email_date = email_date_of(data, path.name)
    return time_hints(path, data, email_date=email_date)


def add_file(vault: Vault, case: Case, path, *, note: str | None = None, again: bool = False,
             happened: Happened | None = None) -> Item:
    """Import the file at ``path`` into ``case`` behind the clause-71 guard.

    ``happened``: when it happened, as the person said or confirmed it (``file_hints`` offers
    what the file itself says; nothing is taken from the file without the person).

    On a refusal nothing of the file is written; a ``capture_refused`` event naming only the
    file (not its folder, hashes or bytes) and the matching list is recorded, and the
    ``SafeguardingBlock`` propagates (exit code 3). A file whose bytes are already in the vault
    raises ``DuplicateFileError`` naming the item(s), unless ``again``.
    """
    path = Path(path)
    # An email (by its name or by its bytes, whatever it is called) is kept as an email: the
    # original, a readable rendering and its DKIM result. Its parts are checked by the same
    # walker either way.
    if is_email(path):
        return add_email(vault, case, path, note=note, again=again, happened=happened)
    guard = guard_for_vault(vault)
    checks = _FileChecks(vault, guard, again=again)
    try:
        # The walk (which may take a while) happens here, outside any call on the vault, so a
        # window that serialises those calls stays free; the vault's own look at the bytes it
        # reads then finds them checked already (the guard remembers clean parts by SHA-256).
        if path.is_file():
            guard.inspect(kind="file", url=path.name, body=_read_file(path), content_type=None)
        return vault.add_file(case, path, note=note, guard=checks, happened=happened)
    except SafeguardingBlock as block:
        record_refusal(vault, block, url=where_inside(block, path.name), case=case)
        raise


# -- bundles received from others (issue 22): bundle_import.py ---------------------------------
def import_bundle(vault: Vault, case: Case, path, *, password: str | None = None,
                  trusted_timestamps=None, expect: str | None = None):
    """Import a bundle someone sent into ``case`` as evidence: checked as ``verify-bundle``
    checks it, every part through the clause-71 guard, then kept whole with each item inside
    (bundle_import.py). Returns a ``bundle_import.ImportedBundle``."""
    from .bundle_import import import_bundle as _import
    return _import(vault, case, path, password=password, trusted_timestamps=trusted_timestamps, expect=expect)
