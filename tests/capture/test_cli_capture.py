# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""`evidence-vault capture` end to end in a subprocess: exit codes, messages, stored evidence."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from evidence_vault import Vault
from evidence_vault.safeguarding import parse_hash_list
from evidence_vault.safeguarding.vault_guard import vault_summary

from capture_site import CHROMIUM
from case_one_vault import PASS, run_cli

pytestmark = pytest.mark.browser


def run(vault_dir: Path, *args: str) -> subprocess.CompletedProcess:
    return run_cli(vault_dir, *args)


def test_capture_stores_the_page_and_show_json_has_its_metadata(vault_dir, site):
    done = run(vault_dir, "capture", f"{site.base}/status/404", "--case", "case one", "--note", "n",
               "--keep-error-pages")
    assert done.returncode == 0, done.stderr
    assert "Captured item 1" in done.stdout and "HTTP 404" in done.stdout
    # said before the wait, so a slow page does not look like a frozen command
    assert done.stdout.index("waiting up to 30 seconds for the page") < done.stdout.index("Captured item 1")
    shown = json.loads(run(vault_dir, "show", "1", "--json").stdout)
    assert shown["kind"] == "web_capture" and shown["info"]["http_status"] == 404
    assert shown["capture_metadata"]["final_url"] == f"{site.base}/status/404"
    assert shown["capture_metadata"]["sha256"]["screenshot.png"] == shown["sha256"]
    assert run(vault_dir, "verify").returncode == 0


@pytest.mark.parametrize("url, code, words", [
    ("javascript:alert(1)", 2, "only captures web pages"),
    ("file:///etc/passwd", 2, "only captures web pages"),
    ("http://exa mple.com/", 2, "spaces"),
])
def test_refused_addresses_are_usage_errors(vault_dir, url, code, words):
    done = run(vault_dir, "capture", url, "--case", "Case One")
    assert done.returncode == code
    assert words in done.stderr and "Traceback" not in done.stderr
    assert done.stderr.count("\n") == 1


def test_connection_refused_is_an_operational_failure(vault_dir, site):
    done = run(vault_dir, "capture", f"http://127.0.0.1:{site.refused_port}/", "--case", "Case One")
    assert done.returncode == 4, done.stderr
    assert "Traceback" not in done.stderr
    assert json.loads(run(vault_dir, "list", "--json").stdout) == []


def test_listed_image_exits_3_and_stores_nothing(vault_dir, site):
    with Vault.open(vault_dir, PASS) as v:
        listed = parse_hash_list(f"type,hash\nsha256,{site.bad_sha256}\n".encode(), name="L")
        v.hash_lists.add("L", listed.to_bytes(), vault_summary(listed))
    done = run(vault_dir, "capture", f"{site.base}/guard/srcset", "--case", "Case One")
    assert done.returncode == 3, done.stderr
    assert "Traceback" not in done.stderr and site.bad_sha256 not in done.stderr
    assert json.loads(run(vault_dir, "list", "--json").stdout) == []
    log = json.loads(run(vault_dir, "log", "--json").stdout)
    assert log[-1]["type"] == "capture_refused" and log[-1]["data"]["matched_list"] == "L"


def test_missing_browser_says_how_to_install_one(vault_dir):
    env_browser = "/nonexistent/chromium"
    done = subprocess.run(
        [sys.executable, "-m", "evidence_vault.cli.main", "--vault", str(vault_dir),
         "capture", "http://127.0.0.1:9/", "--case", "Case One"],
        capture_output=True, text=True, timeout=60,
        env={**os.environ, "EVIDENCE_VAULT_PASSPHRASE": PASS, "EVIDENCE_VAULT_BROWSER": env_browser},
    )
    assert done.returncode == 4 and env_browser in done.stderr


def test_on_a_machine_with_no_browser_capture_says_how_to_get_one(vault_dir, hide_files, tmp_path):
    """Every browser this machine has is hidden (an empty file bound over it in a private
    mount namespace), as on a fresh computer: exit 4 (docs/cli.md) and one line saying how to
    install one, nothing stored."""
    from evidence_vault.capture._browser import _runnable, _system_candidates

    env = {k: v for k, v in os.environ.items() if k not in ("EVIDENCE_VAULT_BROWSER", "PLAYWRIGHT_BROWSERS_PATH")}
    env.update(EVIDENCE_VAULT_PASSPHRASE=PASS, HOME=str(tmp_path), XDG_CACHE_HOME=str(tmp_path / "cache"))
    browsers = {p.resolve() for p in _system_candidates(env, sys.platform) if _runnable(p)}
    assert CHROMIUM.resolve() in browsers  # something real is hidden
    argv = [sys.executable, "-m", "evidence_vault.cli.main", "--vault", str(vault_dir),
            "capture", "http://127.0.0.1:9/", "--case", "Case One"]
    done = subprocess.run(hide_files(sorted(browsers), argv), capture_output=True, text=True,
                          timeout=120, env=env)
    assert done.returncode == 4, done.stderr
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert "No web browser that Evidence Vault can use was found" in done.stderr
    assert "sudo apt install chromium" in done.stderr
    assert json.loads(run(vault_dir, "list", "--json").stdout) == []


