# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Fixtures for the capture tests: a real site, a real Chromium, a real X server.

One BrowserWorker is shared by the whole session to keep the suite fast; tests that kill
or wedge the browser make their own.

Test-only browser flags go in ``_browser.TEST_ONLY_EXTRA_ARGS`` (the product never sets
it): ``--host-resolver-rules`` makes every name except localhost and 127.0.0.1 fail to
resolve inside Chromium, so no test can send a DNS query off this machine, and
``--ignore-certificate-errors-spki-list`` trusts exactly one test certificate so TLS
metadata can be checked (the other self-signed server must still be refused).
"""

from __future__ import annotations

import sys

import pytest

from evidence_vault import Vault
from evidence_vault.capture import _browser

from capture_site import CHROMIUM, GuardedWorker, RecordingInspector, start_site, stop_site
from case_one_vault import PASS


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    site = start_site(tmp_path_factory.mktemp("certs"))
    yield site
    stop_site(site)


@pytest.fixture(scope="session")
def test_flags(site):
    """Browser flags for every browser launched in this session (see module docstring)."""
    flags = [
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
        f"--ignore-certificate-errors-spki-list={site.trusted_spki}",
    ]
    _browser.TEST_ONLY_EXTRA_ARGS[:] = flags
    yield flags
    _browser.TEST_ONLY_EXTRA_ARGS.clear()


@pytest.fixture(scope="session")
def temp_root(tmp_path_factory):
    return tmp_path_factory.mktemp("ev-temp-root")


@pytest.fixture(scope="session")
def worker(test_flags, temp_root):
    if not CHROMIUM.exists():
        pytest.skip(f"no browser at {CHROMIUM}")
    w = GuardedWorker(browser_path=CHROMIUM, temp_root=temp_root)
    yield w
    w.close()


@pytest.fixture
def own_worker(test_flags, tmp_path):
    """A worker of the test's own, for tests that kill or wedge the browser."""
    w = GuardedWorker(browser_path=CHROMIUM, temp_root=tmp_path / "root")
    yield w
    w.close()


@pytest.fixture(scope="session")
def vault_template(make_vault_template):
    """The capture tests' vault: one case, 'Case One', made once; ``vault_dir`` (tests/conftest.py)
    gives each test a private copy for the command line to open."""
    return make_vault_template(case="Case One", passphrase=PASS, owner=("Test Teacher", "Teacher"))


@pytest.fixture
def vault(vault_dir):
    """That copy, open (a module wanting another vault defines its own)."""
    v = Vault.open(vault_dir, PASS)
    yield v
    v.close()


@pytest.fixture
def recorder(site):
    return RecordingInspector(refuse_sha256=site.bad_sha256)


def pytest_collection_modifyitems(items):
    for item in items:
        if sys.platform != "linux" and item.get_closest_marker("browser"):
            item.add_marker(pytest.mark.skip(reason="browser tests run on Linux CI"))
