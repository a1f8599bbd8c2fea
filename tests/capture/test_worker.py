# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""The worker's life: its run folder exists only while it runs; closed means closed."""

from __future__ import annotations

import threading

import pytest

from evidence_vault.capture import PROGRESS_STEPS, CaptureOptions
from evidence_vault.errors import CaptureError

from capture_site import CHROMIUM, GuardedWorker

pytestmark = pytest.mark.browser


def test_run_folder_lives_under_temp_root_and_is_removed_on_close(test_flags, site, tmp_path):
    root = tmp_path / "root"
    with GuardedWorker(browser_path=CHROMIUM, temp_root=root) as worker:
        assert worker.capture(site.base + "/plain").text
        run_dirs = list(root.glob("ev-browser-*"))
        assert len(run_dirs) == 1
        profiles = list(run_dirs[0].glob("playwright_chromiumdev_profile-*"))
        assert profiles, "the browser profile is inside the run folder"
    assert list(root.iterdir()) == []
    with pytest.raises(CaptureError) as info:
        worker.capture(site.base + "/plain")
    assert "closed" in str(info.value)
    worker.close()  # twice is fine


def test_close_without_waiting_refuses_new_work_and_a_later_close_finishes_it(test_flags, site, tmp_path):
    """The CLI starts closing the browser while it stores the capture (``wait=False``); the
    command's last ``close()`` must still wait for the browser and its folder to be gone."""
    root = tmp_path / "root"
    worker = GuardedWorker(browser_path=CHROMIUM, temp_root=root)
    assert worker.capture(site.base + "/plain").text
    worker.close(wait=False)
    with pytest.raises(CaptureError, match="closed"):
        worker.capture(site.base + "/plain")
    worker.close()
    assert not worker._thread.is_alive()
    assert list(root.iterdir()) == []


def test_worker_methods_work_from_a_thread_that_is_not_main(worker, site):
    box = {}
    thread = threading.Thread(target=lambda: box.update(page=worker.capture(site.base + "/plain")))
    thread.start()
    thread.join(120)
    assert "Hello evidence" in box["page"].text


def test_a_kept_spare_context_is_fresh_for_every_capture(site, tmp_path):
    """keep_spare (the app's worker) readies the next capture's context while idle: it must
    still be a private context of its own, never one a page has already used, and phone
    emulation must still get its own."""
    with GuardedWorker(browser_path=CHROMIUM, temp_root=tmp_path / "root", keep_spare=True) as worker:
        worker.start_browser().result(120)
        assert "logged in" in worker.capture(site.base + "/login").text
        assert "Please log in" in worker.capture(site.base + "/account").text  # no cookie carried
        phone = worker.capture(site.base + "/plain", CaptureOptions(device="Pixel 7"))
        assert phone.metadata["device_scale_factor"] > 1
        again = worker.capture(site.base + "/account")
        assert "Please log in" in again.text
        assert again.metadata["device_scale_factor"] == 1


def test_progress_names_each_step_and_every_part_of_the_screenshot(worker, site):
    heard = []
    page = worker.capture(site.base + "/tall", CaptureOptions(max_height_px=20_000, lazy_scroll_budget_s=3),
                          progress=lambda step, part, of: heard.append((step, part, of)))
    bands = page.metadata["screenshot"]["bands"]
    assert bands >= 3
    assert [(p, o) for s, p, o in heard if s == "photographing"] == [(i, bands) for i in range(1, bands + 1)]
    order = [s for s, _p, _o in heard]
    assert order[0] == "opening" and order[-1] == "finishing"
    firsts = [order.index(s) for s in ("opening", "scrolling", "photographing", "archiving", "finishing")]
    assert firsts == sorted(firsts)
    assert set(order) <= set(PROGRESS_STEPS)


def test_raising_from_progress_stops_the_capture_and_the_worker_goes_on(worker, site):
    class Stopped(CaptureError):
        pass

    def progress(step, part, of):
        if step == "photographing" and part == 2:
            raise Stopped("The capture was cancelled; nothing was saved.")

    with pytest.raises(Stopped):
        worker.capture(site.base + "/tall", CaptureOptions(max_height_px=20_000, lazy_scroll_budget_s=3),
                       progress=progress)
    assert "Hello evidence" in worker.capture(site.base + "/plain").text


def test_the_driver_keeps_its_compiled_code_in_our_owner_only_cache(tmp_path, monkeypatch):
    """Node's compile cache: written by the real driver into our cache folder (owner-only),
    and the environment is as it was once the driver has started."""
    import os
    import stat

    from evidence_vault.capture import _browser

    monkeypatch.setenv("EVIDENCE_VAULT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("NODE_COMPILE_CACHE", raising=False)
    folder = tmp_path / "cache" / "driver-code-cache"
    session = tmp_path / "session"
    session.mkdir()
    pw = _browser.start_playwright(session)
    pw.stop()  # Node writes the cache as the driver exits
    assert "NODE_COMPILE_CACHE" not in os.environ
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert any(path.is_file() for path in folder.rglob("*")), "the driver wrote its compiled code"


def test_the_users_own_node_cache_setting_wins_and_an_unwritable_cache_is_skipped(tmp_path, monkeypatch):
    from evidence_vault.capture import _browser

    monkeypatch.setenv("NODE_COMPILE_CACHE", str(tmp_path / "theirs"))
    assert _browser.code_cache_env() == {}
    monkeypatch.delenv("NODE_COMPILE_CACHE")
    blocker = tmp_path / "a-file"
    blocker.write_bytes(b"")
    monkeypatch.setenv("EVIDENCE_VAULT_CACHE_DIR", str(blocker))  # cannot hold a folder
    assert _browser.code_cache_env() == {}
    monkeypatch.setenv("EVIDENCE_VAULT_CACHE_DIR", str(tmp_path / "ok"))
    assert _browser.code_cache_env() == {"NODE_COMPILE_CACHE": str(tmp_path / "ok" / "driver-code-cache")}
