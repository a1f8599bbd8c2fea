# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""The desktop build (build.spec), built for real with the pinned PyInstaller and then used the
way a school's computer would use it: nothing from this checkout or its venv on the path, a
fresh home folder, a real vault, a real Chromium against a page served by this test.

The build goes into a temporary folder (never into the checkout) and is shared by the tests
of this module; it takes a few minutes on two cores (bench/frozen_build.py measures it).
"""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
import threading
from datetime import datetime, timezone
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from PIL import Image, ImageDraw

from evidence_vault import __version__, desktop_libraries
from evidence_vault.capture import find_browser

REPO = Path(__file__).resolve().parents[2]
APP_NAME = {"linux": "evidence-vault-app", "win32": "Evidence Vault.exe"}.get(sys.platform, "Evidence Vault")
CHROMIUM = Path("/usr/bin/chromium")
PASS = "frozen build passphrase"

pytestmark = [pytest.mark.slow, pytest.mark.timeout(1800)]


def _top_level(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()}


@pytest.fixture(scope="module")
def frozen(tmp_path_factory) -> Path:
    """Build build.spec into a temporary folder; the one-folder build's path."""
    out = tmp_path_factory.mktemp("frozen")
    before = _top_level(REPO)
    done = subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
         "--distpath", str(out / "dist"), "--workpath", str(out / "work"), str(REPO / "build.spec")],
        cwd=out, capture_output=True, text=True, timeout=1700,
    )
    assert done.returncode == 0, done.stderr[-6000:]
    assert _top_level(REPO) == before, "the build wrote into the checkout"
    shutil.rmtree(out / "work")  # PyInstaller's intermediate files: hundreds of MB, not needed
    return out / "dist" / "evidence-vault"


@pytest.fixture
def home(tmp_path) -> Path:
    folder = tmp_path / "home"
    folder.mkdir()
    return folder


def plain_env(home: Path, **extra: str) -> dict[str, str]:
    """A user's environment: system PATH only, a fresh home; no venv, no PYTHONPATH, no
    EVIDENCE_VAULT_* from the test run."""
    env = {
        "PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": str(home), "LANG": "C.UTF-8",
        "XDG_CONFIG_HOME": str(home / ".config"), "XDG_DATA_HOME": str(home / ".local/share"),
        "XDG_CACHE_HOME": str(home / ".cache"), "QT_QPA_PLATFORM": "offscreen",
    }
    env.update(extra)
    return env


def run(program: Path, *args: str, env: dict[str, str], cwd: Path,
        timeout: float = 180) -> subprocess.CompletedProcess:
    """Run a frozen program; no passphrase on any output, no traceback."""
    done = subprocess.run([str(program), *args], env=env, cwd=cwd, stdin=subprocess.DEVNULL,
                          capture_output=True, text=True, timeout=timeout)
    assert PASS not in done.stdout and PASS not in done.stderr
    assert "Traceback" not in done.stderr, done.stderr
    return done


@pytest.fixture
def cli(frozen):
    return frozen / ("evidence-vault.exe" if sys.platform == "win32" else "evidence-vault")


