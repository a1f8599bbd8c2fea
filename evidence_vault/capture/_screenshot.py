# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Full-page screenshots that are right on long pages: lazy loading, bands, stitching.

Order (see docs/capture.md):

1. ``lazy_scroll``: scroll down a viewport at a time (one rendering update a step) so
   ``loading="lazy"`` images and IntersectionObserver feeds are asked for, then wait once
   (bounded) for every picture asked for to finish; bounded by the scroll budget and the
   maximum height, so an infinite feed ends. At the bottom, wait for a feed to append more
   only while something could (a scroll listener, an element still observed). Then back to
   the top.
2. ``wait_ready``: wait (bounded) until images are decoded and web fonts are ready, in
   every frame, and read each frame's ``data:`` images in the same call.
3. ``capture_bands``: photograph the page in horizontal bands no taller than 8000 device
   pixels and stitch them in memory with Pillow.

Why this technique: each band is ``Page.captureScreenshot`` with ``captureBeyondViewport``
and a clip. With phone emulation it must be issued on Playwright's own session
(``page.screenshot(full_page=True, clip=band)``), which keeps the device emulation (our own
CDP session resets it: a Pixel 7 page came out 3,429 px tall instead of 9,000); without it,
our own session sends it with ``optimizeForSpeed`` (same pixels, about 3x faster). The page stays scrolled to the top and the layout viewport keeps its size, so
``position: fixed`` and ``sticky`` elements are painted once, where they sit at the top of
the page, and not in every band, and ``100vh`` sections keep their height. We measured this
on a 60,000 px page of numbered colour bands with fixed header, footer and sticky bar
(tests/capture/test_screenshot.py): every band once, in order; fixed parts once. The DOM is
never modified. Bands keep Chromium well under its ~16k px texture limit.
"""

from __future__ import annotations

import base64
import math
import time

from . import _dom, _lazy
from ._stitch import StitchedPng
from ._types import CaptureOptions

#: Widest stitched screenshot, in device pixels: a page that overflows sideways is cut here.
MAX_WIDTH_DEVICE_PX = 5000
#: Most pixels in a screenshot: the safeguarding guard checks the finished screenshot and
#: decodes no picture larger than this (``safeguarding.MAX_PIXELS``, a test keeps the two
#: equal), so a wide page is cut shorter rather than refused whole. A real saved news page
#: 1,500 px wide and 60,000 px tall was refused before this.
MAX_SCREENSHOT_PIXELS = 89_478_485
#: The wait at the end of the scroll pass for pictures asked for on the way is 4 x this.
STEP_WAIT_MS = 1500
#: How long to wait at the bottom for an endless feed to append more before calling it the end.
BOTTOM_WAIT_MS = 750
#: The same wait on a page with no feed machinery (no scroll listener, no observed element
#: below the first screen): only pictures that just loaded can still make it taller.
NO_FEED_BOTTOM_WAIT_MS = 150

LAZY_SCROLL_JS = """
async ({budgetMs, maxCss, stepWaitMs, bottomWaitMs, quickBottomMs, countedFeeds}) => {
  const start = performance.now();
  const left = () => budgetMs - (performance.now() - start);
  const sleep = (ms) => new Promise((r) => setTimeout(r, Math.max(0, ms)));
  // One rendering update after a scroll: the task queued from requestAnimationFrame runs
  // after that frame's layout and intersection checks (where lazy pictures are asked for).
  const frames = () => new Promise((r) => {
    let done = false; const fin = () => { if (!done) { done = true; r(); } };
    requestAnimationFrame(() => setTimeout(fin, 0)); setTimeout(fin, 120);
  });
  const probe = window.__evidenceVaultProbe;
  // No scroll listener and no element still observed: nothing is left that could append
  // a feed, so the bottom needs only the short wait (a lazy picture's observer lets it go).
  const noFeedLeft = () => countedFeeds && !!probe && typeof probe.stillObserved === 'function' &&
                           probe.stillObserved() === 0;
  const se = document.scrollingElement || document.documentElement;
  const height = () => Math.max(se.scrollHeight, document.body ? document.body.scrollHeight : 0);
  const startHeight = height();
  const step = Math.max(200, Math.floor(innerHeight * 0.9));
  let y = 0, steps = 0, grew = 0, endReached = false, stuck = false;
  let reachedAt = null;  // when the last step brought the bottom into view
  while (left() > 0) {
    const maxY = Math.max(0, height() - innerHeight);
    if (y >= maxY) {
      // At the bottom for bottomWaitMs (counted from the step that got here) without growth:
      // the end. A page that fits the window waits a third of that.
      const before = height();
      const patience = maxY === 0 ? bottomWaitMs / 3 : bottomWaitMs;
      const t0 = reachedAt ?? performance.now();
      const longUntil = Math.min(performance.now() + left(), t0 + patience);
      const quickUntil = Math.min(longUntil, t0 + quickBottomMs);
      const until = () => (noFeedLeft() ? quickUntil : longUntil);
      while (performance.now() < until() && height() <= before) {
        await sleep(Math.min(50, Math.max(1, until() - performance.now())));
      }
      if (height() <= before) { endReached = true; break; }
      grew += 1;
      reachedAt = null;
      continue;
    }
    if (y >= maxCss) break;
    y = Math.min(y + step, maxY);
    window.scrollTo({top: y, left: 0, behavior: 'instant'});
    steps += 1;
    reachedAt = y >= maxY ? performance.now() : null;
    await frames();
    if (Math.abs(window.scrollY - y) > 2) { stuck = true; break; }
  }
  // Pictures asked for on the way down load in parallel; wait for them once, at the end
  // (bounded), rather than at every step: a picture keeps loading after it scrolls away.
  const t = performance.now();
  while (performance.now() - t < Math.min(left(), stepWaitMs * 4)) {
    if (![...document.images].some((img) => !img.complete && (img.currentSrc || img.getAttribute('src')))) break;
    await sleep(50);
  }
  window.scrollTo({top: 0, left: 0, behavior: 'instant'});
  await frames();
  return {endReached, stuck, steps, grew, startHeight, finalHeight: height(),
          scrolledTo: y, stoppedAtMax: y >= maxCss, budgetExhausted: left() <= 0,
          usedMs: Math.round(performance.now() - start)};
}
"""

READY_JS = """
async ({timeoutMs, paint}) => {
  const collectDataUris = (""" + _dom.COLLECT_DATA_URIS_JS.strip() + """);
  const sleep = (ms) => new Promise((r) => setTimeout(() => r('timeout'), ms));
  const imgs = [...document.images];
  const decodes = imgs.filter((i) => i.loading !== 'lazy' || i.complete)
                      .map((i) => i.decode().then(() => 'ok', () => 'failed'));
  const images = await Promise.race([Promise.all(decodes).then(() => 'ok'), sleep(timeoutMs)]);
  const fonts = await Promise.race([document.fonts.ready.then(() => 'ok'), sleep(timeoutMs)]);
  if (paint) await new Promise((r) => { requestAnimationFrame(() => requestAnimationFrame(r)); setTimeout(r, 120); });
  return {images: imgs.length, incomplete: imgs.filter((i) => !i.complete).length,
          imagesTimedOut: images === 'timeout', fontsTimedOut: fonts === 'timeout',
          dataUris: collectDataUris()};
}
"""

DIMENSIONS_JS = """
() => {
  const d = document.documentElement, b = document.body || d;
  return {
    width: Math.max(b.scrollWidth, d.scrollWidth, b.offsetWidth, d.offsetWidth, d.clientWidth),
    height: Math.max(b.scrollHeight, d.scrollHeight, b.offsetHeight, d.offsetHeight, d.clientHeight),
    viewportWidth: window.innerWidth, viewportHeight: window.innerHeight,
    scrollX: window.scrollX, scrollY: window.scrollY,
  };
}
"""


def lazy_scroll(page, options: CaptureOptions, device_scale: float, budget_s: float | None = None) -> dict:
    """Scroll through the page once (bounded) so lazy content loads; returns what happened.

    First a cheap probe (``_lazy``): a page with nothing that loads on scrolling is not
    scrolled at all (``needed: False``), and one without feed machinery waits only briefly
    at the bottom.
    """
    budget_s = options.lazy_scroll_budget_s if budget_s is None else budget_s
    if options.lazy_scroll_budget_s <= 0 or budget_s <= 0:
        return {"skipped": True}
    found = _lazy.probe(page)
    if not _lazy.needs_scroll(found):
        # Nothing that loads on scrolling: the pass would only cost time (see _lazy).
        return {"needed": False, "probe": found, "endReached": True, "stuck": False, "steps": 0,
                "grew": 0, "startHeight": found["height"], "finalHeight": found["height"], "usedMs": 0}
    max_css = math.ceil(options.max_height_px / device_scale)
    result = page.evaluate(
        LAZY_SCROLL_JS,
        {
            "budgetMs": budget_s * 1000,
            "maxCss": max_css,
            "stepWaitMs": STEP_WAIT_MS,
            "bottomWaitMs": BOTTOM_WAIT_MS if _lazy.feed_possible(found) else NO_FEED_BOTTOM_WAIT_MS,
            "quickBottomMs": NO_FEED_BOTTOM_WAIT_MS,
            "countedFeeds": _lazy.counted_feeds(found),
        },
    )
    result["needed"] = True
    result["probe"] = found
    return result


def wait_ready(page, timeout_s: float) -> tuple[dict, list[str], int]:
    """Wait (bounded) for decoded images and ready fonts in every frame, then read each
    frame's ``data:`` images (``_dom.COLLECT_DATA_URIS_JS``) in the same call.

    Returns (report of stragglers, the data: URIs, frames that could not be read: a frame
    that went away has nothing to show; one still there is counted, never skipped silently).
    The main frame goes last and alone waits two animation frames, so that what was decoded
    in any frame is painted: a page with 35 frames (adverts, embeds) spent 1.2 s here when
    every frame waited its own two (they are painted together), and another 0.2 s when each
    frame was asked again for its data: images.
    """
    report = {"frames": 0, "images": 0, "incomplete": 0, "timed_out": False}
    uris: list[str] = []
    unreadable_frames = 0
    deadline = time.monotonic() + timeout_s  # for all frames together
    frames = [f for f in page.frames if f is not page.main_frame] + [page.main_frame]
    for frame in frames:
        timeout_ms = max(200, int((deadline - time.monotonic()) * 1000))
        try:
            result = frame.evaluate(READY_JS, {"timeoutMs": timeout_ms, "paint": frame is page.main_frame})
        except Exception:  # noqa: BLE001 - the main frame's failure is raised by the caller
            if frame is page.main_frame:
                raise
            if not frame.is_detached():
                unreadable_frames += 1
            continue
        uris.extend(result["dataUris"])
        report["frames"] += 1
        report["images"] += result["images"]
        report["incomplete"] += result["incomplete"]
        report["timed_out"] |= bool(result["imagesTimedOut"] or result["fontsTimedOut"])
    return report, uris, unreadable_frames


def page_dimensions(page) -> dict:
    return page.evaluate(DIMENSIONS_JS)


def capture_bands(page, cdp, options: CaptureOptions, device_scale: float,
                  on_band=None) -> tuple["StitchedPng", dict]:
    """Photograph the page top to bottom in bands and stitch them into one PNG (in memory).

    Each band is one DevTools ``Page.captureScreenshot`` (``_band``); without phone emulation
    it is sent with ``optimizeForSpeed``, Chromium's fast PNG setting: on a 1280 x 2400 page
    0.15 s instead of 0.5 s, identical pixels, a file about a quarter larger. A wedged
    renderer is the watchdog's to end (``_watchdog``), as for every other step.
    ``on_band(part, of)`` is told before each band (the app's "part 3 of 8"; it may stop here).

    Returns at once after the last band: the stitching runs on a helper thread, started
    with the first band, so it overlaps with Chromium rendering the next band and with the
    pipeline's next steps. ``StitchedPng.result()`` gives the PNG (or raises what failed).
    A page that fits in one band needs no stitching: Chromium's own PNG is kept as it is
    (same pixels; decoding and re-encoding it would only cost time).
    """
    dims = page_dimensions(page)
    width_css = int(min(dims["width"], MAX_WIDTH_DEVICE_PX // device_scale))
    height_css = int(dims["height"])
    full_height_px = round(height_css * device_scale)
    width_px = max(1, math.ceil(width_css * device_scale))
    max_height_px = min(options.max_height_px, MAX_SCREENSHOT_PIXELS // width_px)
    truncated = full_height_px > max_height_px
    capture_css = math.ceil(max_height_px / device_scale) if truncated else height_css
    capture_css = min(capture_css, height_css)
    band_css = options.band_css_for(device_scale)

    started = time.monotonic()
    stitched = StitchedPng(max_height_px, expected_height=min(max_height_px,
                                                              round(capture_css * device_scale)))
    try:
        y_css, bands = 0, max(1, math.ceil(capture_css / band_css))
        while y_css < capture_css:
            h = min(band_css, capture_css - y_css)
            if on_band is not None:
                on_band(y_css // band_css + 1, bands)
            png = _band(page, cdp, options, y_css, width_css, h)
            stitched.add(png, last=y_css + h >= capture_css)
            del png
            y_css += h
    except BaseException:
        stitched.abandon()
        raise
    shot_s = time.monotonic() - started
    info = {
        "width_px": stitched.width_px,
        "height_px": stitched.height_px,
        "full_height_px": full_height_px,
        "truncated": truncated,
        "bands": stitched.bands,
        "band_height_css_px": band_css,
        "page_width_css_px": int(dims["width"]),
        "page_height_css_px": height_css,
        "width_truncated": int(dims["width"]) > width_css,
        "shoot_s": round(shot_s, 3),
        "encode_s": None,  # filled in by StitchedPng.result()
    }
    stitched.info = info
    return stitched, info


def _band(page, cdp, options: CaptureOptions, y_css: int, width_css: int, h: int) -> bytes:
    """One band as PNG bytes. Without phone emulation, our own DevTools session asks for it
    with Chromium's fast PNG setting; with it, Playwright's session must (see the module
    docstring: our session's capture would drop the device emulation)."""
    clip = {"x": 0, "y": y_css, "width": width_css, "height": h}
    if options.device is None:
        return base64.b64decode(cdp.send("Page.captureScreenshot", {
            "format": "png", "clip": {**clip, "scale": 1}, "captureBeyondViewport": True,
            "optimizeForSpeed": True,
        })["data"])
    return page.screenshot(full_page=True, clip=clip, type="png", caret="initial", animations="allow",
                           scale="device", timeout=options.timeout_s * 1000)
