# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Keeping an inline picture that could not be checked out of the capture.

Why this module exists: a ``data:`` picture never crosses the network, so the gate cannot
refuse to deliver it; it is already in the page when the gate sees it. Refusing the whole
capture for one damaged inline icon lost real evidence (issue 11), so instead the picture is
removed from the page before the screenshot and the archive are made: every attribute and
every style rule (inline styles, style sheets, shadow roots, every frame) that names it is
pointed at the empty ``data:,`` instead. Then the page is read again exactly as the gate read
it; if any removed picture is still there (a cross-origin style sheet, a frame that cannot be
read), the capture is refused as before (fail closed). The change to the page is never
silent: each picture is listed as a capture warning.
"""

from __future__ import annotations

from typing import Callable

from ._dom import COLLECT_DATA_URIS_JS
from ._errors import PlaywrightError

REMOVE_JS = r"""
(bad) => {
  const EMPTY = 'data:,';
  const clean = (text) => {
    let out = text;
    for (const b of bad) if (out.indexOf(b) !== -1) out = out.split(b).join(EMPTY);
    return out;
  };
  const fixDeclaration = (style) => {
    for (let i = 0; i < style.length; i++) {
      const prop = style[i];
      const value = style.getPropertyValue(prop);
      if (value.indexOf('data:') === -1) continue;
      const next = clean(value);
      if (next !== value) style.setProperty(prop, next, style.getPropertyPriority(prop));
    }
  };
  const fixRules = (rules) => {
    for (const rule of rules) {
      if (rule.style) fixDeclaration(rule.style);
      if (rule.cssRules) fixRules(rule.cssRules);
    }
  };
  const fixSheets = (root) => {
    const sheets = [...(root.styleSheets || []), ...(root.adoptedStyleSheets || [])];
    for (const sheet of sheets) {
      try { fixRules(sheet.cssRules); } catch (e) { /* cross-origin: checked again below */ }
    }
  };
  const visit = (root) => {
    fixSheets(root);
    for (const el of root.querySelectorAll('*')) {
      for (const attr of [...el.attributes]) {
        if (attr.value.indexOf('data:') === -1) continue;
        const next = clean(attr.value);
        if (next !== attr.value) el.setAttributeNS(attr.namespaceURI, attr.name, next);
      }
      if (el.style) fixDeclaration(el.style);
      if (el.shadowRoot) visit(el.shadowRoot);
    }
  };
  visit(document);
  return true;
}
"""


def remove_data_uris(page, left_out: dict[str, BaseException], refuse: Callable[[BaseException], None]) -> None:
    """Remove every URI in ``left_out`` from every frame of ``page``; if one is still there
    afterwards, ``refuse`` with the reason it was left out (the capture then stops)."""
    bad = list(left_out)
    for frame in page.frames:
        try:
            frame.evaluate(REMOVE_JS, bad)
        except PlaywrightError:
            pass  # a frame that cannot be changed is caught by the check below
    remaining: set[str] = set()
    for frame in page.frames:
        try:
            remaining.update(frame.evaluate(COLLECT_DATA_URIS_JS))
        except PlaywrightError:
            if not frame.is_detached():
                remaining.update(bad)  # cannot tell: assume it is still there
    for uri in bad:
        if uri in remaining:
            refuse(left_out[uri])
            return
