# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Reading things out of the rendered page: inline images, visible text, document identity.

``data:`` images never cross the network, so the route-level gate never sees them; we read
every one the page can paint (img src/srcset/currentSrc, picture sources, video posters,
SVG images, CSS backgrounds, list and border images, ``content:`` on pseudo-elements,
inside open shadow roots) from every frame, and hand them to the Inspector. The script runs
in each frame with the ready step (``_screenshot.wait_ready``), in one call per frame.
"""

from __future__ import annotations

COLLECT_DATA_URIS_JS = r"""
() => {
  const out = new Set();
  const add = (v) => {
    if (typeof v === 'string' && v.slice(0, 5).toLowerCase() === 'data:') out.add(v);
  };
  const fromSrcset = (v) => {
    if (!v) return;
    for (const m of v.matchAll(/data:[^\s]+/gi)) add(m[0].replace(/,+$/, ''));
  };
  const fromCss = (v) => {
    if (!v || v === 'none' || v.indexOf('data:') === -1) return;
    for (const m of v.matchAll(/url\(\s*"((?:[^"\\]|\\.)*)"\s*\)/g)) add(m[1].replace(/\\(.)/g, '$1'));
    for (const m of v.matchAll(/url\(\s*'((?:[^'\\]|\\.)*)'\s*\)/g)) add(m[1].replace(/\\(.)/g, '$1'));
    for (const m of v.matchAll(/url\(\s*(data:[^"')\s]*)\s*\)/g)) add(m[1]);
  };
  const props = ['backgroundImage', 'listStyleImage', 'borderImageSource', 'maskImage',
                 'webkitMaskImage', 'content', 'cursor', 'shapeOutside'];
  const visit = (root) => {
    for (const el of root.querySelectorAll('*')) {
      const tag = el.tagName;
      if (tag === 'IMG' || tag === 'INPUT' || tag === 'EMBED' || tag === 'VIDEO' ||
          tag === 'AUDIO' || tag === 'SOURCE' || tag === 'TRACK' || tag === 'IFRAME') {
        add(el.getAttribute('src')); add(el.currentSrc); fromSrcset(el.getAttribute('srcset'));
      }
      if (tag === 'VIDEO') add(el.getAttribute('poster'));
      if (tag === 'OBJECT') add(el.getAttribute('data'));
      if (el instanceof SVGElement) {
        add(el.getAttribute('href')); add(el.getAttributeNS('http://www.w3.org/1999/xlink', 'href'));
      }
      for (const pseudo of [null, '::before', '::after', '::marker']) {
        let style;
        try { style = getComputedStyle(el, pseudo); } catch (e) { continue; }
        for (const p of props) fromCss(style[p]);
      }
      if (el.shadowRoot) visit(el.shadowRoot);
    }
  };
  if (document.documentElement) {
    fromCss(getComputedStyle(document.documentElement).backgroundImage);
    visit(document);
  }
  return [...out];
}
"""

#: The text a reader sees (the record's text.txt; read with the quality look, ``_quality``).
TEXT_JS = "() => document.body ? document.body.innerText : (document.documentElement ? document.documentElement.innerText : '')"


def main_loader_id(cdp) -> str:
    """The id of the main frame's current document; it changes on every real navigation.

    Same-document changes (history.pushState, #fragments) keep it, and they do not mix
    two pages, so they are not treated as the page changing.
    """
    tree = cdp.send("Page.getFrameTree")
    return tree["frameTree"]["frame"]["loaderId"]
