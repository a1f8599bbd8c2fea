# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Ordinary captures: artefacts, metadata, status codes, redirects, TLS, devices, no disk traces."""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import secrets
import threading
from pathlib import Path

import pytest
from PIL import Image

from evidence_vault.capture import CaptureOptions
from evidence_vault.errors import NavigationError, UsageError

from capture_site import RecordingInspector, noise_png

pytestmark = pytest.mark.browser
ISO_Z = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")


def test_simple_page_gives_three_artefacts_and_full_metadata(worker, site, recorder):
    page = worker.capture(site.base + "/plain", inspector=recorder)
    m = page.metadata
    json.dumps(m)  # must be JSON-serialisable as is
    assert "Hello evidence" in page.text
    with Image.open(io.BytesIO(page.screenshot_png)) as shot:
        assert shot.format == "PNG" and shot.width == 1280 and shot.height == 800
    assert page.mhtml.startswith(b"From:") or b"MIME-Version" in page.mhtml[:2000]
    assert b"Hello evidence" in page.mhtml
    assert m["requested_url"] == m["final_url"] == site.base + "/plain"
    assert m["redirect_chain"] == [{"url": site.base + "/plain", "status": 200}]
    assert m["http_status"] == 200
    assert m["response_headers"]["content-type"].startswith("text/html")
    assert m["server_ip"] == "127.0.0.1" and m["server_port"] == int(site.base.rsplit(":", 1)[1])
    assert m["tls"] is None
    assert m["title"] == "Plain page"
    assert ISO_Z.match(m["capture_started_at"]) and ISO_Z.match(m["capture_finished_at"])
    assert m["capture_started_at"] <= m["capture_finished_at"]
    assert set(m["local_timezone"]) == {"name", "utc_offset"}
    assert "not externally verified" in m["clock_source"]
    assert m["browser"]["name"] == "Chromium" and re.match(r"\d+\.", m["browser"]["version"])
    assert "Chrome/" in m["user_agent"]
    assert m["viewport"] == {"width": 1280, "height": 800}
    assert m["device_scale_factor"] == 1 and m["device"] is None
    assert m["screenshot"]["truncated"] is False and m["screenshot"]["bands"] == 1
    assert m["load"]["timed_out"] is False and m["load"]["waited_s"] >= 0
    assert m["dialogs"] == [] and m["notes"] == []
    assert m["capture_tool"]["name"] == "Evidence Vault" and m["capture_tool"]["version"]
    assert m["sha256"] == {
        "screenshot.png": hashlib.sha256(page.screenshot_png).hexdigest(),
        "page.mhtml": hashlib.sha256(page.mhtml).hexdigest(),
        "text.txt": hashlib.sha256(page.text.encode()).hexdigest(),
    }
    artefacts = [(url, digest) for kind, url, digest, _ in recorder.calls if kind == "artefact"]
    assert artefacts == [(name, digest) for name, digest in m["sha256"].items()]


@pytest.mark.parametrize("code", [404, 500])
def test_error_statuses_are_captured_as_evidence(worker, site, code):
    page = worker.capture(f"{site.base}/status/{code}")
    assert page.metadata["http_status"] == code
    assert f"Server says {code}" in page.text
    assert any(str(code) in note for note in page.metadata["notes"])


def test_redirect_chain_is_recorded_hop_by_hop(worker, site):
    page = worker.capture(site.base + "/hop/3")
    assert page.metadata["redirect_chain"] == [
        {"url": site.base + "/hop/3", "status": 301},
        {"url": site.base + "/hop/2", "status": 302},
        {"url": site.base + "/hop/1", "status": 302},
        {"url": site.base + "/plain", "status": 200},
    ]
    assert page.metadata["final_url"] == site.base + "/plain"
    assert page.metadata["requested_url"] == site.base + "/hop/3"


def test_https_records_certificate_details(worker, site):
    page = worker.capture(site.https_trusted + "/plain")
    tls = page.metadata["tls"]
    assert tls["protocol"].startswith("TLS")
    assert tls["subject_name"] == tls["issuer"] == "evidence-vault-test-trusted"
    assert ISO_Z.match(tls["valid_from"]) and ISO_Z.match(tls["valid_to"])
    assert tls["valid_from"] < page.metadata["capture_started_at"] < tls["valid_to"]


def test_untrusted_certificate_is_refused_not_ignored(worker, site):
    with pytest.raises(NavigationError) as info:
        worker.capture(site.https_untrusted + "/plain")
    assert "not trusted" in str(info.value)


def test_unknown_host_is_a_navigation_error(worker):
    with pytest.raises(NavigationError) as info:
        worker.capture("http://no-such-host.example/")
    assert "could not be found" in str(info.value)


def test_connection_refused_is_a_navigation_error(worker, site):
    with pytest.raises(NavigationError) as info:
        worker.capture(f"http://127.0.0.1:{site.refused_port}/")
    assert "refused" in str(info.value)


def test_redirect_loop_is_a_navigation_error(worker, site):
    with pytest.raises(NavigationError) as info:
        worker.capture(site.base + "/redirect-loop")
    assert "loop" in str(info.value)


def test_device_emulation(worker, site):
    page = worker.capture(site.base + "/plain", CaptureOptions(device="iPhone 13"))
    m = page.metadata
    assert m["device"] == "iPhone 13" and m["device_scale_factor"] == 3
    assert "iPhone" in m["user_agent"]
    with Image.open(io.BytesIO(page.screenshot_png)) as shot:
        # no <meta viewport>: Chromium lays the page out 980 CSS px wide, as a phone does
        assert shot.width == m["screenshot"]["width_px"] == 980 * 3


def test_unknown_device_lists_valid_names(worker, site):
    with pytest.raises(UsageError) as info:
        worker.capture(site.base + "/plain", CaptureOptions(device="iPhone 99"))
    assert "iPhone 13" in str(info.value) and "Pixel 7" in str(info.value)


def test_captures_from_several_threads_are_serialised_safely(worker, site):
    results, errors = [], []

    def run(path):
        try:
            results.append(worker.capture(site.base + path).metadata["final_url"])
        except Exception as exc:  # noqa: BLE001 - collected for the assertion
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(p,)) for p in ("/plain", "/status/404", "/image.png")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert sorted(results) == sorted(site.base + p for p in ("/plain", "/status/404", "/image.png"))


def _files_containing(roots, needles):
    hits = []
    for root in roots:
        for dirpath, _, files in os.walk(root):
            for name in files:
                path = Path(dirpath) / name
                try:
                    data = path.read_bytes()
                except OSError:
                    continue
                hits += [(str(path), n[:20]) for n in needles if n in data]
    return hits


def test_nothing_of_the_page_is_written_to_disk(worker, site, temp_root):
    token = "MARKER" + secrets.token_hex(12)
    image = noise_png(int.from_bytes(secrets.token_bytes(4), "big"))
    site.markers[token] = image
    seen = RecordingInspector()
    page = worker.capture(f"{site.base}/marker/{token}", inspector=seen)
    assert token in page.text
    assert seen.kinds_for(hashlib.sha256(image).hexdigest()) == {"response", "mhtml-part"}
    run_dirs = [p for p in temp_root.iterdir() if p.name.startswith("ev-browser-")]
    assert run_dirs, "the worker keeps its profile and temp files under temp_root"
    roots = [temp_root] + [p for p in (Path.home() / ".config/chromium", Path.home() / ".cache/chromium")
                           if p.exists()]
    needles = [token.encode(), token.encode("utf-16-le"), image, image[-64:]]
    assert _files_containing(roots, needles) == []
