# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Deciding whether a page has anything lazy before paying for the scroll pass.

The lazy-load pass (``_screenshot.lazy_scroll``) scrolls the page a viewport at a time and
waits at the bottom for an endless feed. On a page with nothing lazy that is pure cost (on a
60,000 px page, seconds). So we look first, cheaply, in one evaluate:

- native lazy loading: ``<img loading=lazy>`` not yet loaded, ``<iframe loading=lazy>``;
- the markers lazy-loading libraries use (``data-src``, ``data-srcset``, ``.lazyload`` ...);
- IntersectionObserver targets below the first screen (feeds, lazy pictures, "load more"
  sentinels), and scroll/wheel listeners on the window or document (scroll-driven feeds).

The last two cannot be read from a finished page, so ``PROBE_INIT_JS`` runs before any page
script (``add_init_script``) and counts them: it wraps ``IntersectionObserver.prototype
.observe`` and ``EventTarget.prototype.addEventListener`` and otherwise calls the original.
It also counts short ``setTimeout`` timers still pending from the page's start, and notes
when the DOM last changed after DOMContentLoaded (a MutationObserver), for the settle step
(``_settle``): content a script will add in a moment, and how long the page has been quiet.
It adds nothing to the page's DOM and changes nothing it shows. Where the counters are
missing (a page opened in the evidence browser before the worker could add them, or a page
that hid them), the pass runs as before: unknown means scroll.
"""

from __future__ import annotations

PROBE_INIT_JS = r"""
(() => {
  if (Object.prototype.hasOwnProperty.call(window, '__evidenceVaultProbe')) return;
  const state = {observed: [], scrollListeners: 0};
  try {
    Object.defineProperty(window, '__evidenceVaultProbe', {value: state, enumerable: false});
  } catch (e) { return; }
  const IO = window.IntersectionObserver;
  if (IO && IO.prototype && typeof IO.prototype.observe === 'function') {
    const observe = IO.prototype.observe, unobserve = IO.prototype.unobserve,
          disconnect = IO.prototype.disconnect;
    const live = new Map();  // observer -> the targets it still observes
    IO.prototype.observe = function (target) {
      if (state.observed.length < 5000 && typeof WeakRef === 'function') {
        try { state.observed.push(new WeakRef(target)); } catch (e) { /* not an element */ }
      }
      let targets = live.get(this);
      if (!targets) live.set(this, targets = new Set());
      targets.add(target);
      return observe.apply(this, arguments);
    };
    IO.prototype.unobserve = function (target) {
      const targets = live.get(this);
      if (targets) { targets.delete(target); if (!targets.size) live.delete(this); }
      return unobserve.apply(this, arguments);
    };
    IO.prototype.disconnect = function () {
      live.delete(this);
      return disconnect.apply(this, arguments);
    };
    // Elements in the page still watched by some observer: a feed's "load more" sentinel
    // stays watched; a lazy picture is let go once it has loaded (the scroll pass's end).
    state.stillObserved = () => {
      let n = 0;
      for (const targets of live.values()) for (const t of targets) if (t.isConnected) n += 1;
      return n;
    };
  }
  // Short timers set while the page starts (not timers set by timers: polling loops) are
  // content that may still arrive; the settle step (_settle) waits for them, bounded.
  const setT = window.setTimeout, clearT = window.clearTimeout, pending = new Set();
  let inTimer = false;
  window.setTimeout = function (fn, delay, ...rest) {
    const track = !inTimer && typeof fn === 'function' && (Number(delay) || 0) <= 1500 &&
                  performance.now() < 5000;
    if (!track) return setT.call(this, fn, delay, ...rest);
    let id;
    id = setT.call(this, function () {
      pending.delete(id); inTimer = true;
      try { return fn.apply(this, arguments); } finally { inTimer = false; }
    }, delay, ...rest);
    pending.add(id);
    return id;
  };
  window.clearTimeout = function (id) { pending.delete(id); return clearT.call(this, id); };
  state.pendingTimers = () => pending.size;
  const add = EventTarget.prototype.addEventListener;
  // When the DOM last changed, from DOMContentLoaded on (the settle step, _settle, counts the
  // quiet time since then instead of starting its own count at zero).
  state.lastChange = 0;
  state.watchingSince = null;
  const watch = () => {
    if (state.watchingSince !== null) return;
    try {
      new MutationObserver(() => { state.lastChange = performance.now(); })
        .observe(document, {subtree: true, childList: true, characterData: true});
      state.watchingSince = performance.now();
    } catch (e) { /* nothing to watch: the settle step watches for itself */ }
  };
  if (document.readyState === 'loading') add.call(document, 'DOMContentLoaded', watch, {once: true});
  else watch();
  EventTarget.prototype.addEventListener = function (type, listener, options) {
    if ((type === 'scroll' || type === 'wheel') &&
        (this === window || this === document || this === document.documentElement ||
         this === document.body)) {
      state.scrollListeners += 1;
    }
    return add.apply(this, arguments);
  };
})();
"""

PROBE_JS = r"""
() => {
  const st = window.__evidenceVaultProbe;
  const se = document.scrollingElement || document.documentElement;
  const height = Math.max(se.scrollHeight, document.body ? document.body.scrollHeight : 0);
  const lazyPending = [...document.querySelectorAll('img[loading=lazy], iframe[loading=lazy]')]
    .filter((el) => el.tagName === 'IFRAME' || !el.complete || el.naturalWidth === 0).length;
  const hinted = document.querySelectorAll(
    'img[data-src], img[data-srcset], img[data-lazy-src], img[data-original], source[data-srcset], ' +
    '[data-bg], [data-background-image], .lazyload, .lazy, .lazyloading').length;
  let observed = 0, observedBelow = 0;
  if (st) {
    for (const ref of st.observed) {
      const el = ref.deref();
      if (!el || !el.isConnected || !el.getBoundingClientRect) continue;
      observed += 1;
      if (el.getBoundingClientRect().top + scrollY > innerHeight) observedBelow += 1;
    }
  }
  const scrollListeners = st ? st.scrollListeners + (typeof window.onscroll === 'function' ? 1 : 0) : null;
  return {instrumented: !!st, fits: height <= innerHeight + 1, height, lazyPending, hinted,
          observed, observedBelow, scrollListeners};
}
"""


def probe(page) -> dict:
    """What the main frame shows that could load only when scrolled to."""
    return page.evaluate(PROBE_JS)


def needs_scroll(found: dict) -> bool:
    """Scroll unless we know there is nothing to load: unknown counts as something."""
    if not found.get("instrumented"):
        return True
    feed = bool(found.get("observedBelow") or found.get("scrollListeners"))
    if found.get("fits"):
        return feed  # nothing below to reveal; only a feed could grow the page
    return feed or bool(found.get("lazyPending") or found.get("hinted"))


def counted_feeds(found: dict) -> bool:
    """Whether the counters can tell, at the bottom of the page, that no feed is left: the
    page is instrumented and has no scroll listener, so only a still-observed element could
    ask for more (``stillObserved``)."""
    return bool(found.get("instrumented")) and not found.get("scrollListeners")


def feed_possible(found: dict) -> bool:
    """Whether the page could append content when scrolled to the bottom (an endless feed)."""
    if not found.get("instrumented"):
        return True
    return bool(found.get("observedBelow") or found.get("scrollListeners") or found.get("hinted"))
