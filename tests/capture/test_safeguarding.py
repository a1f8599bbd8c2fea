# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""The safeguarding gate: a listed image stops the capture wherever on the page it hides.

The Inspector here is real code, not a mock: it hashes what it is given and refuses one
SHA-256 (a random-noise PNG made for this run), the way the safeguarding matcher refuses
a listed image.
"""

from __future__ import annotations

import threading

import pytest

from evidence_vault.capture import CaptureOptions
from evidence_vault.errors import SafeguardingBlock

from capture_site import RecordingInspector

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("page, kind", [
    ("img", "response"),
    ("css", "response"),
    ("srcset", "response"),
    ("lazy", "response"),
    ("iframe", "response"),
    ("redirect", "response"),
    ("data", "data-uri"),
    ("css-data", "data-uri"),
    ("frame-data", "data-uri"),  # read in the frame itself, with the ready step
    ("fetch", "response"),
])
def test_listed_image_is_refused_wherever_it_hides(worker, site, recorder, page, kind):
    steps = []
    with pytest.raises(SafeguardingBlock):
        worker.capture(f"{site.base}/guard/{page}", CaptureOptions(lazy_scroll_budget_s=5),
                       inspector=recorder, progress=lambda step, part, of: steps.append(step))
    assert kind in recorder.kinds_for(site.bad_sha256)
    # refused before anything was made: no artefact reached the inspector
    assert not [c for c in recorder.calls if c[0] == "artefact"]
    # and before the screenshot: an inline picture is read from the rendered frames (the
    # archive's check would find it too, but only after the page was photographed)
    assert "photographing" not in steps


def test_refused_network_image_is_never_delivered_to_the_page(worker, site, recorder):
    """The refusal happens in the route, before fulfil: the browser never got the bytes."""
    with pytest.raises(SafeguardingBlock):
        worker.capture(site.base + "/guard/img", inspector=recorder)
    responses = [c for c in recorder.calls if c[2] == site.bad_sha256]
    assert [c[0] for c in responses] == ["response"]  # stopped at the first sighting


def test_same_pages_pass_with_an_inspector_that_refuses_nothing(worker, site):
    seen = RecordingInspector()
    page = worker.capture(site.base + "/guard/img", inspector=seen)
    assert seen.kinds_for(site.bad_sha256) == {"response", "mhtml-part"}
    assert [c[1] for c in seen.calls if c[0] == "artefact"] == ["screenshot.png", "page.mhtml", "text.txt"]
    assert page.metadata["safeguarding"]["bodies_inspected"] >= 2


def test_redirected_image_is_inspected_at_its_final_address(worker, site):
    seen = RecordingInspector()
    worker.capture(site.base + "/guard/redirect", inspector=seen)
    hits = [c for c in seen.calls if c[0] == "response" and c[2] == site.bad_sha256]
    assert hits and hits[0][1] == site.base + "/bad.png"


def test_worker_is_usable_after_a_refusal(worker, site, recorder):
    with pytest.raises(SafeguardingBlock):
        worker.capture(site.base + "/guard/img", inspector=recorder)
    assert "Hello evidence" in worker.capture(site.base + "/plain").text


class _RefuseKind(RecordingInspector):
    """Refuses the listed image only when it is offered as ``kind``."""

    def __init__(self, digest: str, kind: str) -> None:
        super().__init__()
        self.digest, self.kind = digest, kind

    def inspect(self, *, kind, url, body, content_type):
        super().inspect(kind=kind, url=url, body=body, content_type=content_type)
        import hashlib

        if kind == self.kind and hashlib.sha256(body).hexdigest() == self.digest:
            raise SafeguardingBlock("listed image in the archive")


def test_images_inside_the_mhtml_archive_are_inspected(worker, site):
    inspector = _RefuseKind(site.bad_sha256, "mhtml-part")
    with pytest.raises(SafeguardingBlock):
        worker.capture(site.base + "/guard/img", inspector=inspector)
    # The screenshot is checked while the archive is made (a helper thread); the archive and
    # the text never reach the artefact check: the refusal stopped the capture first.
    assert [c[1] for c in inspector.calls if c[0] == "artefact"] in ([], ["screenshot.png"])


class _SlowScreenshotCheck(_RefuseKind):
    """Refuses the listed picture in the archive; its check of the screenshot (on the
    pipeline's helper thread) waits up to a second for the test to say the capture ended."""

    def __init__(self, digest: str) -> None:
        super().__init__(digest, "mhtml-part")
        self.capture_ended = threading.Event()
        self.ended_before_check_finished: bool | None = None

    def inspect(self, *, kind, url, body, content_type):
        if kind == "artefact" and url == "screenshot.png":
            self.ended_before_check_finished = self.capture_ended.wait(timeout=1.0)
        super().inspect(kind=kind, url=url, body=body, content_type=content_type)


def test_a_refused_capture_waits_for_the_screenshot_check_it_started(worker, site):
    """The helper thread checking the screenshot never outlives its capture (into the next
    one, holding the pixels): the capture ends only after that check has."""
    inspector = _SlowScreenshotCheck(site.bad_sha256)
    with pytest.raises(SafeguardingBlock):
        worker.capture(site.base + "/guard/img", inspector=inspector)
    inspector.capture_ended.set()
    assert inspector.ended_before_check_finished is False  # the check ran, and had finished


class _RefuseArtefacts(RecordingInspector):
    def inspect(self, *, kind, url, body, content_type):
        super().inspect(kind=kind, url=url, body=body, content_type=content_type)
        if kind == "artefact" and url == "screenshot.png":
            raise SafeguardingBlock("the screenshot itself is refused")


def test_finished_artefacts_are_inspected(worker, site):
    with pytest.raises(SafeguardingBlock):
        worker.capture(site.base + "/plain", inspector=_RefuseArtefacts())


def test_unreadable_inline_image_fails_closed(worker, site, recorder):
    with pytest.raises(SafeguardingBlock):
        worker.capture(site.base + "/broken-data", inspector=recorder)
    assert [c[0] for c in recorder.unreadable_calls] == ["data-uri"]


def test_unreadable_inline_image_is_left_out_by_the_real_guard(worker, site):
    """The guard's own "could not check" (UncheckableBlock) leaves the picture out instead."""
    from evidence_vault.safeguarding import ImageGuard, Matcher

    page = worker.capture(site.base + "/broken-data", inspector=ImageGuard(Matcher.empty()))
    assert [item["url"] for item in page.metadata["left_out"]] == ["data:image/png (picture inside the page)"]
    assert b"base64,%%%%" not in page.mhtml and b"base64,=25=25" not in page.mhtml


class _Structural:
    """An inspector that only has ``inspect``: the engine must still fail closed."""

    def inspect(self, *, kind, url, body, content_type):
        return None


def test_inspector_without_unreadable_fails_closed(worker, site):
    with pytest.raises(SafeguardingBlock):
        worker.capture(site.base + "/broken-data", inspector=_Structural())


class _Buggy(RecordingInspector):
    def inspect(self, *, kind, url, body, content_type):
        if kind == "response":
            raise ZeroDivisionError("a bug in the inspector")


def test_a_bug_in_the_inspector_surfaces_and_nothing_is_kept(worker, site):
    with pytest.raises(ZeroDivisionError):
        worker.capture(site.base + "/guard/img", inspector=_Buggy())
