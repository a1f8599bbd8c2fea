# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Is this capture any use? Checks for captures that look fine and are not.

A screenshot of a cookie banner, of a login form, of a page whose pictures failed or that
was still being filled in, is not evidence of the post. The capture engine cannot fix that
by itself without changing the page, which it must never do silently; so it looks, records
what it saw in the metadata (``quality``), and tells the user with a next step they can
take (capture again, open the page in the evidence browser, ``--dismiss-consent``).

What is looked at, in the main frame, as photographed (scrolled to the top):

- pictures: shown on the page but broken (loaded nothing), never finished, or still a tiny
  placeholder drawn large (a lazy picture that was never swapped in);
- a consent banner: the elements of common consent frameworks (OneTrust, Cookiebot,
  Quantcast, Sourcepoint, Didomi, Usercentrics, TrustArc, Funding Choices, Osano, Iubenda,
  cookieconsent, Complianz ...), or a layer with consent words over the page;
- a login wall: a password box in a layer over the page, or on a short page;
- a layer covering most of the first screen (a 7 x 7 grid of points: what sits on top);
- a mostly empty page: fewer than four words and no picture, video or frame;
- content still arriving: the settle step's result (``_settle``).
"""

from __future__ import annotations

import re

from ._dom import TEXT_JS
from ._screenshot import DIMENSIONS_JS

CONSENT_SELECTORS = (
    "#onetrust-banner-sdk, #onetrust-consent-sdk .onetrust-pc-dark-filter, #CybotCookiebotDialog, "
    "#qc-cmp2-ui, .qc-cmp2-container, [id^='sp_message_container'], .fc-consent-root, "
    "#didomi-host .didomi-popup-container, #didomi-notice, #usercentrics-root, #uc-banner, "
    ".truste_box_overlay, #truste-consent-track, .osano-cm-window, #iubenda-cs-banner, "
    ".cc-window, .cc-banner, #cookie-law-info-bar, #cmplz-cookiebanner-container, "
    "#cookie-notice, .cookie-consent, #gdpr-consent, [aria-label*='cookie' i][role='dialog'], "
    "[aria-label*='consent' i][role='dialog']"
)

QUALITY_JS = r"""
(consentSelectors) => {
  const vw = innerWidth, vh = innerHeight;
  const shown = (el) => {
    const r = el.getBoundingClientRect();
    if (r.width < 2 || r.height < 2) return false;
    const s = getComputedStyle(el);
    return s.visibility !== 'hidden' && s.display !== 'none' && parseFloat(s.opacity || '1') > 0.05;
  };
  const pictures = {shown: 0, broken: [], unfinished: [], placeholders: []};
  for (const img of document.images) {
    if (!shown(img)) continue;
    pictures.shown += 1;
    const r = img.getBoundingClientRect();
    const src = (img.currentSrc || img.getAttribute('src') || '').slice(0, 300);
    if (!img.complete) pictures.unfinished.push(src);
    else if (img.naturalWidth === 0) { if (src) pictures.broken.push(src); }
    else if ((img.naturalWidth <= 2 || img.naturalHeight <= 2) && r.width >= 40 && r.height >= 40) {
      pictures.placeholders.push(src);
    }
  }
  let media = pictures.shown;
  for (const el of document.querySelectorAll('video, canvas, iframe, svg, embed, object')) {
    const r = el.getBoundingClientRect();
    if (r.width >= 100 && r.height >= 100 && shown(el)) media += 1;
  }
  const layers = new Map();
  let covered = 0;
  for (let i = 1; i <= 7; i++) for (let j = 1; j <= 7; j++) {
    let el = document.elementFromPoint(vw * i / 8, vh * j / 8), top = null;
    while (el && el !== document.body && el !== document.documentElement) {
      const pos = getComputedStyle(el).position;
      if (pos === 'fixed') top = el;
      el = el.parentElement;
    }
    if (top) { covered += 1; layers.set(top, (layers.get(top) || 0) + 1); }
  }
  const dialogs = [...document.querySelectorAll("[role=dialog], [aria-modal=true], dialog[open]")].filter(shown);
  const overlayEls = [...layers.keys(), ...dialogs];
  const overlayText = overlayEls.map((el) => (el.innerText || '')).join(' ').replace(/\s+/g, ' ').slice(0, 2000);
  const inOverlay = (el) => overlayEls.some((o) => o.contains(el));
  const passwords = [...document.querySelectorAll('input[type=password]')].filter(shown);
  let consent = [];
  try { consent = [...document.querySelectorAll(consentSelectors)].filter(shown).map((el) => el.id || el.className || el.tagName); }
  catch (e) { consent = []; }
  const body = document.body;
  const text = body ? (body.innerText || '').replace(/\s+/g, ' ').trim() : '';
  return {
    pictures, media, textChars: text.length, words: text ? text.split(' ').length : 0,
    overlayShare: covered / 49, overlayText,
    overlayOnTop: layers.size > 0,
    passwords: passwords.length, passwordsInOverlay: passwords.filter(inOverlay).length,
    consentFramework: consent.slice(0, 5).map((c) => String(c).slice(0, 80)),
    scrollLocked: body ? getComputedStyle(body).overflow === 'hidden' : false,
  };
}
"""

LOOK_AND_READ_JS = f"""(consentSelectors) => ({{
  seen: ({QUALITY_JS})(consentSelectors),
  height: ({DIMENSIONS_JS})().height,
  text: ({TEXT_JS})() || "",
  title: document.title,
  userAgent: navigator.userAgent,
  viewport: {{width: innerWidth, height: innerHeight}},
}})"""

_CONSENT_WORDS = re.compile(r"cookie|consent|gdpr|privacy|datenschutz|we value your|partners|accept all", re.I)
_LOGIN_WORDS = re.compile(r"log ?in|sign ?in|sign up|create an account|password|subscribe to (read|continue)", re.I)

#: Fewer words than this and no picture: nothing a reader could call a post is showing.
MOSTLY_EMPTY_WORDS = 4

BROWSER_HINT = "open the page in the evidence browser (evidence-vault browse ADDRESS --case CASE)"


def look_and_read(page) -> dict:
    """What the main frame shows now (nothing on the page is touched), and the facts the
    record keeps of the page as photographed (height, text, title, user agent, viewport), in
    one evaluate: read one by one they were five more round trips to the renderer right after
    the screenshot. Keys: ``seen`` (what it shows), ``height``, ``text``, ``title``,
    ``userAgent``, ``viewport``."""
    return page.evaluate(LOOK_AND_READ_JS, CONSENT_SELECTORS)


def warnings(seen: dict, *, settle: dict, dismissed: bool) -> list[dict]:
    """Each problem found: ``kind``, what the user is told, and the next step."""
    out: list[dict] = []

    def warn(kind: str, message: str, next_step: str) -> None:
        out.append({"kind": kind, "message": message, "next_step": next_step})

    pics = seen["pictures"]
    broken, unfinished, placeholders = len(pics["broken"]), len(pics["unfinished"]), len(pics["placeholders"])
    if broken or unfinished or placeholders:
        parts = []
        if broken:
            parts.append(f"{broken} failed to load")
        if unfinished:
            parts.append(f"{unfinished} had not finished loading")
        if placeholders:
            parts.append(f"{placeholders} stayed blank (a placeholder was never replaced)")
        warn("pictures_missing",
             f"Of the {pics['shown']} pictures on the page, {', '.join(parts)}; they are missing "
             "from the capture.",
             f"Capture the page again; if pictures are still missing, {BROWSER_HINT} and capture it there.")
    overlay_text = seen.get("overlayText") or ""
    covering = seen.get("overlayShare", 0) >= 0.5
    consent = bool(seen.get("consentFramework")) or (
        (covering or seen.get("scrollLocked")) and bool(_CONSENT_WORDS.search(overlay_text)))
    login = bool(seen.get("passwordsInOverlay")) or (
        seen.get("passwords", 0) > 0 and seen.get("textChars", 0) < 1500) or (
        covering and bool(_LOGIN_WORDS.search(overlay_text)) and not consent)
    if consent:
        if dismissed:
            warn("consent_banner",
                 "A cookie or consent banner is still showing after the attempt to close it, and "
                 "may cover part of the page.",
                 f"{BROWSER_HINT[0].upper()}{BROWSER_HINT[1:]}, close the banner yourself, and capture it there.")
        else:
            warn("consent_banner",
                 "A cookie or consent banner is showing on the page and may cover part of what you "
                 "wanted to capture.",
                 "Capture again with --dismiss-consent (closing the banner is then recorded in the "
                 f"capture), or {BROWSER_HINT}, close it yourself, and capture it there.")
    if login:
        warn("login_wall",
             "The page asks for a login (it shows a password box), so it may not show the post itself.",
             f"{BROWSER_HINT[0].upper()}{BROWSER_HINT[1:]}, log in, and capture it there.")
    if covering and not consent and not login:
        warn("overlay",
             f"Something covers {round(seen['overlayShare'] * 100)}% of the first screen of the "
             "page (a pop-up or overlay), so the content underneath may be hidden.",
             f"{BROWSER_HINT[0].upper()}{BROWSER_HINT[1:]}, close the pop-up yourself, and capture it there.")
    if seen.get("words", 0) < MOSTLY_EMPTY_WORDS and seen.get("media", 0) == 0:
        warn("mostly_empty",
             "The page is almost empty (hardly any text and no pictures): it may not have "
             "finished building, or the post may have been removed.",
             f"Check the address and capture again; if it still looks empty, {BROWSER_HINT}.")
    if settle and not settle.get("dom_settled", True):
        warn("still_changing",
             f"The page was still changing when it was captured (content was still arriving after "
             f"{settle.get('waited_s', 0):g} seconds); the capture shows it as it was at that moment.",
             "Capture it again in a moment, or with a longer --timeout, and compare.")
    return out
