# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Drawing a planned bundle (export_plan.py) with reportlab, in memory, part by part: the
front pages, each item, the reports to the platform and the custody log, each part a small
document appended to the first (assemble.py), one picture decoded at a time."""

from __future__ import annotations

import io
from pathlib import Path

from reportlab import rl_config
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from .. import _version
from . import fonts, pages_chronology, pages_front, pages_items, pages_reports
from .assemble import PageAppender
from .export_plan import BOTTOM, BundlePlan
from .layout import PageWriter


def draw_bundle(path: Path, doc: dict, layout: BundlePlan, info: dict, custody: list, vault, names: dict,
                say) -> None:
    """Write every page of ``layout`` to ``path``. ``doc``: the case, the total and the owner
    (and a stamped canvas for a redacted copy); ``info``: what the cover says; ``custody``:
    the selection's custody entries."""
    say("Drawing the cover and the index")
    path.write_bytes(_draw(doc, 1, layout.front_pages, lambda pw: (
        pages_front.cover(pw, info), pages_front.how_to_check(pw, info),
        pages_front.index(pw, [pages_items.index_row(p) for p in layout.items],
                          pages_front.rows_per_index_page(BOTTOM), layout.custody_page),
        pages_chronology.draw(pw, layout.chron, BOTTOM))))
    appender = PageAppender(path)
    try:
        _draw_items(appender, doc, layout, vault, names, say)
        if layout.reports.pages:
            appender.append(_draw(doc, layout.reports.first_page, layout.custody_page, lambda pw: pages_reports.draw(
                pw, layout.reports, layout.first_pages)))
        say("Drawing the chain of custody")
        appender.append(_draw(doc, layout.custody_page, layout.total + 1, lambda pw: pages_front.custody(
            pw, custody, layout.numbers, pages_front.rows_per_custody_page(BOTTOM),
            _first_wordings(layout)) or pages_front.it_appendix(pw, info)))
    finally:
        appender.close()


def _draw_items(appender: PageAppender, doc: dict, layout: BundlePlan, vault, names: dict, say) -> None:
    plans = layout.items
    for n, p in enumerate(plans, 1):
        say(f"Drawing item {p.number} ({n} of {len(plans)})")
        appender.append(_draw(doc, p.first_page, p.first_page + p.pages,
                              lambda pw, p=p: pages_items.draw(pw, vault, p, names)))


def _first_wordings(layout: BundlePlan) -> dict:
    """Each item's note or entry as first written, for the custody log's words."""
    return {p.item.id: (p.words.wordings.subject, (p.words.wordings.earlier or (p.words.wordings.current,))[0].text)
            for p in layout.items if p.words is not None}


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
