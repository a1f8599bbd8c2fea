# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Waiting for a page to stop changing: bounded, adaptive, and reported.

A fixed wait is either too long for a static page or too short for a slow one. Instead we
watch the page: the DOM is settled when no node has been added, removed or had its text
changed for a quiet period, no short timer the page set while starting is still pending
(content a script will add in a moment; counted by ``_lazy.PROBE_INIT_JS``), and no request
of the page is still on the wire. The quiet
period starts short (a static page costs about 150 ms) and lengthens each time the page
changes again (a page that is still being filled gets more patience), up to a cap; the whole
wait is bounded by a deadline. The first look counts the quiet time since the DOM last
changed, as ``_lazy.PROBE_INIT_JS`` noted it from DOMContentLoaded on, so a page that has been
still since it loaded is not watched for another quiet period (about 0.1 s of every capture);
where the note is missing, the count starts at zero as before. A later look (requests were
still on the wire) starts its own count. Attribute changes (animations, carousels restyling
themselves every frame) are not content arriving and are not counted.

The result goes into the metadata (``settle``); a page that had not settled by the
deadline gets a quality warning ("content was still arriving"), never a silent cut.
"""

from __future__ import annotations

import time

#: First quiet period; each change seen lengthens it by half, up to the cap.
BASE_QUIET_MS = 150
MAX_QUIET_MS = 1000
#: The shortest look, even when the deadline has passed during the scroll pass.
MIN_LOOK_MS = 400

SETTLE_JS = r"""
async ({deadlineMs, baseQuietMs, maxQuietMs, countEarlier}) => {
  const start = performance.now();
  const probe = window.__evidenceVaultProbe;
  const watched = countEarlier && probe && typeof probe.watchingSince === 'number';
  let last = watched ? Math.min(start, Math.max(probe.watchingSince, probe.lastChange || 0)) : start;
  let changes = 0, quiet = baseQuietMs;
  const observer = new MutationObserver((records) => {
    changes += records.length;
    last = performance.now();
    quiet = Math.min(maxQuietMs, quiet * 1.5);
  });
  observer.observe(document, {subtree: true, childList: true, characterData: true});
  const timers = () => (probe && probe.pendingTimers ? probe.pendingTimers() : 0);
  const sleep = (ms) => new Promise((r) => setTimeout(r, Math.max(1, ms)));
  const busy = () => performance.now() - last < quiet || timers() > 0;
  while (performance.now() - start < deadlineMs && busy()) {
    await sleep(Math.min(50, Math.max(1, deadlineMs - (performance.now() - start))));
  }
  observer.disconnect();
  const now = performance.now();
  return {settled: now - last >= quiet, changes, quietMs: Math.round(quiet),
          waitedMs: Math.round(now - start), timersPending: timers()};
}
"""


def settle(page, until: float, inflight) -> dict:
    """Wait until the DOM is quiet and no request is in flight, or until ``until`` (monotonic).

    ``inflight`` is a callable giving the number of the page's requests still open.
    """
    started = time.monotonic()
    changes = rounds = 0
    result: dict = {"settled": False, "quietMs": BASE_QUIET_MS}
    while True:
        left_ms = (until - time.monotonic()) * 1000
        if left_ms <= 0 and rounds:
            break
        # Past the deadline already (a long scroll pass), one short look still tells us
        # whether the page is quiet, rather than reporting it as "still changing" unseen.
        result = page.evaluate(SETTLE_JS, {"deadlineMs": max(left_ms, MIN_LOOK_MS),
                                           "baseQuietMs": BASE_QUIET_MS, "maxQuietMs": MAX_QUIET_MS,
                                           "countEarlier": rounds == 0})
        rounds += 1
        changes += result["changes"]
        if not result["settled"] or inflight() == 0:
            break
    waiting = inflight()
    return {
        "dom_settled": bool(result["settled"]),
        "timers_pending": result.get("timersPending", 0),
        "requests_in_flight": waiting,
        "dom_changes": changes,
        "quiet_ms": result["quietMs"],
        "rounds": rounds,
        "waited_s": round(time.monotonic() - started, 3),
    }
