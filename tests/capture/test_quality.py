# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""A capture that looks fine but is no use is detected, recorded, and told with a next step.

Each page below is one way a capture goes wrong on the real web; each test asserts the exact
warning kind, that it is in the notes the user sees (with "Next step:"), and the opposite case
where it must not fire. Nothing is clicked unless ``dismiss_consent`` is asked for, and then
the click is recorded.
"""

from __future__ import annotations

import pytest

from evidence_vault.capture import CaptureOptions

from pages_site import PagesSite, solid_png

pytestmark = pytest.mark.browser

ARTICLE = "".join(f"<p>Paragraph {i} of a real post, with enough words to read as an article.</p>"
                  for i in range(30))
ONETRUST = ('<div id="onetrust-banner-sdk" style="position:fixed;left:0;right:0;bottom:0;height:220px;'
            'background:#eee;z-index:99">We use cookies and share data with our partners. '
            '<button id="onetrust-accept-btn-handler" onclick="this.parentNode.remove()">Accept all</button>'
            '<button id="onetrust-reject-all-handler" onclick="this.parentNode.remove()">Reject all</button></div>')


@pytest.fixture(scope="module")
def pages():
    site = PagesSite()
    site.png("/ok.png", solid_png((200, 40, 40)))
    site.png("/dot.png", solid_png((255, 255, 255), (1, 1)))
    yield site
    site.close()


def kinds(page) -> list[str]:
    return [w["kind"] for w in page.metadata["quality"]["warnings"]]


def capture(worker, url, **options):
    return worker.capture(url, CaptureOptions(timeout_s=15, **options))


def test_a_plain_article_raises_no_warning(worker, pages):
    url = pages.html("/article", f"<title>Post</title><h1>Post</h1><img src='/ok.png'>{ARTICLE}")
    page = capture(worker, url)
    assert kinds(page) == [] and page.metadata["notes"] == []
    assert page.metadata["quality"]["seen"]["pictures"]["shown"] == 1
    assert "actions_on_page" not in page.metadata


def test_failed_and_blank_pictures_are_named(worker, pages):
    url = pages.html("/pictures", "<title>Pics</title>" + ARTICLE + "<img src='/ok.png'>"
                     "<img src='/missing-1.png' width=100 height=100><img src='/missing-2.png' width=100 height=100>"
                     "<img src='/dot.png' width=200 height=150>")
    page = capture(worker, url)
    assert kinds(page) == ["pictures_missing"]
    seen = page.metadata["quality"]["seen"]["pictures"]
    assert len(seen["broken"]) == 2 and len(seen["placeholders"]) == 1
    note = next(n for n in page.metadata["notes"] if "pictures on the page" in n)
    assert "2 failed to load" in note and "1 stayed blank" in note and "Next step:" in note


def test_consent_banner_is_reported_and_left_alone(worker, pages):
    url = pages.html("/consent", f"<title>News</title>{ARTICLE}{ONETRUST}")
    page = capture(worker, url)
    assert kinds(page) == ["consent_banner"]
    assert "We use cookies" in page.text  # never clicked without being asked
    assert "actions_on_page" not in page.metadata
    assert any("--dismiss-consent" in n for n in page.metadata["notes"])


def test_dismiss_consent_clicks_reject_and_records_it(worker, pages):
    url = pages.html("/consent2", f"<title>News</title>{ARTICLE}{ONETRUST}")
    page = capture(worker, url, dismiss_consent=True)
    assert kinds(page) == []
    assert "We use cookies" not in page.text
    (action,) = page.metadata["actions_on_page"]
    assert "--dismiss-consent" in action and '"Reject all"' in action
    assert action in page.metadata["notes"]


def test_dismiss_consent_with_no_banner_says_nothing_was_clicked(worker, pages):
    url = pages.html("/no-banner", f"<title>News</title>{ARTICLE}")
    page = capture(worker, url, dismiss_consent=True)
    assert page.metadata["actions_on_page"] == [
        "At the user's request (--dismiss-consent), a cookie/consent banner was looked for; none "
        "was found and nothing on the page was clicked."]


def test_login_wall_over_the_post(worker, pages):
    url = pages.html("/wall", f"<title>Post</title>{ARTICLE}<div style='position:fixed;inset:0;"
                     "background:rgba(0,0,0,.8);z-index:5'><form><h2>Log in to see this post</h2>"
                     "<input name=u><input type=password name=p><button>Log in</button></form></div>")
    page = capture(worker, url)
    assert kinds(page) == ["login_wall"]
    assert any("evidence browser" in n and "log in" in n for n in page.metadata["notes"])


def test_forum_with_a_login_box_in_its_header_is_not_a_wall(worker, pages):
    url = pages.html("/forum", "<title>Forum</title><header><form>User <input name=u> Password "
                     f"<input type=password name=p></form></header>{ARTICLE}{ARTICLE}")
    assert kinds(capture(worker, url)) == []


def test_overlay_covering_the_first_screen(worker, pages):
    url = pages.html("/overlay", f"<title>Post</title>{ARTICLE}<div style='position:fixed;inset:0;"
                     "background:#fff;z-index:5'><h2>Download our app!</h2></div>")
    page = capture(worker, url)
    assert kinds(page) == ["overlay"]
    assert page.metadata["quality"]["seen"]["overlayShare"] == 1


def test_mostly_empty_page(worker, pages):
    url = pages.html("/empty", "<title>Loading</title><body><div id=app></div></body>")
    assert kinds(capture(worker, url)) == ["mostly_empty"]


def test_page_still_changing_is_waited_for_then_reported(worker, pages):
    url = pages.html("/ticker", f"<title>Live</title>{ARTICLE}<ul id=t></ul><script>"
                     "setInterval(() => { const li = document.createElement('li'); li.textContent = 'update '"
                     " + Date.now(); document.getElementById('t').prepend(li); }, 100);</script>")
    page = capture(worker, url)
    settle = page.metadata["settle"]
    assert settle["dom_settled"] is False and settle["dom_changes"] > 5
    assert settle["waited_s"] <= 4  # bounded: at most 3 s after load
    assert kinds(page) == ["still_changing"]


def test_content_arriving_late_is_waited_for(worker, pages):
    url = pages.html("/late", "<title>Late</title><div id=c>loading</div><script>"
                     f"setTimeout(() => {{ document.getElementById('c').innerHTML = {ARTICLE!r}; }}, 600);"
                     "</script>")
    page = capture(worker, url)
    assert "Paragraph 29" in page.text
    settle = page.metadata["settle"]
    assert settle["dom_settled"] is True and settle["timers_pending"] == 0
    assert settle["dom_changes"] >= 1  # the settle step saw the content arrive: it waited for it
    assert kinds(page) == []
