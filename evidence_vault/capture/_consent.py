# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Closing a cookie/consent banner, only when the user asked for it (``--dismiss-consent``).

Clicking changes the page, and evidence must say how it was made: so this never runs by
default, and when it runs, what was clicked (which button, with which words, in which
frame) is recorded in the metadata (``actions_on_page``) and told to the user. A "reject"
or "necessary only" button is preferred to "accept" (it shares less about the user and sets
fewer cookies); when neither is found, nothing is clicked and that is recorded too.
"""

from __future__ import annotations

from ._errors import PlaywrightError

#: Known buttons of common consent frameworks, "reject" buttons first.
KNOWN_BUTTONS = [
    "#onetrust-reject-all-handler", "#CybotCookiebotDialogBodyButtonDecline",
    ".fc-cta-do-not-consent", "#didomi-notice-disagree-button", "[data-testid='uc-deny-all-button']",
    ".osano-cm-denyAll", ".cc-deny", "#cmplz-cookiebanner-container .cmplz-deny",
    "#onetrust-accept-btn-handler", "#CybotCookiebotDialogBodyLevelButtonLevelOptinAllowAll",
    ".fc-cta-consent", "#didomi-notice-agree-button", "[data-testid='uc-accept-all-button']",
    ".qc-cmp2-summary-buttons button[mode='primary']", ".osano-cm-accept-all", ".cc-allow",
    ".cc-dismiss", ".iubenda-cs-accept-btn", "#cookie_action_close_header",
]

DISMISS_JS = r"""
(known) => {
  const shown = (el) => {
    const r = el.getBoundingClientRect(), s = getComputedStyle(el);
    return r.width > 1 && r.height > 1 && s.visibility !== 'hidden' && s.display !== 'none';
  };
  const words = (el) => (el.innerText || el.value || el.getAttribute('aria-label') || '').replace(/\s+/g, ' ').trim();
  for (const sel of known) {
    let el = null;
    try { el = [...document.querySelectorAll(sel)].find(shown); } catch (e) { continue; }
    if (el) { const w = words(el); el.click(); return {selector: sel, words: w.slice(0, 80)}; }
  }
  // No known framework: a button inside a fixed layer or dialog that talks about cookies.
  const layers = [...document.querySelectorAll('body *')].filter((el) => {
    const s = getComputedStyle(el);
    return (s.position === 'fixed' || el.getAttribute('role') === 'dialog') && shown(el) &&
           /cookie|consent|privacy|gdpr/i.test(el.innerText || '');
  }).slice(0, 5);
  const order = [/reject all|decline|refuse|necessary only|only necessary|essential only|deny/i,
                 /accept all|allow all|accept|agree|got it|^ok$/i];
  for (const pattern of order) {
    for (const layer of layers) {
      const el = [...layer.querySelectorAll('button, [role=button], a, input[type=button], input[type=submit]')]
        .find((b) => shown(b) && pattern.test(words(b)));
      if (el) { const w = words(el); el.click(); return {selector: 'a button in a cookie banner', words: w.slice(0, 80)}; }
    }
  }
  return null;
}
"""


def dismiss(page) -> str:
    """Try to close a consent banner in any frame; return the sentence recorded about it."""
    for frame in page.frames:
        try:
            clicked = frame.evaluate(DISMISS_JS, KNOWN_BUTTONS)
        except PlaywrightError:
            if frame is page.main_frame:
                raise
            continue
        if clicked:
            where = "the page" if frame is page.main_frame else f"a frame of the page ({frame.url[:200]})"
            return (f"At the user's request (--dismiss-consent), a cookie/consent banner in {where} was "
                    f"closed by clicking its button \"{clicked['words'] or clicked['selector']}\" before "
                    "the capture was made.")
    return ("At the user's request (--dismiss-consent), a cookie/consent banner was looked for; none "
            "was found and nothing on the page was clicked.")
