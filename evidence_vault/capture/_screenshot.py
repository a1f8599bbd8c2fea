"""Full-page screenshots that are right on long pages: lazy loading, bands, stitching.

Order (see docs/capture.md):

1. ``lazy_scroll``: scroll down a viewport at a time so ``loading="lazy"`` images and
   IntersectionObserver feeds load, waiting at each step for images now in view; bounded by
   the scroll budget and the maximum height, so an infinite feed ends. Then back to the top.
2. ``wait_ready``: wait (bounded) until images are decoded and web fonts are ready, in
   every frame.
3. ``capture_bands``: photograph the page in horizontal bands no taller than 8000 device
   pixels and stitch them in memory with Pillow.

Why this technique: each band is ``page.screenshot(full_page=True, clip=band)``. For
Chromium that is ``Page.captureScreenshot`` with ``captureBeyondViewport``, issued on
Playwright's own session, which keeps the device emulation (our own CDP session would
reset it). The page stays scrolled to the top and the layout viewport keeps its size, so
``position: fixed`` and ``sticky`` elements are painted once, where they sit at the top of
the page, and not in every band, and ``100vh`` sections keep their height. We measured this
on a 60,000 px page of numbered colour bands with fixed header, footer and sticky bar
(tests/capture/test_screenshot.py): every band once, in order; fixed parts once. The DOM is
never modified. Bands keep Chromium well under its ~16k px texture limit.
"""

from __future__ import annotations

import io
import math
import time

from PIL import Image

from ._types import CaptureOptions

#: Widest stitched screenshot, in device pixels: a page that overflows sideways is cut here.
MAX_WIDTH_DEVICE_PX = 5000
#: Longest wait at one scroll step for images that came into view.
STEP_WAIT_MS = 1500
#: How long to wait at the bottom for an endless feed to append more before calling it the end.
BOTTOM_WAIT_MS = 750

LAZY_SCROLL_JS = """
async ({budgetMs, maxCss, stepWaitMs, bottomWaitMs}) => {
  const start = performance.now();
  const left = () => budgetMs - (performance.now() - start);
  const sleep = (ms) => new Promise((r) => setTimeout(r, Math.max(0, ms)));
  const frames = () => new Promise((r) => {
    let done = false; const fin = () => { if (!done) { done = true; r(); } };
    requestAnimationFrame(() => requestAnimationFrame(fin)); setTimeout(fin, 120);
  });
  const se = document.scrollingElement || document.documentElement;
  const height = () => Math.max(se.scrollHeight, document.body ? document.body.scrollHeight : 0);
  const inView = (el) => {
    const r = el.getBoundingClientRect();
    return r.bottom >= -innerHeight && r.top <= 2 * innerHeight;
  };
  const startHeight = height();
  const step = Math.max(200, Math.floor(innerHeight * 0.9));
  let y = 0, steps = 0, grew = 0, endReached = false, stuck = false;
  while (left() > 0) {
    const maxY = Math.max(0, height() - innerHeight);
    if (y >= maxY) {
      const before = height();
      const t = performance.now();
      const patience = Math.min(left(), maxY === 0 ? bottomWaitMs / 3 : bottomWaitMs);
      while (performance.now() - t < patience && height() <= before) {
        await sleep(50);
      }
      if (height() <= before) { endReached = true; break; }
      grew += 1;
      continue;
    }
    if (y >= maxCss) break;
    y = Math.min(y + step, maxY);
    window.scrollTo({top: y, left: 0, behavior: 'instant'});
    steps += 1;
    await frames();
    if (Math.abs(window.scrollY - y) > 2) { stuck = true; break; }
    const t = performance.now();
    while (performance.now() - t < Math.min(left(), stepWaitMs)) {
      if (![...document.images].some((img) => !img.complete && inView(img))) break;
      await sleep(50);
    }
  }
  window.scrollTo({top: 0, left: 0, behavior: 'instant'});
  await frames();
  return {endReached, stuck, steps, grew, startHeight, finalHeight: height(),
          scrolledTo: y, stoppedAtMax: y >= maxCss, budgetExhausted: left() <= 0,
          usedMs: Math.round(performance.now() - start)};
}
"""

