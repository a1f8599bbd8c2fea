# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""``export_bundle``: one case (or chosen items) out of the vault as one sealed PDF.

Order, each step a plain-English ``progress`` message for the desktop app:
1. the items are chosen (collect.py applies clause 71 before anything is read; a refused
   export stops here, before anything is written to the vault);
2. a signed checkpoint of the vault's history is taken; the bundle is sealed against it;
3. every page is planned, then drawn with reportlab, in memory, one picture decoded at a time;
4. the originals, each item's record, the checkpoint and the manifest are attached (pyHanko);
5. optionally encrypted (AES-256), then signed (PAdES B-B) and, with a timestamp authority,
   given a document timestamp that the manifest declares (signing.py). An authority that is
   down, slow or not the one pinned costs the timestamp, never the export: the manifest is
   embedded again without the declaration, the file sealed again, and a warning says so;
6. the finished file replaces ``out_path`` in one step, and the export is recorded in the
   vault's history (with the bundle's SHA-256) followed by a fresh checkpoint.
Nothing but the output file (and its own partial copies beside it) is ever written.
"""

from __future__ import annotations

import base64
import io
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from reportlab import rl_config
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from .. import _version
from ..errors import IntegrityError, StorageError, UsageError
from ..vault import checkpoints as cp
from ..vault.ledger import utc_now
from ..vault.when import in_time_order
from . import collect, fonts, manifest, nested, pages_chronology, pages_front, pages_items, pages_reports, signing
from .certificate import org_signer, vault_signer
from .assemble import PageAppender
from .layout import FOOTER_H, MARGIN, PageWriter
from .item_words import TYPED_ROLE, typed_name
from .pdf_files import SAFE_NAME

BOTTOM = MARGIN + FOOTER_H + 4
#: pyHanko (and so some recipients' tools) refuses to unpack one attached file larger than this
TOOL_STREAM_LIMIT = 256 << 20


@dataclass
class ExportResult:
    path: Path
    sha256: str
    signer_fingerprint: str
    signer_name: str
    items_exported: list[int]
    items_withheld: int
    pages: int
    timestamped: bool
    checkpoint_seq: int
    warnings: list[str] = field(default_factory=list)
    redacted: bool = False  # a redacted copy (redacted.py)

    def to_json(self) -> dict:
        return {"path": str(self.path), "sha256": self.sha256, "signer_fingerprint": self.signer_fingerprint,
                "signer_name": self.signer_name, "items_exported": self.items_exported,
                "items_withheld": self.items_withheld, "pages": self.pages, "timestamped": self.timestamped,
                "checkpoint_seq": self.checkpoint_seq, "warnings": list(self.warnings),
                "redacted": self.redacted}


def export_bundle(vault, case, out_path, *, recipient=None, item_ids=None, password=None,
                  timestamp=None, org_cert=None, org_cert_password=None, progress=None,
                  redacted: bool = False) -> ExportResult:
    """``timestamp``: a timestamps.TimestampAuthority (pinned: its certificates are what the
    token must chain to), or None for no independent time. ``redacted``: a redacted copy for a
    recipient who may not see what was redacted (redacted.py)."""
    say = progress or (lambda _text: None)
    out_path = Path(out_path)
    if out_path.is_dir():
        raise UsageError(f"{out_path} is a folder; give a file name ending in .pdf.")
    if not out_path.parent.is_dir():
        raise UsageError(f"There is no folder {out_path.parent} to save the bundle in.")
    if timestamp is not None:
        signing.check_timestamp_url(timestamp.url or "")
    if password is not None and not password:
        raise UsageError("The bundle password is empty. Give a password, or leave the bundle unencrypted.")
    if isinstance(case, (str, int)):
        case = vault.find_case(str(case))
    view = None
    if redacted:
        from .redacted import RedactedView
        view = vault = RedactedView(vault)
    say("Choosing the items")
    chosen = collect.choose(vault, case, list(item_ids) if item_ids else None)  # refusals: nothing signed
    material = org_signer(Path(org_cert), org_cert_password) if org_cert else vault_signer(vault)
    say("Sealing a checkpoint of the vault's history")
    check = vault.checkpoint()
    sel = collect.select(vault, case, list(item_ids) if item_ids else None, check.seq, chosen)
    warnings: list[str] = []
    if view is not None:
        say("Making the redacted renderings")
        warnings += view.prepare(sel)
        case = view.case_shown(case)

    say("Planning the pages")
    # in the order things happened (vault.when: where known, else captured or added), each item
    # called by its number in the vault
    plans = [pages_items.plan(vault, item, item.id, BOTTOM) for item in in_time_order(sel.items)]
    index_pages = -(-len(plans) // pages_front.rows_per_index_page(BOTTOM))
    # a case holding staff bundles gets a chronology across people after the index (issue 22)
    chron = pages_chronology.rows(sel.items, vault.owner(), {p.item.id: p.number for p in plans}) \
        if pages_chronology.has_imported(sel.items) else []
    front_pages = 3 + index_pages + pages_chronology.pages_needed(len(chron), BOTTOM)
    page = front_pages
    for p in plans:
        p.first_page = page
        page += p.pages
    reports = pages_reports.plan(sel)  # "Reports to the platform", when the case has any
    reports.first_page, page = page, page + reports.pages
    custody_page = page
    custody_pages = max(1, -(-len(sel.custody) // pages_front.rows_per_custody_page(BOTTOM)))
    total = page - 1 + custody_pages + 1  # the last page: the appendix for IT staff

    names, atts, page_af, items_json = _describe(sel, plans)
    if view is not None:
        atts = view.mark_attachments(atts)
    warnings += _size_warnings(sel)
    created_at = utc_now()
    owner = vault.owner()
    public_der = vault.public_key_der()
    checkpoint_doc = manifest.encode({
        "format": manifest.FORMAT_NAME, "version": manifest.FORMAT_VERSION,
        "checkpoint": check.to_json(),
        "public_key": base64.b64encode(public_der).decode("ascii"),
        "public_key_sha256": cp.fingerprint(public_der),
    })
    atts.append(manifest.describe(checkpoint_doc, name=manifest.CHECKPOINT_NAME, role="checkpoint",
                                  item=None, media_type="application/json"))
    def manifest_doc(declared) -> bytes:
        built = manifest.build(
            created_at=created_at, app_version=_version.__version__, vault_id=vault.vault_id.hex(), case=case,
            owner=owner, recipient=recipient, items=items_json, withheld=sel.withheld, withdrawn=sel.withdrawn,
            attachments=atts, custody=sel.custody, hashes=sel.hashes, checkpoint_seq=check.seq,
            signer={"certificate_sha256": material.fingerprint, "name": material.name,
                    "vault_key": material.is_vault_key, "vault_public_key_sha256": cp.fingerprint(public_der)},
            timestamp=declared.to_json() if declared else None)
        return manifest.encode(view.annotate(built) if view is not None else built)

    info = {"case": case.name, "owner_name": owner.get("name"), "owner_role": owner.get("role"),
            "recipient": recipient, "created_at": created_at, "count": len(plans), "withheld": sel.withheld,
            "withdrawn": sel.withdrawn, "signer_name": material.name, "signer_fingerprint": material.fingerprint,
            "checkpoint_seq": check.seq, "checkpoint_at": check.at, "checkpoint_head": check.head,
            "appendix_page": total}
    doc = {"case": case.name, "total": total, "owner": owner}
    if view is not None:
        from .redacted import stamped_canvas
        doc["canvas"] = stamped_canvas(view.stamp())

    stem = out_path.with_name(f".{out_path.name}.{os.urandom(4).hex()}")
    drawn, locked, signed = (Path(f"{stem}.drawn"), Path(f"{stem}.locked"), Path(f"{stem}.signed"))
    try:
        say("Drawing the cover and the index")
        drawn.write_bytes(_draw(doc, 1, front_pages, lambda pw: (
            pages_front.cover(pw, info), pages_front.how_to_check(pw, info),
            pages_front.index(pw, [pages_items.index_row(p) for p in plans],
                              pages_front.rows_per_index_page(BOTTOM), custody_page),
            pages_chronology.draw(pw, chron, BOTTOM))))
        appender = PageAppender(drawn)
        try:
            for n, p in enumerate(plans, 1):
                say(f"Drawing item {p.number} ({n} of {len(plans)})")
                appender.append(_draw(doc, p.first_page, p.first_page + p.pages,
                                      lambda pw, p=p: pages_items.draw(pw, vault, p, names)))
            if reports.pages:
                appender.append(_draw(doc, reports.first_page, custody_page, lambda pw: pages_reports.draw(
                    pw, reports, {p.item.id: p.first_page for p in plans})))
            say("Drawing the chain of custody")
            first = {p.item.id: (p.words.wordings.subject, (p.words.wordings.earlier or (p.words.wordings.current,))[0].text)
                     for p in plans if p.words is not None}
            appender.append(_draw(doc, custody_page, total + 1, lambda pw: pages_front.custody(
                pw, sel.custody, {p.item.id: p.number for p in plans}, pages_front.rows_per_custody_page(BOTTOM),
                first) or pages_front.it_appendix(pw, info)))
        finally:
            appender.close()
        say("Attaching the original files")
        private = password is not None
        signing.embed_attachments(drawn, _attachment_data(vault, sel, atts, checkpoint_doc, say, plans), page_af,
                                  private=private)
        before_manifest = drawn.stat().st_size
        stamped = False
        for declared in ([timestamp, None] if timestamp is not None else [None]):
            os.truncate(drawn, before_manifest)  # the manifest is the last update: made again
            doc_bytes = manifest_doc(declared)
            signing.embed_attachments(drawn, [(manifest.describe(
                doc_bytes, name=manifest.MANIFEST_NAME, role="manifest", item=None,
                media_type="application/json"), doc_bytes)], page_af, private=private)
            source = drawn
            if password is not None:
                say("Encrypting the bundle")
                signing.encrypt_copy(drawn, locked, password)
                source = locked
            say("Signing the bundle")
            signing.sign(source, signed, material, password=password)
            if declared is None:
                break
            say(f"Asking {declared.name} for a timestamp")
            problem = _timestamp(signed, declared, password)
            if problem is None:
                stamped = True
                break
            warnings.append(
                f"The timestamp authority {declared.name} ({declared.url}) did not give a usable timestamp "
                f"({problem}), so the bundle is sealed without one. It is still signed and complete; "
                "try again later if you need an independent time.")
        os.replace(signed, out_path)
    except OSError as exc:
        raise StorageError(f"The bundle could not be saved to {out_path} ({exc.strerror}). "
                           "Nothing was exported.") from exc
    finally:
        signing.remove_quietly(drawn, locked, signed)

    digest = signing.file_sha256(out_path)
    say("Recording the export in the vault's history")
    vault.record_export(case_id=case.id, items=[i.id for i in sel.items], recipient=recipient,
                        bundle_sha256=digest, checkpoint_seq=check.seq, withheld=sel.withheld,
                        signer_fingerprint=material.fingerprint, redacted=view is not None)
    return ExportResult(out_path, digest, material.fingerprint, material.name, [i.id for i in sel.items],
                        sel.withheld, total, stamped, check.seq, warnings, view is not None)


def _draw(doc: dict, first_page: int, next_page: int, draw) -> bytes:
    """One small reportlab document of pages ``first_page`` .. ``next_page - 1``, in memory."""
    buf = io.BytesIO()
    # Binary image streams: ASCII85 (reportlab's default) costs a quarter more bytes, and
    # without reportlab's C accelerator it is the slowest step of a whole export.
    old_a85, rl_config.useA85 = rl_config.useA85, 0
    try:
        return _draw_doc(buf, doc, first_page, next_page, draw)
    finally:
        rl_config.useA85 = old_a85


def _draw_doc(buf, doc: dict, first_page: int, next_page: int, draw) -> bytes:
    canvas = doc.get("canvas", Canvas)(buf, pagesize=A4, pageCompression=1)
    fonts.seed(canvas)  # the same first subset of each font in every part: embedded once (assemble.py)
    canvas.setTitle(f"Evidence bundle: {doc['case']}")
    canvas.setAuthor(f"{doc['owner'].get('name')}, {doc['owner'].get('role')}")
    canvas.setCreator(f"Evidence Vault {_version.__version__}")
    pw = PageWriter(canvas, case=doc["case"], total_pages=doc["total"], first_page=first_page)
    draw(pw)
    canvas.save()
    if pw.page != next_page:  # the index promised these page numbers; a mismatch is our bug
        raise AssertionError(f"drew pages {first_page}..{pw.page - 1}, planned {first_page}..{next_page - 1}")
    return buf.getvalue()


def _describe(sel, plans):
    names: dict[tuple[int, str], str] = {}
    atts: list[manifest.Attachment] = []
    page_af: dict[str, int] = {}
    items_json = []
    for p in plans:
        item = p.item
        for a in item.artefacts:
            name = manifest.attachment_name(item.id, a.role, a.filename)
            if not SAFE_NAME.fullmatch(name):  # pdfdetach -saveall writes these names: never a path
                raise AssertionError(f"unsafe attachment name {name!r}")
            if name in page_af:
                raise IntegrityError(f"Item {item.id} has two files called {name}.", [f"item {item.id}: duplicate role"])
            names[(item.id, a.role)] = name
            page_af[name] = p.first_page - 1
            atts.append(manifest.Attachment(name, a.role, item.id, a.media_type, a.sha256, a.size,
                                            a.filename if item.kind == "file" else None))
        typed = p.words.typed_text if p.words is not None else None
        if typed is not None:  # the note as typed, where the pages cannot show all of it
            names[(item.id, TYPED_ROLE)] = typed_name(item.id)
            page_af[typed_name(item.id)] = p.first_page - 1
            atts.append(manifest.describe(typed, name=typed_name(item.id), role=TYPED_ROLE, item=item.id,
                                          media_type="text/plain; charset=utf-8"))
        record = _record_bytes(item)
        rname = manifest.record_name(item.id)
        page_af[rname] = p.first_page - 1
        atts.append(manifest.describe(record, name=rname, role="record", item=item.id, media_type="application/json"))
        items_json.append({"id": item.id, "number": p.number, "kind": item.kind, "created_at": item.created_at,
                           "first_page": p.first_page, "sha256": item.main_sha256,
                           "attachments": [names[(item.id, a.role)] for a in item.artefacts]
                           + ([typed_name(item.id)] if typed is not None else []) + [rname],
                           "events": [e.seq for e in sel.custody if item.id in e.item_ids],
                           **nested.manifest_fields(item, names)})
    page_af[manifest.CHECKPOINT_NAME] = 1
    page_af[manifest.MANIFEST_NAME] = 1
    return names, atts, page_af, items_json


def _record_bytes(item) -> bytes:
    return (json.dumps(item.to_json(), indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")


def _timestamp(signed: Path, authority, password) -> str | None:
    """Add the document timestamp, then check it as a recipient trusting only ``authority``
    would; None when it holds, else why not (the file is then cut back to its seal)."""
    from .limits import DEFAULT_LIMITS
    from .pdf_open import open_pdf
    from .signature_check import check_seal
    from .verify import BundleReport

    before = signed.stat().st_size
    problem = signing.add_document_timestamp(signed, authority, password=password)
    if problem is not None:
        return problem
    report = BundleReport()
    opened = open_pdf(signed, password, report, UsageError, DEFAULT_LIMITS)
    try:
        seal = check_seal(opened, report, DEFAULT_LIMITS, [authority]) if opened else None
    finally:
        if opened:
            opened.close()
    if seal is not None and seal.timestamp and seal.timestamp["trusted"] and \
            not any(line.startswith("timestamp:") for line in report.failures):
        return None
    os.truncate(signed, before)
    if seal is not None and seal.timestamp:
        return "its answer is not signed by the certificate pinned for it"
    return report.failures[0] if report.failures else "no timestamp was added"


def _size_warnings(sel) -> list[str]:
    out = []
    for item in sel.items:
        for a in item.artefacts:
            if a.size > TOOL_STREAM_LIMIT:
                out.append(f"Item {item.id}'s {a.role} file is {a.size / (1 << 20):,.0f} MB. Evidence Vault's check "
                           "reads it, but some PDF tools refuse an attached file over 256 MB: if the recipient "
                           "uses another tool, send that file separately as well.")
    return out


def _attachment_data(vault, sel, atts, checkpoint_doc: bytes, say, plans=()):
    """Yield (Attachment, bytes), reading each original through the vault's guarded read path."""
    by_name = {a.name: a for a in atts}
    typed = {p.item.id: p.words.typed_text for p in plans if p.words is not None and p.words.typed_text is not None}
    # metadata.json was decrypted once by the plan: attached from there (checked below as any file)
    read = {(p.item.id, "metadata"): p.metadata_bytes for p in plans if p.metadata_bytes is not None}
    for n, item in enumerate(sel.items, 1):
        say(f"Attaching the files of item {n} of {len(sel.items)}")
        for a in item.artefacts:
            data = read.pop((item.id, a.role), None)
            if data is None:
                data = vault.read_artefact(item.id, a.role)  # refuses quarantined items
            att = by_name[manifest.attachment_name(item.id, a.role, a.filename)]
            if len(data) != att.size or manifest.describe(data, name="", role="", item=None,
                                                          media_type="").sha256 != att.sha256:
                raise IntegrityError(f"The stored file of item {item.id} ({a.role}) does not match its record; "
                                     "no bundle was made. Run 'evidence-vault verify'.",
                                     [f"item {item.id}: {a.role} hash differs"])
            yield att, data
        if item.id in typed:
            yield by_name[typed_name(item.id)], typed[item.id]
        yield by_name[manifest.record_name(item.id)], _record_bytes(item)
    yield by_name[manifest.CHECKPOINT_NAME], checkpoint_doc
