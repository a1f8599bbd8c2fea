# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Re-capture over time: the same address again, linked, compared, and every check in the ledger.

A real site whose pages the test changes between captures (as a real post is edited or
deleted), a real vault in tmp_path, the real guard, the real CLI for ``recapture --case``.
"""

from __future__ import annotations


import pytest

from evidence_vault.capture import CaptureOptions
from evidence_vault.errors import QuarantinedError
from evidence_vault.recapture import recapture_item, screenshot_change_permille, text_change
from evidence_vault.vault import recaptures
from evidence_vault.workflows import capture_url

from case_one_vault import run_cli
from pages_site import PagesSite, solid_png

pytestmark = pytest.mark.browser
POST = "<title>Post</title><h1>A post</h1><p>First line of the post.</p><p>Second line.</p>"


@pytest.fixture
def pages():
    site = PagesSite()
    yield site
    site.close()


def first_capture(vault, worker, url):
    return capture_url(vault, worker, url=url, case=vault.case("Case One"), options=CaptureOptions(timeout_s=15))


def checks_of(vault, item_id):
    return [(c["item_id"], c["new_item_id"], c["outcome"]) for c in recaptures.checks(vault, item_id)]


def test_unchanged_page_is_linked_and_checked(vault, worker, pages):
    url = pages.html("/post", POST)
    earlier = first_capture(vault, worker, url)
    result = recapture_item(vault, worker, earlier.id)
    assert result.outcome == "unchanged" and result.new.info["recapture_of"] == earlier.id
    assert result.new.case == earlier.case
    assert checks_of(vault, earlier.id) == [(earlier.id, result.new.id, "unchanged")]
    assert "0.0% of the screenshot changed" in result.summary
    assert vault.verify().ok


def test_edited_post_is_changed_with_a_text_summary(vault, worker, pages):
    url = pages.html("/post", POST)
    earlier = first_capture(vault, worker, url)
    pages.html("/post", POST.replace("Second line.", "Second line, edited to hide it."))
    result = recapture_item(vault, worker, earlier.id)
    assert result.outcome == "changed"
    assert "1 line(s) added, 1 removed" in result.summary and "edited to hide it" in result.summary
    (check,) = recaptures.checks(vault, earlier.id)
    assert check["text_changed"] is True and check["http_status"] == 200


def test_deleted_post_is_gone(vault, worker, pages):
    url = pages.html("/post", POST)
    earlier = first_capture(vault, worker, url)
    del pages.pages["/post"]  # the site now answers 404
    result = recapture_item(vault, worker, earlier.id)
    assert result.outcome == "gone" and "HTTP 404" in result.summary
    assert result.new.info["http_status"] == 404  # the 404 page itself is kept as evidence


def test_content_not_available_page_is_gone(vault, worker, pages):
    url = pages.html("/post", POST)
    earlier = first_capture(vault, worker, url)
    pages.html("/post", "<title>Post</title><h1>Sorry, this content isn't available right now</h1>")
    assert recapture_item(vault, worker, earlier.id).outcome == "gone"


def test_redirect_to_a_login_is_gone(vault, worker, pages):
    url = pages.html("/post", POST)
    earlier = first_capture(vault, worker, url)
    pages.redirect("/post", "/accounts/login?next=/post")
    pages.html("/accounts/login", "<title>Log in</title><form><input type=password></form>")
    result = recapture_item(vault, worker, earlier.id)
    assert result.outcome == "gone" and "login" in result.summary


def test_unreachable_site_is_recorded_without_an_item(vault, worker, pages):
    url = pages.html("/post", POST)
    earlier = first_capture(vault, worker, url)
    pages.close()
    result = recapture_item(vault, worker, earlier.id)
    assert result.outcome == "unreachable" and result.new is None
    assert checks_of(vault, earlier.id) == [(earlier.id, None, "unreachable")]
    assert len(vault.items()) == 1


def test_quarantined_item_is_never_recaptured(vault, worker, pages):
    url = pages.html("/post", POST)
    earlier = first_capture(vault, worker, url)
    vault.quarantine(earlier.id)
    pages.hits.clear()
    with pytest.raises(QuarantinedError):
        recapture_item(vault, worker, earlier.id)
    assert pages.hits == [] and recaptures.checks(vault) == []


def test_check_naming_an_unknown_item_is_a_verify_problem(vault, worker, pages):
    earlier = first_capture(vault, worker, pages.html("/post", POST))
    recaptures.record_check(vault, item_id=earlier.id, new_item_id=99, outcome="changed", summary="x",
                            http_status=200, text_changed=True, screenshot_changed_permille=0)
    report = vault.verify()
    assert not report.ok
    assert any("re-check names item 99" in p for p in report.problems)


def test_text_and_pixel_comparison():
    assert text_change("a\nb\n", "a\n  b \n") == (False, "text unchanged")
    changed, summary = text_change("a\nb\nc", "a\nc\nd")
    assert changed and "1 line(s) added, 1 removed" in summary
    red, blue = solid_png((200, 0, 0), (400, 400)), solid_png((0, 0, 200), (400, 400))
    assert screenshot_change_permille(red, red) == 0
    assert screenshot_change_permille(red, blue) == 1000
    assert screenshot_change_permille(red, solid_png((200, 0, 0), (400, 800))) == 500  # taller: new area


def test_cli_recapture_case_prints_one_line_per_address(vault_dir, pages):
    def cli(*args):
        return run_cli(vault_dir, *args)

    a, b = pages.html("/a", POST), pages.html("/b", POST)
    for url in (a, b):
        assert cli("capture", url, "--case", "Case One").returncode == 0
    del pages.pages["/b"]
    done = cli("recapture", "--case", "case one")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("item 1 -> item 3: still online, unchanged") and lines[0].endswith(a)
    assert lines[1].startswith("item 2 -> item 4: gone (the site answered HTTP 404)")
    # list says which items are re-checks, of what, and what they found (not just "Error response")
    listed = {line.split()[0]: line for line in cli("list").stdout.splitlines() if line.strip()[:1].isdigit()}
    assert "re-check" not in listed["1"] and "re-check" not in listed["2"]
    assert listed["3"].endswith("[re-check of item 1: still online, unchanged]")
    assert listed["4"].endswith("[re-check of item 2: gone]")
    again = cli("recapture", "--case", "case one")  # compares with the newest capture of each address
    assert again.stdout.splitlines()[1].startswith("item 4 -> item 6: ")
    usage = cli("recapture")
    assert usage.returncode == 2 and "item number" in usage.stderr
    assert cli("verify").returncode == 0
