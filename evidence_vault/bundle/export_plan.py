# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""The plan of a bundle's pages, made before anything is drawn: each item's pages
(pages_items.plan, which reads each item's metadata once), the index, the chronology across
people, the reports to the platform and the custody log, so the index on page 3 can name the
page each item starts on and every part knows the total."""

from __future__ import annotations

from dataclasses import dataclass

from ..vault.when import in_time_order
from . import pages_chronology, pages_front, pages_items, pages_reports
from .layout import FOOTER_H, MARGIN

BOTTOM = MARGIN + FOOTER_H + 4


@dataclass
class BundlePlan:
    items: list[pages_items.ItemPlan]  # in the order things happened
    chron: list[dict]  # the chronology's rows (none unless the case holds staff bundles)
    front_pages: int  # cover, how to check, the index and the chronology
    reports: pages_reports.ReportsPlan
    custody_page: int
    total: int  # the last page: the appendix for IT staff

    @property
    def numbers(self) -> dict[int, int]:
        """Each item's number in the bundle (its number in the vault), by item id."""
        return {p.item.id: p.number for p in self.items}

    @property
    def first_pages(self) -> dict[int, int]:
        return {p.item.id: p.first_page for p in self.items}


def plan_pages(vault, sel) -> BundlePlan:
    """Every page of the bundle, counted: ``sel`` is collect.select's selection."""
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
    custody_pages = max(1, -(-len(sel.custody) // pages_front.rows_per_custody_page(BOTTOM)))
    return BundlePlan(plans, chron, front_pages, reports, page, page - 1 + custody_pages + 1)