def test_browse_captures_the_page_shown_and_keeps_the_login_sealed(vault_dir, site, xvfb):
    """The evidence browser in a real window (Xvfb), driven through the terminal commands."""
    env = {**os.environ, "EVIDENCE_VAULT_PASSPHRASE": PASS, "EVIDENCE_VAULT_BROWSER": str(CHROMIUM)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "evidence_vault.cli.main", "--vault", str(vault_dir),
         "browse", f"{site.base}/login", "--case", "Case One"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )
    try:
        def read_until(words: str) -> str:
            seen = []
            for line in proc.stdout:  # blocks on the child's output: no sleeping
                seen.append(line)
                if words in line:
                    return "".join(seen)
            raise AssertionError(f"{words!r} never printed; stderr: {proc.stderr.read()}")

        read_until("q          close the browser")
        proc.stdin.write("c logged-in page\n")
        proc.stdin.flush()
        assert "Captured item 1" in read_until("screenshot SHA-256")
        proc.stdin.write("q\n")
        proc.stdin.flush()
        assert proc.wait(timeout=60) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
    log = json.loads(run(vault_dir, "log", "--json").stdout)
    assert [e["type"] for e in log][-2:] == ["item_added", "browser_login_saved"]
    with Vault.open(vault_dir, PASS) as v:
        assert any(c["name"] == "session" for c in v.logins.saved()["cookies"])
        assert v.item(1).info["note"] == "logged-in page"
    for path in vault_dir.rglob("*"):
        if path.is_file():
            assert b"alice-secret" not in path.read_bytes()


# -- the browser started before the command line is read (cli/early.py) ----------------------


@pytest.mark.parametrize("argv, found", [
    (["capture", "https://example.com/p"], (None, ["https://example.com/p"])),
    (["--vault", "/v", "capture", "http://x.test/", "--case", "c"], ("/v", ["http://x.test/", "--case", "c"])),
    (["--vault=/w", "--debug", "capture", "https://x.test/"], ("/w", ["https://x.test/"])),
    (["--passphrase-file", "capture", "capture", "https://x.test/"], (None, ["https://x.test/"])),
    (["capture", "--help"], None),
    (["capture", "https://x.test/", "-h"], None),
    (["capture", "--flag-indecent", "https://x.test/"], None),
    (["capture"], None),
    (["browse", "https://x.test/"], None),
    (["list", "capture", "https://x.test/"], None),
    (["--vault"], None),
])
def test_only_a_plain_capture_starts_the_browser_early(argv, found):
    from evidence_vault.cli import early

    assert early._plain_capture(argv) == found


def test_early_browser_is_handed_over_once_or_closed(tmp_path, monkeypatch):
    from evidence_vault.cli import early
    from evidence_vault.paths import app_temp_root

    monkeypatch.setenv("EVIDENCE_VAULT_BROWSER", str(CHROMIUM))
    vault = tmp_path / "v"
    early.start_for(["--vault", str(vault), "capture", "https://x.test/"])
    worker = early.take(app_temp_root(vault))
    assert worker is not None and early.take(app_temp_root(vault)) is None
    worker.close()
    early.start_for(["--vault", str(vault), "capture", "https://x.test/"])
    assert early.take(app_temp_root(tmp_path / "another")) is None  # another vault: closed, not used
    early.start_for(["--vault", str(vault), "capture", "https://x.test/"])
    early.close_unused()
    assert early._started is None


def test_capture_that_fails_before_the_browser_is_used_leaves_nothing_running(vault_dir, site):
    import psutil

    from evidence_vault.paths import app_temp_root

    done = run(vault_dir, "capture", f"{site.base}/status/404", "--case", "no such case")
    assert done.returncode == 2 and "There is no case called 'no such case'" in done.stderr
    assert done.stderr.count("\n") == 1, done.stderr
    root = app_temp_root(vault_dir)
    left = [p for p in psutil.process_iter(["cmdline"]) if str(root) in " ".join(p.info["cmdline"] or [])]
    assert left == []
    assert not root.exists() or not any(root.iterdir())