READY_JS = """
async (timeoutMs) => {
  const sleep = (ms) => new Promise((r) => setTimeout(() => r('timeout'), ms));
  const imgs = [...document.images];
  const decodes = imgs.filter((i) => i.loading !== 'lazy' || i.complete)
                      .map((i) => i.decode().then(() => 'ok', () => 'failed'));
  const images = await Promise.race([Promise.all(decodes).then(() => 'ok'), sleep(timeoutMs)]);
  const fonts = await Promise.race([document.fonts.ready.then(() => 'ok'), sleep(timeoutMs)]);
  await new Promise((r) => { requestAnimationFrame(() => requestAnimationFrame(r)); setTimeout(r, 120); });
  return {images: imgs.length, incomplete: imgs.filter((i) => !i.complete).length,
          imagesTimedOut: images === 'timeout', fontsTimedOut: fonts === 'timeout'};
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


def lazy_scroll(page, options: CaptureOptions, device_scale: float) -> dict:
    """Scroll through the page once (bounded) so lazy content loads; returns what happened."""
    if options.lazy_scroll_budget_s <= 0:
        return {"skipped": True}
    max_css = math.ceil(options.max_height_px / device_scale)
    return page.evaluate(
        LAZY_SCROLL_JS,
        {
            "budgetMs": options.lazy_scroll_budget_s * 1000,
            "maxCss": max_css,
            "stepWaitMs": STEP_WAIT_MS,
            "bottomWaitMs": BOTTOM_WAIT_MS,
        },
    )


def wait_ready(page, timeout_s: float) -> dict:
    """Wait (bounded) for decoded images and ready fonts in every frame; report stragglers."""
    report = {"frames": 0, "images": 0, "incomplete": 0, "timed_out": False}
    timeout_ms = max(200, int(timeout_s * 1000))
    for frame in page.frames:
        try:
            result = frame.evaluate(READY_JS, timeout_ms)
        except Exception:  # noqa: BLE001 - a frame that went away has nothing to wait for
            if frame is page.main_frame:
                raise
            continue
        report["frames"] += 1
        report["images"] += result["images"]
        report["incomplete"] += result["incomplete"]
        report["timed_out"] |= bool(result["imagesTimedOut"] or result["fontsTimedOut"])
    return report


def page_dimensions(page) -> dict:
    return page.evaluate(DIMENSIONS_JS)


def capture_bands(page, options: CaptureOptions, device_scale: float, timeout_s: float) -> tuple[bytes, dict]:
    """Photograph the page top to bottom in bands and stitch them into one PNG (in memory)."""
    dims = page_dimensions(page)
    width_css = int(min(dims["width"], MAX_WIDTH_DEVICE_PX // device_scale))
    height_css = int(dims["height"])
    full_height_px = round(height_css * device_scale)
    truncated = full_height_px > options.max_height_px
    capture_css = math.ceil(options.max_height_px / device_scale) if truncated else height_css
    capture_css = min(capture_css, height_css)
    band_css = options.band_css_for(device_scale)

    started = time.monotonic()
    # Keep the bands compressed (as Chromium sent them) and read only their sizes, so the
    # peak is one full-size canvas plus one decoded band, never two full-size images.
    bands: list[bytes | None] = []
    sizes: list[tuple[int, int]] = []
    y_css = 0
    while y_css < capture_css:
        h = min(band_css, capture_css - y_css)
        png = page.screenshot(
            full_page=True,
            clip={"x": 0, "y": y_css, "width": width_css, "height": h},
            type="png",
            caret="initial",
            animations="allow",
            scale="device",
            timeout=timeout_s * 1000,
        )
        with Image.open(io.BytesIO(png)) as header:
            sizes.append(header.size)
        bands.append(png)
        y_css += h
    shot_s = time.monotonic() - started
    width_px = max(w for w, _ in sizes)
    height_px = min(sum(h for _, h in sizes), options.max_height_px)
    canvas = Image.new("RGB", (width_px, height_px), "white")
    y_px = 0
    for i, png in enumerate(bands):
        if y_px >= height_px:
            break
        with Image.open(io.BytesIO(png)) as band:
            band.load()
            canvas.paste(band.convert("RGB") if band.mode != "RGB" else band, (0, y_px))
            y_px += band.height
        bands[i] = None
    out = io.BytesIO()
    canvas.save(out, format="PNG", compress_level=6)
    canvas.close()
    del bands
    info = {
        "width_px": width_px,
        "height_px": height_px,
        "full_height_px": full_height_px,
        "truncated": truncated,
        "bands": len(sizes),
        "band_height_css_px": band_css,
        "page_width_css_px": int(dims["width"]),
        "page_height_css_px": height_css,
        "width_truncated": int(dims["width"]) > width_css,
        "shoot_s": round(shot_s, 3),
        "encode_s": round(time.monotonic() - started - shot_s, 3),
    }
    return out.getvalue(), info
