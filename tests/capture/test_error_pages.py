# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Issue 20 §3: a page that is not there is never filed as ordinary evidence.

Real Chromium against a real site on 127.0.0.1, a real vault in tmp_path. A capture whose main
response is an HTTP error, a login or consent wall, or a "content not available" page is
checked before it is sealed: not kept without asking (exit 5 on the command line, nothing in
the vault), kept with its mark when asked (``--keep-error-pages``, the app's "Keep"), and always
kept by a re-capture, where "gone" is the point.
"""

from __future__ import annotations

import json
import subprocess

import pytest

from evidence_vault import ErrorPageNotKept
from evidence_vault.capture import CaptureOptions
from evidence_vault.page_problems import PageProblem, page_problem, problem_of
from evidence_vault.recapture import recapture_item
from evidence_vault.workflows import capture_page, capture_url, seal

from case_one_vault import run_cli
from pages_site import PagesSite

pytestmark = pytest.mark.browser
ARTICLE = "".join(f"<p>Paragraph {i} of a real post, with enough words to read as an article.</p>"
                  for i in range(30))
OPTIONS = CaptureOptions(timeout_s=15)


@pytest.fixture(scope="module")
def pages():
    site = PagesSite()
    site.html("/post", f"<title>Post</title><h1>A post</h1>{ARTICLE}")
    site.html("/gone", "<title>Error response</title><h1>Error response</h1><p>Error code: 404</p>", status=404)
    site.html("/fault", "<title>Oops</title><h1>Something went wrong</h1>", status=500)
    site.html("/wall", f"<title>Post</title>{ARTICLE}<div style='position:fixed;inset:0;"
              "background:rgba(0,0,0,.8);z-index:5'><form><h2>Log in to see this post</h2>"
              "<input name=u><input type=password name=p><button>Log in</button></form></div>")
    site.html("/consent-wall", f"<title>News</title>{ARTICLE}<div id='onetrust-banner-sdk' style='position:fixed;"
              "inset:0;background:#eee;z-index:99'>We value your privacy. We and our partners use cookies. "
              "<button id='onetrust-accept-btn-handler'>Accept all</button></div>"
              "<style>body{overflow:hidden}</style>")
    site.html("/removed", "<title>Facebook</title><h2>This content isn't available right now</h2><p>When this "
              "happens, it's usually because the owner only shared it with a small group of people.</p>")
    site.html("/article-about-404s", f"<title>Blog</title><h1>Why 404 not found pages matter</h1>{ARTICLE}"
              f"{ARTICLE}{ARTICLE}")
    yield site
    site.close()


@pytest.mark.parametrize("path, kind, mark, says", [
    ("/gone", "http_error", "Page gone (HTTP 404)", "The website says this page does not exist (404)."),
    ("/fault", "http_error", "Server error (HTTP 500)",
     "The website had a fault and sent an error page instead (500: Internal Server Error)."),
    ("/wall", "login_wall", "Login wall", "The page asks you to log in, so it does not show the post itself."),
    ("/consent-wall", "consent_wall", "Consent wall",
     "The page shows a cookie or consent question in place of the post itself."),
    ("/removed", "not_available", "Content not available",
     "The page says the content is not available (\u201cThis content isn't available right now\u201d)."),
])
def test_each_kind_of_page_that_is_not_the_page_is_named_before_it_is_sealed(vault, worker, pages, path, kind,
                                                                             mark, says):
    pending = capture_page(vault, worker, url=pages.base + path, case=vault.case("Case One"), options=OPTIONS)
    assert pending.problem == PageProblem(kind, pending.page.metadata["http_status"], mark, says)
    assert vault.items() == []  # looked at, not sealed
    with pytest.raises(ErrorPageNotKept) as refused:
        seal(vault, pending)
    assert str(refused.value) == (f"{says} It was not kept: nothing was saved. To keep it as a record of what "
                                  "the address showed, capture it again with --keep-error-pages.")
    assert refused.value.exit_code == 5 and vault.items() == []
    kept = seal(vault, pending, keep_error_page=True)
    assert kept.info["page_problem"] == {"kind": kind, "status": pending.page.metadata["http_status"],
                                         "mark": mark, "says": says}
    assert problem_of(vault.item(kept.id)).mark == mark
    assert vault.verify().ok


def test_the_question_says_gone_for_a_missing_page_and_showed_for_a_wall():
    gone = page_problem({"http_status": 404}, "")
    assert gone.question == ("The website says this page does not exist (404). Keep it as a record that the "
                             "page is gone, or discard it?")
    wall = page_problem({"http_status": 200, "quality": {"warnings": [{"kind": "login_wall"}]}}, "")
    assert wall.question.endswith("Keep it as a record of what the address showed, or discard it?")


@pytest.mark.parametrize("path", ["/post", "/article-about-404s"])
def test_an_ordinary_page_is_sealed_as_always(vault, worker, pages, path):
    item = capture_url(vault, worker, url=pages.base + path, case=vault.case("Case One"), options=OPTIONS)
    assert "page_problem" not in item.info and problem_of(item) is None


def test_a_recapture_keeps_the_gone_page_with_its_mark(vault, worker, pages):
    pages.html("/soon-gone", f"<title>Post</title>{ARTICLE}")
    earlier = capture_url(vault, worker, url=pages.base + "/soon-gone", case=vault.case("Case One"), options=OPTIONS)
    del pages.pages["/soon-gone"]
    result = recapture_item(vault, worker, earlier.id, options=OPTIONS)
    assert result.outcome == "gone"
    assert result.new.info["page_problem"]["mark"] == "Page gone (HTTP 404)"


def test_an_old_capture_of_an_error_page_is_marked_from_its_status():
    class Old:  # a capture sealed before this check existed: no stored mark, its status only
        kind, info = "web_capture", {"http_status": 404, "title": "Error response"}
    assert problem_of(Old()).mark == "Page gone (HTTP 404)"


# -- the command line --------------------------------------------------------------------------
def run(vault_dir, *args: str) -> subprocess.CompletedProcess:
    return run_cli(vault_dir, *args, tz="Europe/London")


def test_cli_does_not_keep_an_error_page_unless_asked_and_marks_it_when_kept(vault_dir, pages):
    refused = run(vault_dir, "capture", pages.base + "/gone", "--case", "Case One", "--timeout", "15")
    assert refused.returncode == 5, refused.stderr
    assert refused.stderr == ("evidence-vault: The website says this page does not exist (404). It was not kept: "
                              "nothing was saved. To keep it as a record of what the address showed, capture it "
                              "again with --keep-error-pages.\n")
    assert json.loads(run(vault_dir, "list", "--json").stdout) == []
    kept = run(vault_dir, "capture", pages.base + "/gone", "--case", "Case One", "--timeout", "15",
               "--keep-error-pages")
    assert kept.returncode == 0, kept.stderr
    assert "Captured item 1 in case 'Case One': [PAGE GONE (HTTP 404)] Error response" in kept.stdout
    assert "kept as a record of what the address showed: The website says this page does not exist (404)." \
        in kept.stdout
    listed = run(vault_dir, "list").stdout
    assert "Error response <" in listed and "> [PAGE GONE (HTTP 404)]" in listed
    shown = run(vault_dir, "show", "1").stdout
    assert ("  NOT THE PAGE: Page gone (HTTP 404). The website says this page does not exist (404). Kept as a "
            "record of what the address showed.") in shown
    assert json.loads(run(vault_dir, "show", "1", "--json").stdout)["info"]["page_problem"]["kind"] == "http_error"
    assert run(vault_dir, "verify").returncode == 0
