# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""A real web site on 127.0.0.1 with a route for every hostile case the capture must survive.

Two plain HTTP servers (the second one is addressed as "localhost", so it is another
origin for iframe tests), one HTTPS server with a freshly generated self-signed certificate
that the browser must refuse, and one whose key the test browser is told to trust (so TLS
metadata can be checked). Handlers that must hold a connection open wait on
``threading.Event``s, which the tests set; nothing here sleeps to synchronise.
"""

from __future__ import annotations

import base64
import datetime
import hashlib
import io
import ipaddress
import math
import os
import ssl
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import numpy as np
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from PIL import Image

from evidence_vault.capture import BrowserWorker, CaptureOptions, Inspector
from evidence_vault.errors import SafeguardingBlock

#: The browser the tests drive (Debian's Chromium on the project machines).
CHROMIUM = Path(os.environ.get("EVIDENCE_VAULT_TEST_BROWSER", "/usr/bin/chromium"))
N_BANDS = 60
BAND_CSS = 1000


def band_colour(i: int) -> tuple[int, int, int]:
    """Distinct, non-grey colours (never equal to the fixed/sticky colours used below)."""
    return ((i * 67) % 200 + 20, (i * 131 + 50) % 200 + 20, (i * 29 + 100) % 200 + 20)


def noise_png(seed: int, size: int = 48) -> bytes:
    rng = np.random.default_rng(seed)
    pixels = rng.integers(0, 256, size=(size, size, 3), dtype=np.uint8)
    out = io.BytesIO()
    Image.fromarray(pixels, "RGB").save(out, "PNG")
    return out.getvalue()


def big_png(megabytes: int = 20) -> bytes:
    """An incompressible PNG of about ``megabytes`` MB."""
    side = math.ceil((megabytes * 1_000_000 / 3) ** 0.5) + 2
    rng = np.random.default_rng(7)
    pixels = rng.integers(0, 256, size=(side, side, 3), dtype=np.uint8)
    out = io.BytesIO()
    Image.fromarray(pixels, "RGB").save(out, "PNG", compress_level=0)
    return out.getvalue()


def tiny_pdf() -> bytes:
    return (
        b"%PDF-1.1\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
        b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
        b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 300 144]>>endobj\n"
        b"trailer<</Root 1 0 R>>\n%%EOF\n"
    )


def tall_page() -> bytes:
    """60 numbered bands of 1000 CSS px (60,000 px in all), a fixed header and footer, and a
    sticky bar inside band 0 (so it adds no height)."""
    bands = "".join(
        f'<div class="band" style="height:{BAND_CSS}px;background:rgb{band_colour(i)}">'
        + ('<div id="sticky">sticky bar</div>' if i == 0 else "")
        + f"band {i}</div>"
        for i in range(N_BANDS)
    )
    return f"""<!doctype html><html><head><title>Tall</title><style>
      body {{ margin: 0; font: 40px sans-serif; }}
      #fixed-top {{ position: fixed; top: 0; left: 0; right: 0; height: 50px; background: #ff00ff; z-index: 9; }}
      #fixed-bottom {{ position: fixed; bottom: 0; left: 0; right: 0; height: 30px; background: #00ffff; z-index: 9; }}
      #sticky {{ position: sticky; top: 100px; height: 40px; background: #ffff00; z-index: 8; }}
    </style></head><body>
    <div id="fixed-top">fixed header</div><div id="fixed-bottom">fixed footer</div>
    {bands}</body></html>""".encode()


@dataclass
class Site:
    base: str = ""
    other: str = ""  # another origin (localhost, second port)
    https_untrusted: str = ""
    https_trusted: str = ""
    trusted_spki: str = ""
    refused_port: int = 0
    bad_png: bytes = field(default_factory=lambda: noise_png(1))
    good_png: bytes = field(default_factory=lambda: noise_png(2))
    big: bytes = b""
    markers: dict = field(default_factory=dict)  # token -> unique png
    release: threading.Event = field(default_factory=threading.Event)
    crash_requested: threading.Event = field(default_factory=threading.Event)
    hits: list = field(default_factory=list)
    servers: list = field(default_factory=list)

    @property
    def bad_sha256(self) -> str:
        return hashlib.sha256(self.bad_png).hexdigest()

    def bad_data_uri(self) -> str:
        return "data:image/png;base64," + base64.b64encode(self.bad_png).decode()


GUARD_PAGES = {
    "img": '<img src="/bad.png">',
    "css": '<div style="width:60px;height:60px;background-image:url(/bad.png)"></div>',
    "srcset": '<img srcset="/good.png 1x, /bad.png 2x" src="/good.png" sizes="60px">'
              '<img srcset="/bad.png 48w" sizes="48px">',
    "lazy": '<div style="height:4000px">scroll down</div><img loading="lazy" src="/bad.png">',
    "iframe": '<iframe src="{other}/guard-inner" width="300" height="200"></iframe>',
    "redirect": '<img src="/redirect-to-bad">',
    "data": '<img src="{data}">',
    "css-data": '<div style="width:60px;height:60px;background-image:url(\'{data}\')"></div>',
    "frame-data": '<iframe srcdoc="<p>inner</p><img src=&quot;{data}&quot;>" width="300" height="200"></iframe>',
    "fetch": '<img id="x"><script>fetch("/bad.png").then(r => r.blob())'
             '.then(b => {{ document.getElementById("x").src = URL.createObjectURL(b); }});</script>',
}


def make_handler(site: Site):  # noqa: C901 - the class holding the route table
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args) -> None:
            pass

        def send(self, status: int, ctype: str, body: bytes, headers: dict | None = None) -> None:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            for k, v in (headers or {}).items():
                self.send_header(k, v)
            self.end_headers()
            self.wfile.write(body)

        def html(self, body: str, status: int = 200, headers: dict | None = None) -> None:
            self.send(status, "text/html; charset=utf-8", body.encode(), headers)

        def redirect(self, where: str, status: int = 302) -> None:
            self.send(status, "text/plain", b"", {"Location": where})

        def do_GET(self) -> None:  # noqa: C901 - a route table
            path = self.path.split("?", 1)[0]
            site.hits.append(path)
            if path in ("/", "/plain"):
                self.html("<title>Plain page</title><h1>Hello evidence</h1><p>plain text body</p>")
            elif path.startswith("/marker/"):
                token = path.rsplit("/", 1)[1]
                self.html(f"<title>Marker</title><p>{token}</p><img src='/marker-img/{token}.png'>")
            elif path.startswith("/marker-img/"):
                token = path.rsplit("/", 1)[1].removesuffix(".png")
                self.send(200, "image/png", site.markers[token])
            elif path == "/tall":
                self.send(200, "text/html", tall_page())
            elif path.startswith("/status/"):
                code = int(path.rsplit("/", 1)[1])
                self.html(f"<title>Error {code}</title><h1>Server says {code}</h1>", status=code)
            elif path == "/redirect-loop":
                self.redirect("/redirect-loop")
            elif path.startswith("/hop/"):
                n = int(path.rsplit("/", 1)[1])
                self.redirect(f"/hop/{n - 1}" if n > 1 else "/plain", 301 if n == 3 else 302)
            elif path == "/slow-body":
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.end_headers()
                self.wfile.write(b"<title>Slow</title><h1>First part arrived</h1>" + b" " * 2048)
                self.wfile.flush()
                site.release.wait(120)
                self.close_connection = True
            elif path == "/never-responds":
                site.release.wait(120)
                self.close_connection = True
            elif path == "/infinite":
                self.html("""<title>Feed</title><body style="margin:0"><div id="feed"></div><script>
                  let n = 0; const feed = document.getElementById('feed');
                  function more() { for (let i = 0; i < 5; i++) { const d = document.createElement('div');
                    d.style.height = '600px'; d.textContent = 'post ' + (n++); feed.appendChild(d); } }
                  more(); addEventListener('scroll', () => {
                    if (innerHeight + scrollY > document.body.scrollHeight - 1500) more(); });
                  </script></body>""")
            elif path == "/dialogs":
                self.html("""<title>Dialogs</title><p>dialog page</p><script>
                  alert('first alert'); confirm('are you sure?'); prompt('your name?');
                  addEventListener('beforeunload', (e) => { e.preventDefault(); e.returnValue = 'stay'; });
                  </script>""")
            elif path == "/download":
                self.send(200, "application/octet-stream", b"secret-download-bytes",
                          {"Content-Disposition": "attachment; filename=evil.bin"})
            elif path == "/doc.pdf":
                self.send(200, "application/pdf", tiny_pdf())
            elif path == "/image.png":
                self.send(200, "image/png", site.good_png)
            elif path == "/navigates-away":
                self.html("""<title>Fickle</title><body><div style="height:5000px">x</div><script>
                  addEventListener('scroll', () => { location.href = '/plain'; }, {once: true});
                  </script></body>""")
            elif path == "/iframe-xorigin":
                self.html(f'<title>Frames</title><p>outer</p><iframe src="{site.other}/frame-inner" '
                          'width="400" height="200"></iframe>')
            elif path == "/frame-inner":
                self.html('<p>inner frame text</p><img src="/good.png">')
            elif path == "/big-image":
                self.html('<title>Big</title><img src="/big.png" style="width:300px">')
            elif path == "/big.png":
                self.send(200, "image/png", site.big)
            elif path == "/crash":
                self.html('<title>Crash</title><p>loading</p><img src="/crash-trigger.png">')
            elif path == "/crash-trigger.png":
                site.crash_requested.set()
                site.release.wait(120)
                self.close_connection = True
            elif path == "/hang-script":
                self.html("<title>Busy</title><p>busy</p><script>while (true) {}</script>")
            elif path == "/login":
                self.html("<title>Logged in</title><p>You are now logged in.</p>",
                          headers={"Set-Cookie": "session=alice-secret; Path=/; HttpOnly"})
            elif path == "/account":
                cookie = self.headers.get("Cookie", "")
                who = "Logged in as Alice" if "session=alice-secret" in cookie else "Please log in"
                self.html(f"<title>Account</title><p>{who}</p>")
            elif path.startswith("/guard/"):
                name = path.rsplit("/", 1)[1]
                body = GUARD_PAGES[name].format(other=site.other, data=site.bad_data_uri())
                self.html(f"<title>Guard {name}</title><p>guard page</p>{body}")
            elif path == "/guard-inner":
                self.html('<p>inner</p><img src="/bad.png">')
            elif path == "/bad.png":
                self.send(200, "image/png", site.bad_png)
            elif path == "/good.png":
                self.send(200, "image/png", site.good_png)
            elif path == "/redirect-to-bad":
                self.redirect("/bad.png")
            elif path == "/broken-data":
                self.html("<title>Broken</title><div style=\"width:50px;height:50px;"
                          "background-image:url('data:image/png;base64,%%%%')\"></div>")
            else:
                self.html("<h1>Not found</h1>", status=404)

    return Handler


def _serve(handler, host: str, tls: ssl.SSLContext | None = None) -> ThreadingHTTPServer:
    server = ThreadingHTTPServer((host, 0), handler)
    server.daemon_threads = True
    if tls is not None:
        server.socket = tls.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def _self_signed(directory: Path, name: str) -> tuple[ssl.SSLContext, str]:
    """A certificate for 127.0.0.1 signed by itself; returns the server context and SPKI hash."""
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, f"evidence-vault-test-{name}")])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject).issuer_name(subject).public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=30))
        .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), False)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = directory / f"{name}.crt", directory / f"{name}.key"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert_path, key_path)
    spki = cert.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    return context, base64.b64encode(hashlib.sha256(spki).digest()).decode()


class RecordingInspector:
    """A tiny real Inspector: records every call, refuses one SHA-256."""

    def __init__(self, refuse_sha256: str | None = None) -> None:
        self.refuse = refuse_sha256
        self.calls: list[tuple[str, str, str, str | None]] = []
        self.unreadable_calls: list[tuple[str, str, str]] = []

    def inspect(self, *, kind, url, body, content_type):
        digest = hashlib.sha256(body).hexdigest()
        self.calls.append((kind, url, digest, content_type))
        if digest == self.refuse:
                raise SafeguardingBlock("This page contains a listed image; nothing was saved.")

    def unreadable(self, *, kind, url, reason):
        self.unreadable_calls.append((kind, url, reason))
        Inspector.unreadable(self, kind=kind, url=url, reason=reason)

    def kinds_for(self, digest: str) -> set[str]:
        return {kind for kind, _, d, _ in self.calls if d == digest}


class GuardedWorker(BrowserWorker):
    """The worker for tests that are not about safeguarding: the engine requires an inspector,
    so each capture gets a fresh RecordingInspector (real code that refuses nothing) unless
    the test passes its own."""

    def capture(self, url, options=CaptureOptions(), *, inspector=None, progress=None):
        return super().capture(url, options, inspector=inspector or RecordingInspector(), progress=progress)

    def open_interactive(self, *, inspector=None, **kwargs):
        return super().open_interactive(inspector=inspector or RecordingInspector(), **kwargs)


def start_site(cert_dir: Path) -> Site:
    site = Site()
    site.big = big_png(20)
    handler = make_handler(site)
    main = _serve(handler, "127.0.0.1")
    other = _serve(handler, "127.0.0.1")
    untrusted_ctx, _ = _self_signed(cert_dir, "untrusted")
    trusted_ctx, site.trusted_spki = _self_signed(cert_dir, "trusted")
    https_bad = _serve(handler, "127.0.0.1", untrusted_ctx)
    https_ok = _serve(handler, "127.0.0.1", trusted_ctx)
    site.servers = [main, other, https_bad, https_ok]
    site.base = f"http://127.0.0.1:{main.server_port}"
    site.other = f"http://localhost:{other.server_port}"
    site.https_untrusted = f"https://127.0.0.1:{https_bad.server_port}"
    site.https_trusted = f"https://127.0.0.1:{https_ok.server_port}"
    import socket

    with socket.socket() as s:  # a port that was free a moment ago: nothing listens there
        s.bind(("127.0.0.1", 0))
        site.refused_port = s.getsockname()[1]
    return site


def stop_site(site: Site) -> None:
    site.release.set()
    for server in site.servers:
        server.shutdown()
        server.server_close()
