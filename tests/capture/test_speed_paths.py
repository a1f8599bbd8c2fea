# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""The lazy-load pass is paid for only when a page has something lazy (``_lazy``).

A static page, short or 20,000 px tall, is not scrolled at all; a page with native lazy
pictures, IntersectionObserver pictures or a scroll-driven feed still is, and every one of
its pictures is in the capture (the server saw each requested; the screenshot shows each
colour). Timing is not asserted here (bench/shot_scraper_bench.py measures it).
"""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image

from evidence_vault.capture import CaptureOptions

from pages_site import PagesSite, solid_png

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def pages():
    site = PagesSite()
    yield site
    site.close()


def colour(i: int) -> tuple[int, int, int]:
    return (40 + (i * 53) % 180, 40 + (i * 97) % 180, 40 + (i * 31) % 180)


def lazy_page(pages: PagesSite, path: str, native: int, observed: int) -> str:
    """``native`` loading=lazy pictures, then ``observed`` IntersectionObserver ones, far apart."""
    blocks = []
    for i in range(native + observed):
        pages.png(f"{path}/p{i}.png", solid_png(colour(i)))
        if i < native:
            img = f'<img loading="lazy" src="{path}/p{i}.png" width="120" height="80">'
        else:
            img = f'<img class="io" data-src="{path}/p{i}.png" width="120" height="80">'
        blocks.append(f'<div style="height:700px">{i} {img}</div>')
    return pages.html(path, f"""<!doctype html><title>Lazy</title><body style="margin:0">{''.join(blocks)}
<script>
const io = new IntersectionObserver((entries) => {{
  for (const e of entries) if (e.isIntersecting) {{ e.target.src = e.target.dataset.src; io.unobserve(e.target); }}
}});
document.querySelectorAll('img.io').forEach((el) => io.observe(el));
</script></body>""")


def colours_in(png: bytes) -> set:
    with Image.open(io.BytesIO(png)) as shot:
        pixels = np.asarray(shot.convert("RGB"), dtype=np.uint32).reshape(-1, 3)
    packed = np.unique((pixels[:, 0] << 16) | (pixels[:, 1] << 8) | pixels[:, 2])
    return {(int(v) >> 16, (int(v) >> 8) & 255, int(v) & 255) for v in packed}


def test_static_page_is_not_scrolled(worker, pages):
    url = pages.html("/static", "<title>Static</title><body style='margin:0'>" + "".join(
        f"<div style='height:400px'>paragraph {i}</div>" for i in range(50)))
    page = worker.capture(url, CaptureOptions())
    scroll = page.metadata["lazy_scroll"]
    assert scroll["needed"] is False and scroll["steps"] == 0
    assert scroll["probe"]["instrumented"] is True and scroll["probe"]["fits"] is False
    assert page.metadata["screenshot"]["height_px"] == 20000
    assert page.metadata["settle"]["dom_settled"] is True
    assert page.metadata["notes"] == []


def test_every_lazy_and_observed_picture_is_captured(worker, pages):
    url = lazy_page(pages, "/lazy40", native=30, observed=10)
    pages.hits.clear()
    page = worker.capture(url, CaptureOptions())
    scroll = page.metadata["lazy_scroll"]
    assert scroll["needed"] is True and scroll["probe"]["lazyPending"] >= 20
    assert scroll["probe"]["observedBelow"] >= 9
    requested = {h for h in pages.hits if h.startswith("/lazy40/p")}
    assert requested == {f"/lazy40/p{i}.png" for i in range(40)}
    shown = colours_in(page.screenshot_png)
    missing = [i for i in range(40) if colour(i) not in shown]
    assert missing == []
    assert page.metadata["quality"]["warnings"] == []


def test_scroll_driven_feed_is_still_scrolled(worker, site):
    page = worker.capture(site.base + "/infinite", CaptureOptions(lazy_scroll_budget_s=2))
    scroll = page.metadata["lazy_scroll"]
    assert scroll["needed"] is True and scroll["probe"]["scrollListeners"] >= 1
    assert scroll["steps"] > 1


def test_page_that_hides_the_counters_is_scrolled_as_before(worker, pages):
    url = pages.html("/hidden-probe", "<title>Hide</title><script>delete window.__evidenceVaultProbe;"
                     "window.__evidenceVaultProbe = undefined;</script>"
                     + "".join(f"<p style='height:500px'>{i}</p>" for i in range(6)))
    page = worker.capture(url, CaptureOptions())
    # The counters cannot be removed or replaced (non-configurable), so the probe still works;
    # had the page managed it, "unknown" would mean the full pass, never a skipped one.
    scroll = page.metadata["lazy_scroll"]
    assert scroll["probe"]["instrumented"] is True


def test_observer_feed_that_appends_slowly_gets_the_long_wait_at_the_bottom(worker, pages):
    """A feed whose "load more" sentinel stays observed is waited for at the bottom (0.75 s),
    even when every lazy picture above it has been let go: three slow batches all arrive."""
    url = pages.html("/slow-feed", """<!doctype html><title>Feed</title><body style="margin:0">
<div id="feed"><div style="height:1500px">post 0</div></div><div id="more">loading</div>
<script>
let batch = 0;
const io = new IntersectionObserver((entries) => {
  if (!entries.some((e) => e.isIntersecting) || batch >= 3) return;
  setTimeout(() => {  // the next page of posts takes a while to arrive
    batch += 1;
    const post = document.createElement('div');
    post.style.height = '1500px'; post.textContent = 'batch ' + batch;
    document.getElementById('feed').appendChild(post);
    if (batch === 3) { io.disconnect(); document.getElementById('more').textContent = 'the end'; }
  }, 400);
});
io.observe(document.getElementById('more'));
</script></body>""")
    page = worker.capture(url, CaptureOptions(lazy_scroll_budget_s=10))
    scroll = page.metadata["lazy_scroll"]
    assert scroll["needed"] is True and scroll["grew"] >= 3
    assert "batch 3" in page.text and "the end" in page.text
    assert page.metadata["screenshot"]["height_px"] >= 6000


def test_lazy_pictures_that_are_let_go_end_the_pass_without_a_feed_wait(worker, pages):
    """Pictures whose observer lets them go once loaded leave nothing that could append a
    feed: the pass reports reaching the end, with every picture in the screenshot."""
    url = lazy_page(pages, "/lazy-done", native=0, observed=8)
    page = worker.capture(url, CaptureOptions())
    scroll = page.metadata["lazy_scroll"]
    assert scroll["endReached"] is True and scroll["grew"] == 0
    shown = colours_in(page.screenshot_png)
    assert [i for i in range(8) if colour(i) not in shown] == []
