# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Fixtures for the bundle tests: vaults with evidence, a real local RFC 3161 timestamp
authority (``openssl ts -reply`` behind an HTTP handler), and the capture tests' real site and
browser (loaded from tests/capture/conftest.py so both use the same ones)."""

from __future__ import annotations

import datetime as dt
import importlib.util
import subprocess
import sys
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from evidence_vault import Vault

from bundle_helpers import OWNER, PASSPHRASE, add_synthetic_capture, page_png  # noqa: F401

CAPTURE_DIR = Path(__file__).resolve().parent.parent / "capture"
sys.path.insert(0, str(CAPTURE_DIR))
_spec = importlib.util.spec_from_file_location("capture_conftest", CAPTURE_DIR / "conftest.py")
_capture = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_capture)
site, test_flags, temp_root, worker = _capture.site, _capture.test_flags, _capture.temp_root, _capture.worker


@pytest.fixture
def vault(tmp_path):
    v, _ = Vault.create(tmp_path / "vault", PASSPHRASE, owner_name=OWNER[0], owner_role=OWNER[1])
    yield v
    v.close()


@pytest.fixture
def filled(vault, tmp_path):
    """A case with one of each kind: capture, incident, picture, other file."""
    case = vault.add_case("Comments about Ms Smith")
    add_synthetic_capture(vault, case, height=5000)
    vault.add_incident(case, kind="phone_call", text="Parent rang at 4pm about the posts.",
                       occurred_at="2026-11-20T16:00:00Z")
    pic = tmp_path / "photo.png"
    pic.write_bytes(page_png(500, 400, "photo"))
    vault.add_file(case, pic, guard=None, note="photo from a parent")
    doc = tmp_path / "letter.docx"
    doc.write_bytes(b"PK\x03\x04 not really a docx")
    vault.add_file(case, doc, guard=None)
    return vault, case


# -- a real RFC 3161 timestamp authority ----------------------------------------------------
@dataclass
class TSA:
    url: str
    mode: dict = field(default_factory=lambda: {"answer": "ok"})
    release: threading.Event = field(default_factory=threading.Event)
    served: list = field(default_factory=list)
    cert_der: bytes = b""
    pem: bytes = b""
    folder: Path | None = None

    def authority(self, name: str = "Test Timestamp Authority"):
        """This authority, pinned by its own certificate (what a user adds to their list)."""
        from evidence_vault.bundle.timestamps import TimestampAuthority
        return TimestampAuthority(name, self.url, (self.cert_der,))


def _tsa_files(folder: Path) -> Path:
    # RSA, so that tests can also forge this authority's tokens (pyHanko's DummyTimeStamper)
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Test Timestamp Authority")])
    now = dt.datetime.now(dt.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(now + dt.timedelta(days=30))
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True)
            .add_extension(x509.KeyUsage(True, True, False, False, False, False, False, False, False), critical=True)
            .sign(key, hashes.SHA256()))
    (folder / "tsa.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    (folder / "tsa.key").write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                                       serialization.NoEncryption()))
    (folder / "serial").write_text("01\n")
    config = folder / "tsa.cnf"
    config.write_text(f"""[ tsa ]
default_tsa = tsa_config1
[ tsa_config1 ]
dir = {folder}
serial = {folder}/serial
crypto_device = builtin
signer_cert = {folder}/tsa.pem
certs = {folder}/tsa.pem
signer_key = {folder}/tsa.key
signer_digest = sha256
default_policy = 1.2.3.4.1
other_policies = 1.2.3.4.5.6
digests = sha256, sha384, sha512
accuracy = secs:1
ordering = yes
tsa_name = yes
ess_cert_id_chain = no
ess_cert_id_alg = sha256
""")
    return config


@pytest.fixture
def tsa(tmp_path):
    folder = tmp_path / "tsa"
    folder.mkdir()
    config = _tsa_files(folder)
    state = TSA(url="")
    state.pem = (folder / "tsa.pem").read_bytes()
    state.folder = folder
    state.cert_der = x509.load_pem_x509_certificate(state.pem).public_bytes(serialization.Encoding.DER)

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_POST(self):
            query = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            state.served.append(len(query))
            answer = state.mode["answer"]
            if answer == "slow":
                state.release.wait(30)  # the client's bounded wait gives up first
                return
            if answer == "garbage":
                body = b"\x30\x03\x02\x01\x07 this is not a timestamp token"
            else:
                q = folder / f"q{len(state.served)}.tsq"
                r = folder / f"r{len(state.served)}.tsr"
                q.write_bytes(query)
                subprocess.run(["openssl", "ts", "-reply", "-config", str(config), "-queryfile", str(q),
                                "-out", str(r)], check=True, capture_output=True)
                body = r.read_bytes()
            self.send_response(200)
            self.send_header("Content-Type", "application/timestamp-reply")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    state.url = f"http://127.0.0.1:{server.server_port}/tsa"
    yield state
    state.release.set()
    server.shutdown()
    server.server_close()