@pytest.fixture
def new_vault(cli, home, tmp_path) -> Path:
    """A vault made by the frozen ``init``, passphrase from a file as docs/cli.md says."""
    secret = tmp_path / "passphrase.txt"
    secret.write_text(PASS + "\n", encoding="utf-8")
    vault = tmp_path / "vault"
    done = run(cli, "--vault", str(vault), "--passphrase-file", str(secret), "init",
               "--new-passphrase-file", str(secret), "--name", "Frozen Test", "--role", "Teacher",
               env=plain_env(home), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "RECOVERY KEY" in done.stdout
    return vault


def vault_run(cli, vault: Path, home: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    return run(cli, "--vault", str(vault), *args,
               env=plain_env(home, EVIDENCE_VAULT_PASSPHRASE=PASS, **env), cwd=vault.parent)


def test_the_folder_holds_the_programs_the_resources_and_playwrights_driver(frozen, cli):
    internal = frozen / "_internal"
    assert os.access(cli, os.X_OK)
    for name in ("safeguarding-advice.md", "README.md", "support.toml", "fonts/DejaVuSans.ttf",
                 "fonts/DejaVuSans-Bold.ttf", "fonts/DejaVuSansMono.ttf"):
        assert (internal / "resources" / name).read_bytes() == (REPO / "resources" / name).read_bytes()
    for name in ("user-guide.md", "for-recipients.md", "screenshots/01-first-run.png"):  # F1 (ui/help_window.py)
        assert (internal / "docs" / name).read_bytes() == (REPO / "docs" / name).read_bytes()
    driver = internal / "playwright" / "driver"
    node = driver / ("node.exe" if sys.platform == "win32" else "node")
    assert os.access(node, os.X_OK), "Playwright's Node.js lost its execute permission"
    assert (driver / "package" / "cli.js").is_file()
    assert (frozen / APP_NAME).is_file()
    left_out = [p.name for p in frozen.rglob("*")
                if any(k in p.name for k in ("WebEngine", "Qt6Quick", "Qt63D", "Qt6Qml", "Qt6Pdf",
                                             "tkinter", "pytest"))]
    assert left_out == []


def _bundled_distributions(frozen: Path, cli: Path) -> dict:
    """{name: distribution} of every installed distribution with a file in the folder or a module
    in the programs' archive, read from the folder itself (not from the build's own list)."""
    import importlib.metadata as md
    from PyInstaller.archive.readers import CArchiveReader

    by_path, by_module, by_hook = {}, {}, {}
    for dist in md.distributions():
        for f in dist.files or []:
            rel = f.as_posix()
            by_path.setdefault(rel, dist)
            if rel.endswith(".py"):
                by_module.setdefault(rel[:-3].removesuffix("/__init__").replace("/", "."), dist)
                if "/rthooks/" in rel:
                    by_hook.setdefault(f.stem, dist)
    internal = frozen / "_internal"
    found = [by_path.get(p.relative_to(internal).as_posix()) for p in internal.rglob("*") if p.is_file()]
    program = CArchiveReader(str(cli))
    found += [by_hook.get(name) for name, entry in program.toc.items() if entry[-1] == "s"]
    pyz = next(name for name, entry in program.toc.items() if entry[-1] == "z")
    found += [by_module.get(name) for name in program.open_embedded_archive(pyz).toc]
    dists = {d.metadata["Name"]: d for d in found if d is not None}
    dists.pop("evidence-vault", None)
    return dists


def test_the_folder_holds_the_licence_and_every_bundled_distributions_notice(frozen, cli):
    """LICENSE, and in THIRD-PARTY-NOTICES.txt a section for each distribution in the folder
    with every licence file it ships (or, for Qt, which ships none, the LGPL text beside it)."""
    assert (frozen / "LICENSE").read_bytes() == (REPO / "LICENSE").read_bytes()
    notices = (frozen / "THIRD-PARTY-NOTICES.txt").read_text(encoding="utf-8")
    assert notices.startswith(f"Evidence Vault {__version__}: third-party notices\n")
    bundled = _bundled_distributions(frozen, cli)
    assert {"cryptography", "PySide6_Essentials", "playwright", "pyinstaller", "extract-msg"} <= set(bundled)
    missing = []
    for name, dist in sorted(bundled.items()):
        header = f"\nPython distribution: {name} {dist.version}\nLicence: "
        if header not in notices:
            missing.append(f"{name} {dist.version}: no section")
            continue
        section = notices.split(header, 1)[1].split("\n" + "=" * 78 + "\n", 1)[0]
        declared = set(dist.metadata.get_all("License-File") or [])  # PEP 639
        files = [f for f in dist.files or [] if f.parts[0].endswith(".dist-info") and (
                 f.name.upper().startswith(("LICEN", "COPYING", "NOTICE"))
                 or f.as_posix().split("/", 1)[1].removeprefix("licenses/") in declared)]
        for f in files:
            if f"--- {f.as_posix()} ---" not in section:
                missing.append(f"{name}: {f.as_posix()}")
        if not files and "is in LGPL-3.0.txt in this folder" not in section:
            missing.append(f"{name}: ships no licence file and the notice does not say where its text is")
    assert missing == [], "\n".join(missing)
    assert "Python distribution: pytest " not in notices, "a distribution that is not in the folder"
    assert "Bundled files: DejaVu fonts" in notices and "Bitstream Vera is a trademark" in notices


def test_the_qt_notice_points_at_the_lgpl_text_and_at_the_libraries_as_they_are_laid_out(frozen):
    notices = (frozen / "THIRD-PARTY-NOTICES.txt").read_text(encoding="utf-8")
    assert (frozen / "LGPL-3.0.txt").read_bytes() == (REPO / "packaging" / "qt" / "COPYING.LESSER").read_bytes()
    qt = notices.split("\nQt: how to replace the Qt libraries (LGPL-3.0)\n", 1)[1]
    assert "LGPL-3.0-only" in qt and "LGPL-3.0.txt in this folder" in qt
    if sys.platform.startswith("linux"):
        assert "_internal/PySide6/Qt/lib/libQt6*.so.6" in qt
        assert list((frozen / "_internal" / "PySide6" / "Qt" / "lib").glob("libQt6*.so.6"))
        assert list((frozen / "_internal" / "PySide6" / "Qt" / "plugins").iterdir())
        # every system library in the folder is named under the Debian package it came from
        named = " ".join(line for line in notices.splitlines() if line.startswith("Bundled: "))
        import importlib.metadata as md
        in_wheels = {f.as_posix() for d in md.distributions() for f in d.files or []}
        system = [p.name for p in (frozen / "_internal").iterdir()
                  if ".so" in p.name and not p.is_symlink() and p.name not in in_wheels
                  and not p.name.startswith("libpython")]
        assert "libssl.so.3" in system
        assert [n for n in system if n not in named] == []


def test_version(cli, home, tmp_path):
    done = run(cli, "--version", env=plain_env(home), cwd=tmp_path)
    assert (done.returncode, done.stdout) == (0, f"evidence-vault {__version__}\n")


def test_self_check_init_add_verify_then_a_tampered_file_is_found(cli, new_vault, home, tmp_path):
    verified = vault_run(cli, new_vault, home, "verify", "--json")
    assert verified.returncode == 0, verified.stderr
    assert json.loads(verified.stdout)["ok"] is True

    # A real picture through the frozen clause-71 check (Pillow, pdqhash, numpy) into the vault.
    picture = tmp_path / "screenshot.png"
    Image.effect_noise((64, 64), 80).convert("RGB").save(picture)
    assert vault_run(cli, new_vault, home, "case", "add", "Frozen").returncode == 0
    added = vault_run(cli, new_vault, home, "add-file", "--case", "Frozen", str(picture))
    assert added.returncode == 0, added.stderr
    report = vault_run(cli, new_vault, home, "verify")
    assert report.returncode == 0 and report.stdout.startswith("Vault verified"), report.stderr

    blob = max((p for p in (new_vault / "blobs").rglob("*") if p.is_file()), key=lambda p: p.stat().st_size)
    data = bytearray(blob.read_bytes())
    data[40] ^= 0x01
    blob.write_bytes(bytes(data))
    broken = vault_run(cli, new_vault, home, "verify")
    assert broken.returncode == 1
    assert "does not decrypt" in broken.stderr


def _shapes() -> Image.Image:
    """A picture with broad shapes, so a re-encoded copy keeps nearly the same PDQ hash."""
    img = Image.new("RGB", (320, 240), "white")
    draw = ImageDraw.Draw(img)
    for i in range(8):
        draw.ellipse((i * 30, i * 20, i * 30 + 120, i * 20 + 90), fill=(30 * i, 255 - 25 * i, 70 * i % 256))
    draw.rectangle((200, 20, 300, 120), fill=(20, 20, 120))
    return img


def test_clause_71_a_listed_picture_is_refused_and_nothing_is_stored(cli, new_vault, home, tmp_path):
    """hash-image, blocklist add and the guard's PDQ match (pdqhash, numpy) work frozen: a
    re-encoded copy of a listed picture (other bytes, so only PDQ can match) is refused."""
    listed, copy = tmp_path / "listed.png", tmp_path / "copy.jpg"
    _shapes().save(listed)
    _shapes().save(copy, quality=80)
    hashes = run(cli, "hash-image", str(listed), env=plain_env(home), cwd=tmp_path)
    assert hashes.returncode == 0 and "pdq:" in hashes.stdout
    (tmp_path / "list.txt").write_text(hashes.stdout, encoding="utf-8")
    loaded = vault_run(cli, new_vault, home, "blocklist", "add", str(tmp_path / "list.txt"))
    assert loaded.returncode == 0, loaded.stderr
    assert vault_run(cli, new_vault, home, "case", "add", "Frozen").returncode == 0
    refused = vault_run(cli, new_vault, home, "add-file", "--case", "Frozen", str(copy))
    assert refused.returncode == 3, refused.stderr
    assert json.loads(vault_run(cli, new_vault, home, "list", "--json").stdout) == []
    assert vault_run(cli, new_vault, home, "verify").returncode == 0


def test_emails_saved_from_the_mailbox_eml_and_outlook_msg(cli, new_vault, home, tmp_path):
    """The email intake's libraries work frozen: the standard library's MIME parser for .eml,
    extract-msg (olefile, RTFDE's lark grammar) for Outlook's .msg."""
    msgforge = pytest.importorskip("msgforge")
    picture = io.BytesIO()
    _shapes().save(picture, "PNG")
    eml = EmailMessage()
    eml["From"], eml["To"], eml["Subject"] = "pat@sender.example", "smith@school.example", "Tonight"
    eml["Date"] = "Fri, 27 Nov 2026 16:30:00 +0000"
    eml.set_content("Come alone.")
    eml.add_attachment(picture.getvalue(), maintype="image", subtype="png", filename="a.png")
    (tmp_path / "saved.eml").write_bytes(eml.as_bytes())
    msg = msgforge.Message(subject="Meeting", text_body="Do not tell the office.",
                           html_body="<p>Do not tell <b>the office</b>.</p>",
                           sender=("pat@sender.example", "Pat"), to=[("smith@school.example", "Ms Smith")],
                           sent=datetime(2026, 11, 27, 16, 30, tzinfo=timezone.utc))
    msg.attach_bytes("b.png", picture.getvalue())
    (tmp_path / "saved.msg").write_bytes(msg.as_bytes())

    assert vault_run(cli, new_vault, home, "case", "add", "Frozen").returncode == 0
    for name in ("saved.eml", "saved.msg"):
        added = vault_run(cli, new_vault, home, "add-email", "--case", "Frozen", str(tmp_path / name))
        assert added.returncode == 0, added.stderr
    items = json.loads(vault_run(cli, new_vault, home, "list", "--json").stdout)
    assert len(items) == 2
    assert vault_run(cli, new_vault, home, "verify").returncode == 0


def test_the_advice_is_the_bundled_resources_text(cli, home, tmp_path):
    done = run(cli, "advice", env=plain_env(home), cwd=tmp_path)
    assert done.returncode == 0
    from evidence_vault.safeguarding import safeguarding_advice  # the school's text, whom to ask filled in
    assert done.stdout.rstrip("\n") == safeguarding_advice(resources_dir=REPO / "resources").rstrip("\n")


class _Page(BaseHTTPRequestHandler):
    PICTURE = io.BytesIO()
    Image.effect_noise((48, 48), 60).convert("RGB").save(PICTURE, "PNG")

    def log_message(self, *args) -> None:
        pass

    def do_GET(self) -> None:
        if self.path == "/picture.png":
            body, ctype = self.PICTURE.getvalue(), "image/png"
        else:
            body = b"<!doctype html><title>Frozen page</title><h1>Hello</h1><img src=/picture.png>"
            ctype = "text/html; charset=utf-8"
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def page():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Page)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()
    thread.join()


@pytest.mark.browser
def test_capture_finds_the_browser_like_the_cli_and_drives_it_with_the_bundled_driver(
        cli, new_vault, home, page):
    if not CHROMIUM.is_file():
        pytest.skip(f"no browser at {CHROMIUM}")
    status = vault_run(cli, new_vault, home, "status")
    assert f"Browser for captures: {find_browser(plain_env(home))}" in status.stdout.splitlines()

    assert vault_run(cli, new_vault, home, "case", "add", "Frozen").returncode == 0
    captured = vault_run(cli, new_vault, home, "capture", page, "--case", "Frozen")
    assert captured.returncode == 0, captured.stderr
    assert "Captured item 1" in captured.stdout and "(HTTP 200)" in captured.stdout
    items = json.loads(vault_run(cli, new_vault, home, "list", "--json").stdout)
    assert [(i["kind"], i["case"]) for i in items] == [("web_capture", "Frozen")]
    assert vault_run(cli, new_vault, home, "verify").returncode == 0


def test_a_browser_setting_that_points_nowhere_is_one_calm_line(cli, new_vault, home, tmp_path):
    assert vault_run(cli, new_vault, home, "case", "add", "Frozen").returncode == 0
    missing = tmp_path / "no-such-browser"
    done = vault_run(cli, new_vault, home, "capture", "http://127.0.0.1:9/", "--case", "Frozen",
                     EVIDENCE_VAULT_BROWSER=str(missing))
    assert done.returncode == 4
    assert done.stderr.count("\n") == 1 and "EVIDENCE_VAULT_BROWSER is set to" in done.stderr


def test_the_windowed_app_and_gui_self_check_headless(frozen, cli, new_vault, home, tmp_path):
    app = frozen / APP_NAME
    throwaway = run(app, "--self-check", env=plain_env(home), cwd=tmp_path)
    assert throwaway.returncode == 0, throwaway.stderr
    assert "self-check ok" in throwaway.stdout
    opened = run(cli, "gui", "--self-check", str(new_vault),
                 env=plain_env(home, EVIDENCE_VAULT_PASSPHRASE=PASS), cwd=tmp_path)
    assert opened.returncode == 0, opened.stderr
    assert "self-check ok" in opened.stdout and "vault intact" in opened.stdout
    wrong = run(cli, "gui", "--self-check", str(new_vault),
                env=plain_env(home, EVIDENCE_VAULT_PASSPHRASE="not the passphrase"), cwd=tmp_path)
    assert wrong.returncode == 2 and "self-check ok" not in wrong.stdout


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the desktop app on an X display (Linux)")
def test_the_windowed_app_runs_on_a_real_x_display(frozen, home, tmp_path, x_display):
    """The xcb platform plugin and the libraries it loads are in the folder."""
    done = run(frozen / APP_NAME, "--self-check",
               env=plain_env(home, QT_QPA_PLATFORM="xcb", DISPLAY=x_display), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "self-check ok" in done.stdout


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the desktop app on an X display (Linux)")
def test_the_windowed_app_starts_on_a_computer_without_the_x11_libraries_it_carries(
        frozen, home, tmp_path, x_display, hide_files):
    """The folder carries the xcb libraries not every desktop has: with this machine's copies
    hidden (an empty file bound over each, in a private mount namespace) the window still
    starts on a real X display."""
    internal = frozen / "_internal"
    carried = desktop_libraries.NOT_ON_EVERY_DESKTOP
    assert [name for name in carried if not (internal / name).is_file()] == []
    system = {n.name: n.path for n in desktop_libraries.needed_libraries(desktop_libraries.platform_plugin("xcb"))}
    hidden = [system[name] for name in carried]
    assert all(hidden) and not any(p.resolve().is_relative_to(frozen) for p in hidden)
    env = plain_env(home, QT_QPA_PLATFORM="xcb", DISPLAY=x_display)
    done = subprocess.run(hide_files(hidden, [str(frozen / APP_NAME), "--self-check"]), env=env, cwd=tmp_path,
                          stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr
    assert "self-check ok" in done.stdout
    # The control: the same command-line program, told to use its own copies no more, says
    # in words what is missing rather than aborting.
    cli = frozen / "evidence-vault"
    for name in carried:
        os.replace(internal / name, tmp_path / name)
    try:
        bare = subprocess.run(hide_files(hidden, [str(cli), "gui", "--self-check"]), env=env, cwd=tmp_path,
                              stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=180)
    finally:
        for name in carried:
            os.replace(tmp_path / name, internal / name)
    assert bare.returncode == 4, bare.stderr
    assert "libxcb-cursor.so.0" in bare.stderr and "Reinstalling" not in bare.stderr
