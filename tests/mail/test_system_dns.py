# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""``SystemDns``, the DNS hook the app uses, against a real DNS server on 127.0.0.1 (made here
with dnspython) and against a port where no server answers (offline)."""

from __future__ import annotations

import socket

import pytest
from mailmaker import KEY_NAME, TxtServer, base_message, wire

from evidence_vault.mail import OFFLINE, PASS, DnsUnavailable, SystemDns, check_dkim


@pytest.fixture
def server(key):
    running = TxtServer({KEY_NAME: key.record})
    yield running
    running.close()


def test_the_key_is_fetched_from_a_real_dns_server(server, key):
    lookup = SystemDns(nameservers=["127.0.0.1"], port=server.port, lifetime=5)
    assert lookup(KEY_NAME) == key.record
    assert lookup("other._domainkey.sender.example") is None
    result = check_dkim(key.sign(wire(base_message())), dns=lookup)
    assert result.status == PASS and result.key_record == key.record.decode()
    assert KEY_NAME in server.queries


def test_no_dns_server_answering_is_offline_not_a_failure(key):
    closed = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    closed.bind(("127.0.0.1", 0))
    port = closed.getsockname()[1]
    closed.close()
    lookup = SystemDns(nameservers=["127.0.0.1"], port=port, lifetime=1)
    with pytest.raises(DnsUnavailable):
        lookup(KEY_NAME)
    result = check_dkim(key.sign(wire(base_message())), dns=lookup)
    assert result.status == OFFLINE
    assert "Run 'evidence-vault recheck-email ID'" in result.in_words()
