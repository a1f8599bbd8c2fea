# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Fetching intercepted pictures the way Chromium itself would: a few at a time per host.

Why this module exists: the safeguarding gate fetches every picture itself (``route.fetch``)
so that it can check the body before the browser sees it. Playwright opens one connection per
call, so a page of 200 avatars opened 200 connections to one host at once, and a server with a
small listen backlog (socketserver's default is 5) dropped many of them: pictures went missing
from the capture. Chromium allows 6 connections per host over HTTP/1.1; the gate does the same,
queues the rest, and tries a dropped connection again, a bounded number of times.

Route handlers run in greenlets on the Playwright thread. They are cooperative (they switch
only inside Playwright calls), so the counters below need no lock, and a handler must never
block the thread (no threading waits, no sleep). A route that has to wait is queued and its
handler returns; every handler that finishes a fetch serves queued routes before it returns.
Playwright allows this: it waits for the route to be handled, not for its handler to return.
"""

from __future__ import annotations

from collections import Counter, deque
from typing import Callable
from urllib.parse import urlsplit

#: Connections to one host at once (Chromium's own limit for HTTP/1.1).
PER_HOST = 6
#: Connections across all hosts at once.
TOTAL = 32
#: A dropped connection is tried again at most this many times per picture.
RETRIES = 2

#: Error texts of a connection the server dropped or refused (not of a slow answer: a
#: timeout is not retried, so a server that never answers costs one time limit, not three).
_DROPPED = (
    "econnreset", "socket hang up", "econnrefused", "epipe", "econnaborted",
    "other side closed", "aborted", "premature close", "eai_again",
)


def is_dropped_connection(message: str) -> bool:
    text = message.lower()
    return "timeout" not in text and any(marker in text for marker in _DROPPED)


def host_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


class FetchQueue:
    """Runs ``serve(route)`` for each submitted route, at most ``per_host`` per host and
    ``total`` overall at once, in the order the routes arrived (per host)."""

    def __init__(self, *, per_host: int = PER_HOST, total: int = TOTAL) -> None:
        self.per_host = per_host
        self.total = total
        self._waiting: deque[tuple[str, object]] = deque()
        self._active: Counter[str] = Counter()
        self._active_total = 0
        self._in_flight: dict[int, str] = {}
        self.peak_per_host = 0
        self.queued = 0

    @property
    def waiting(self) -> int:
        return len(self._waiting)

    def submit(self, route, serve: Callable[[object], None]) -> None:
        """Queue ``route``; then serve queued routes while a slot is free (maybe none now)."""
        self._waiting.append((host_of(route.request.url), route))
        if self._active_total >= self.total or self._active[self._waiting[-1][0]] >= self.per_host:
            self.queued += 1
        while (taken := self._take()) is not None:
            host, next_route = taken
            self._in_flight[id(next_route)] = next_route.request.url
            try:
                serve(next_route)
            finally:
                self._in_flight.pop(id(next_route), None)
                self._active[host] -= 1
                self._active_total -= 1

    def unfinished(self) -> list[str]:
        """Addresses still being fetched or waiting for a connection."""
        return list(self._in_flight.values()) + [route.request.url for _host, route in self._waiting]

    def drain(self) -> list:
        """Remove and return every route still waiting (the gate aborts them on a refusal)."""
        routes = [route for _host, route in self._waiting]
        self._waiting.clear()
        return routes

    def _take(self) -> tuple[str, object] | None:
        if self._active_total >= self.total:
            return None
        for index, (host, route) in enumerate(self._waiting):
            if self._active[host] < self.per_host:
                del self._waiting[index]
                self._active[host] += 1
                self._active_total += 1
                self.peak_per_host = max(self.peak_per_host, self._active[host])
                return host, route
        return None
