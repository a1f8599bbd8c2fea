# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Real test emails, made here with the standard library, signed with a real key by dkimpy.

Nothing is faked: the messages are what a mail server hands over (CRLF line ends, Received
lines on top, a DKIM-Signature made by dkimpy with an RSA key generated for the run), and the
key record is the TXT record a domain would publish. The .msg file is written by msgforge, an
independent MIT-licensed implementation of Microsoft's MS-CFB and MS-OXMSG specifications.
"""

from __future__ import annotations

import base64
import email.policy
import io
import socket
import threading
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import format_datetime
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import dkim
import dns.message
import dns.rcode
import dns.rdata
import dns.rdataclass
import dns.rdatatype
import dns.rrset
import numpy as np
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from PIL import Image

DOMAIN = "sender.example"
SELECTOR = "s2026"
KEY_NAME = f"{SELECTOR}._domainkey.{DOMAIN}"
RECEIVED = (
    "from mx.sender.example (mx.sender.example [192.0.2.10]) by mail.school.example "
    "with ESMTPS id 4QxYz; Fri, 27 Nov 2026 16:30:05 +0000",
    "from laptop (unknown [198.51.100.7]) by mx.sender.example with ESMTPSA id 9AbC; "
    "Fri, 27 Nov 2026 16:30:01 +0000",
)


def picture(seed: int, fmt: str = "PNG") -> bytes:
    """A random smooth picture (PDQ sees detail in it), reproducible from ``seed``."""
    rng = np.random.default_rng(seed)
    cells = (rng.random((24, 32, 3)) * 255).astype(np.uint8)
    out = io.BytesIO()
    Image.fromarray(cells).resize((320, 240), Image.Resampling.BICUBIC).save(out, fmt)
    return out.getvalue()


def base_message(*, subject: str = "You will regret this", body: str | None = None) -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = "Pat Sender <pat@sender.example>"
    msg["To"] = "Ms Smith <smith@school.example>"
    msg["Cc"] = "Office <office@school.example>"
    msg["Date"] = format_datetime(datetime(2026, 11, 27, 16, 30, tzinfo=timezone.utc))
    msg["Subject"] = subject
    msg["Message-ID"] = "<20261127163000.1234@sender.example>"
    msg.set_content(body or "I know where you park. Everyone at school will see the pictures.\n")
    return msg


def wire(msg: EmailMessage) -> bytes:
    """The message as a server stores it: CRLF, with the Received chain on top (newest first)."""
    raw = msg.as_bytes(policy=email.policy.SMTP)
    return b"".join(f"Received: {hop}\r\n".encode() for hop in RECEIVED) + raw


@dataclass(frozen=True)
class SigningKey:
    private_pem: bytes
    record: bytes  # the TXT record published at KEY_NAME

    @classmethod
    def generate(cls) -> "SigningKey":
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.TraditionalOpenSSL,
                                serialization.NoEncryption())
        der = key.public_key().public_bytes(serialization.Encoding.DER,
                                            serialization.PublicFormat.SubjectPublicKeyInfo)
        return cls(pem, b"v=DKIM1; k=rsa; p=" + base64.b64encode(der))

    def sign(self, raw: bytes) -> bytes:
        """``raw`` with a DKIM-Signature made by dkimpy prepended, as the sending server adds it."""
        header = dkim.sign(raw, SELECTOR.encode(), DOMAIN.encode(), self.private_pem,
                           include_headers=[b"from", b"to", b"cc", b"subject", b"date", b"message-id"])
        return header + raw

    def dns(self, name: str) -> bytes | None:
        """The DNS hook: this key at KEY_NAME, nothing anywhere else."""
        return self.record if name == KEY_NAME else None


class HitCounter(ThreadingHTTPServer):
    """A real HTTP server on 127.0.0.1 that records every request (remote pictures)."""

    def __init__(self) -> None:
        self.hits: list[str] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802
                outer.hits.append(self.path)
                body = picture(5)
                self.send_response(200)
                self.send_header("Content-Type", "image/png")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        super().__init__(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.serve_forever, daemon=True)
        self.thread.start()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def stop(self) -> None:
        self.shutdown()
        self.server_close()


class TxtServer:
    """Answers TXT queries for the names in ``records``; NXDOMAIN for anything else."""

    def __init__(self, records: dict[str, bytes]) -> None:
        self.records = records
        self.queries: list[str] = []
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.bind(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while True:
            try:
                wire_in, client = self.sock.recvfrom(4096)
            except OSError:
                return
            query = dns.message.from_wire(wire_in)
            reply = dns.message.make_response(query)
            question = query.question[0]
            name = question.name.to_text().rstrip(".")
            self.queries.append(name)
            record = self.records.get(name)
            if record is None:
                reply.set_rcode(dns.rcode.NXDOMAIN)
            else:  # TXT strings hold 255 bytes at most: a 2048-bit key takes two
                chunks = " ".join('"' + record[i:i + 255].decode() + '"' for i in range(0, len(record), 255))
                rdata = dns.rdata.from_text(dns.rdataclass.IN, dns.rdatatype.TXT, chunks)
                reply.answer.append(dns.rrset.from_rdata(question.name, 300, rdata))
            self.sock.sendto(reply.to_wire(), client)

    def close(self) -> None:
        self.sock.close()


def closed_udp_port() -> int:
    """A port on 127.0.0.1 where no DNS server answers (offline)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    return port
