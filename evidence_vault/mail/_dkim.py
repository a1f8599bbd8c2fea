# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""DKIM: did the domain that signed this email sign exactly these headers and this body?

Why it matters to a reader of the evidence: a DKIM signature is added by the sender's mail
server. If it still verifies, the signed headers (From, Date, Subject …) and the body are
exactly as that domain sent them; an email altered afterwards (even one header) fails. The
check needs the domain's public key, published in the DNS, so it is only possible online.

The DNS is asked through one small hook, ``dns(name) -> bytes | None`` (the TXT record, or
``None`` when the domain publishes nothing there; raise ``DnsUnavailable`` when the DNS
cannot be asked). It is handed to dkimpy as its documented ``dnsfunc``. Tests give a hook
that returns a key they made; the app uses ``SystemDns``. dkimpy itself treats "no DNS" as
a plain failure, so the hook notes when the DNS was unreachable and the result then says
"not checked (offline)", never "fail": an offline computer says nothing about the email.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import asdict, dataclass, field

PASS, FAIL, NO_SIGNATURE, OFFLINE, NOT_POSSIBLE = (
    "pass", "fail", "no signature", "not checked (offline)", "not possible")

DnsLookup = Callable[[str], "bytes | None"]
_SIGNATURE_LINE = re.compile(rb"^dkim-signature[ \t]*:", re.I | re.M)


class DnsUnavailable(Exception):
    """The DNS could not be asked (no network, no answer in time): nothing can be concluded."""


class SystemDns:
    """This computer's DNS, through dnspython. ``nameservers``/``port`` override the system's."""

    def __init__(self, *, nameservers: list[str] | None = None, port: int = 53,
                 lifetime: float = 5.0) -> None:
        self.nameservers, self.port, self.lifetime = nameservers, port, lifetime

    def __call__(self, name: str) -> bytes | None:
        import dns.exception
        import dns.resolver
        try:
            resolver = dns.resolver.Resolver(configure=self.nameservers is None)
            if self.nameservers is not None:
                resolver.nameservers = list(self.nameservers)
                resolver.port = self.port
            answer = resolver.resolve(name, "TXT", lifetime=self.lifetime)
        except (dns.resolver.NXDOMAIN, dns.resolver.NoAnswer):
            return None
        except (dns.exception.DNSException, OSError) as exc:  # timeout, no servers, no config
            raise DnsUnavailable(str(exc)) from exc
        for record in answer:
            return b"".join(record.strings)
        return None


@dataclass
class DkimResult:
    """What the check found; ``status`` is one of pass/fail/no signature/offline/not possible."""

    status: str
    reason: str
    domain: str | None = None
    selector: str | None = None
    key_name: str | None = None
    key_record: str | None = None
    signatures: list[dict] = field(default_factory=list)

    def to_json(self) -> dict:
        return asdict(self)

    def in_words(self) -> str:
        """One sentence for a teacher or a police officer."""
        if self.status == PASS:
            return (f"DKIM pass: the signed headers and the text are exactly as the mail server of "
                    f"{self.domain} sent them.")
        if self.status == FAIL:
            return (f"DKIM fail ({self.reason}). The email is kept as evidence all the same; it may "
                    "have been changed after it was sent, or forwarded in a way that alters it.")
        if self.status == OFFLINE:
            return ("DKIM not checked (offline): the signing domain's key could not be fetched. "
                    "Run 'evidence-vault recheck-email ID' when the computer is online.")
        if self.status == NO_SIGNATURE:
            return "No DKIM signature: the sending server did not sign this email."
        return f"DKIM not possible: {self.reason}."


def _text(value) -> str | None:
    if value is None:
        return None
    return value.decode("ascii", errors="replace") if isinstance(value, bytes) else str(value)


class _Hook:
    """dkimpy's ``dnsfunc``: asks ``dns``, remembers what was asked and what came back."""

    def __init__(self, dns: DnsLookup) -> None:
        self.dns = dns
        self.name: str | None = None
        self.record: bytes | None = None
        self.offline: str | None = None

    def __call__(self, name, timeout=5):
        import dkim
        self.name = _text(name).rstrip(".")
        try:
            self.record = self.dns(self.name)
        except DnsUnavailable as exc:
            self.offline = str(exc) or "the DNS did not answer"
            raise dkim.DnsTimeoutError(self.offline) from exc
        return self.record


def _one(raw: bytes, index: int, dns: DnsLookup) -> dict:
    import dkim
    hook = _Hook(dns)
    checker = dkim.DKIM(raw, minkey=1024)
    detail = ""
    unsupported = False
    try:
        ok = bool(checker.verify(idx=index, dnsfunc=hook))
    except (dkim.NaClNotFoundError, dkim.UnknownKeyTypeError) as exc:  # Ed25519 needs PyNaCl
        ok, detail, unsupported = False, str(exc) or type(exc).__name__, True
    except dkim.DKIMException as exc:
        ok, detail = False, str(exc)
    if unsupported:
        status, reason = NOT_POSSIBLE, "the signature uses a kind of key this computer cannot check"
    elif hook.offline is not None:
        status, reason = OFFLINE, "the DNS could not be asked"
    elif ok:
        status, reason = PASS, "the signature matches the message and the published key"
    elif hook.name is not None and not hook.record:
        status, reason = FAIL, f"no key is published at {hook.name}"
    elif "body hash mismatch" in detail:
        status, reason = FAIL, "the text of the email was changed after it was signed"
    else:
        status, reason = FAIL, "the signature does not match the signed headers"
    return {"status": status, "reason": reason, "detail": detail or None,
            "domain": _text(checker.domain), "selector": _text(checker.selector),
            "key_name": hook.name, "key_record": _text(hook.record)}


def check_dkim(raw: bytes, *, dns: DnsLookup | None = None) -> DkimResult:
    """Verify every DKIM-Signature on the email ``raw`` (its bytes as received)."""
    import dkim
    head = re.split(rb"\r?\n\r?\n", raw, maxsplit=1)[0]
    if not _SIGNATURE_LINE.search(head):  # dkimpy takes seconds to read a header of megabytes
        return DkimResult(NO_SIGNATURE, "the email carries no DKIM-Signature header")
    try:
        count = sum(1 for name, _v in dkim.DKIM(raw).headers if name.lower() == b"dkim-signature")
    except dkim.DKIMException as exc:
        return DkimResult(FAIL, f"the email's headers could not be read for the check ({exc})")
    if not count:
        return DkimResult(NO_SIGNATURE, "the email carries no DKIM-Signature header")
    lookup = dns if dns is not None else SystemDns()
    results = [_one(raw, i, lookup) for i in range(count)]
    best = (next((r for r in results if r["status"] == PASS), None)
            or next((r for r in results if r["status"] == OFFLINE), None) or results[0])
    return DkimResult(best["status"], best["reason"], best["domain"], best["selector"],
                      best["key_name"], best["key_record"], results)


def not_possible(reason: str) -> DkimResult:
    return DkimResult(NOT_POSSIBLE, reason)
