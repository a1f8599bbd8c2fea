# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Helpers for the senior leader's tests: vaults made through the CLI, a tiny local web site.

Named uniquely (not ``helpers``/``support``) so a whole run never finds another folder's module
of the same name first."""

from __future__ import annotations

import hashlib
import io
import json
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from PIL import Image, ImageDraw

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "vault"))
from helpers import one_line_error, run_cli  # noqa: E402,F401

PASSPHRASE = "leader test passphrase, long enough"
STAFF = {"sarah": ("Sarah Smith", "Class Teacher"), "tom": ("Tom Jones", "Teaching Assistant")}
LEADER = ("Helen Head", "Head Teacher")
CASE = "Comments about staff, November"

PAGE = (b"<!doctype html><html><head><title>Class group post</title></head><body style='background:#fff'>"
        b"<h1>Parents of 5B</h1><p>That teacher Sarah Smith should be sacked, everyone complain.</p>"
        b"</body></html>")


def cli(folder: Path | None, *args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    return run_cli(folder, *args, passphrase=PASSPHRASE, timeout=timeout)


def ok(result: subprocess.CompletedProcess) -> subprocess.CompletedProcess:
    assert result.returncode == 0, (result.returncode, result.stderr)
    return result


def as_json(folder: Path, *args: str):
    return json.loads(ok(cli(folder, *args, "--json")).stdout)


def new_vault(folder: Path, name: str, role: str) -> Path:
    ok(cli(folder, "init", "--name", name, "--role", role))
    ok(cli(folder, "case", "add", CASE))
    return folder


def picture(label: str) -> bytes:
    """A small PNG unlike any other test's (its text is drawn into it)."""
    img = Image.new("RGB", (320, 200), (250, 240, 230))
    ImageDraw.Draw(img).text((20, 90), f"leader test picture: {label}", fill=(20, 20, 20))
    out = io.BytesIO()
    img.save(out, "PNG")
    return out.getvalue()


def sha256_file(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


class LeaderSite:
    """One page on 127.0.0.1, served by a thread, for a real capture through the CLI."""

    def __init__(self) -> None:
        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 - http.server's name
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(PAGE)))
                self.end_headers()
                self.wfile.write(PAGE)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/post/1"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
