# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Evidence Vault is GPL-3.0-or-later: every file of the repository says under which licence it
is (REUSE, checked by ``reuse lint``), and every distribution in requirements.lock is under a
licence that can be combined with it (packaging/licences.toml says why each one can).

The notices of the frozen folder are checked in tests/packaging/test_frozen_build.py.
"""

from __future__ import annotations

import importlib.metadata as md
import runpy
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
NOTICES = runpy.run_path(str(REPO / "packaging" / "third_party_notices.py"))
LicenceError = NOTICES["LicenceError"]


@pytest.fixture(scope="module")
def reviews() -> dict:
    return NOTICES["load_reviews"]()


def test_the_licence_is_the_gpl_version_3_and_the_metadata_says_or_later():
    text = (REPO / "LICENSE").read_text(encoding="utf-8")
    assert text.lstrip().startswith("GNU GENERAL PUBLIC LICENSE\n                       Version 3, 29 June 2007")
    assert "END OF TERMS AND CONDITIONS" in text
    assert (REPO / "LICENSES" / "GPL-3.0-or-later.txt").read_text(encoding="utf-8") == text
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["license"] == "GPL-3.0-or-later"
    assert md.distribution("evidence-vault").metadata["License-Expression"] == "GPL-3.0-or-later"


def test_reuse_lint_passes():
    """Every file has its copyright and licence (an SPDX header, or REUSE.toml for files that
    cannot carry one). A new file needs the header: docs/packaging.md, "Licensing"."""
    done = subprocess.run([sys.executable, "-m", "reuse", "--root", str(REPO), "lint"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout[-6000:] + done.stderr[-2000:]


def test_every_locked_distribution_is_installed_at_its_locked_version():
    """The licences below are read from the installed metadata, so it must be the locked one."""
    wrong = {name: (version, _installed(name)) for name, version in NOTICES["locked_distributions"]().items()
             if _installed(name) != version}
    assert wrong == {}, "installed versions differ from requirements.lock (scripts/setup.sh): " + repr(wrong)


def _installed(name: str) -> str | None:
    try:
        return md.version(name)
    except md.PackageNotFoundError:
        return None


_EXHIBIT_B = 'Exhibit B - "Incompatible With Secondary Licenses" Notice'


def marked_incompatible(text: str) -> bool:
    """Whether a licence file carries MPL 2.0's Exhibit B notice for its code. The MPL text itself
    defines the term (1.5, 10.4) and ends with the notice as a template under its Exhibit B
    heading: that is not a marking, so the template is cut before looking."""
    flat = " ".join(text.split())
    if _EXHIBIT_B in flat:
        head, _, tail = flat.partition(_EXHIBIT_B)
        flat = head + tail.split("Mozilla Public License, v. 2.0.", 1)[-1]
    return 'This Source Code Form is "Incompatible With Secondary Licenses"' in flat


def test_mpl_exhibit_b_is_told_from_the_licence_text():
    notice = 'This Source Code Form is "Incompatible With Secondary Licenses", as defined by the Mozilla Public License, v. 2.0.'
    licence = ("1.5. \"Incompatible With Secondary Licenses\" means ...\n" + _EXHIBIT_B +
               "\n----\n\n  " + notice + "\n")
    assert not marked_incompatible(licence)
    assert marked_incompatible(licence + "\n" + notice)
    assert marked_incompatible(notice)


def test_every_locked_distribution_can_be_combined_with_gpl_3_or_later(reviews):
    problems = []
    for name in NOTICES["locked_distributions"]():
        dist = md.distribution(name)
        try:
            licence = NOTICES["licence_of"](dist, reviews)
        except LicenceError as exc:
            problems.append(str(exc))
            continue
        if blocked := NOTICES["blockers"](licence.use, reviews):
            problems.append(f"{name} {dist.version} is {licence.use}: {', '.join(blocked)} cannot be "
                            "combined with GPL-3.0-or-later (packaging/licences.toml, [compatible])")
        if "MPL-2.0" in licence.use and any(marked_incompatible(text)
                                            for _, text in NOTICES["licence_files"](dist)):
            problems.append(f"{name} {dist.version}: its MPL-2.0 is 'Incompatible With Secondary Licenses'")
    assert problems == [], "\n".join(problems)


def test_every_bundled_asset_has_a_compatible_licence_its_text_and_its_reuse_entry(reviews):
    """resources/ files of others ([assets]): e.g. the Phosphor icons the app draws (MIT)."""
    assets = NOTICES["asset_components"](reviews)
    assert assets, "the icons are bundled: packaging/licences.toml [assets] names them"
    reuse = (REPO / "REUSE.toml").read_text(encoding="utf-8")
    for component, (name, entry) in zip(assets, sorted(reviews["assets"].items())):
        assert NOTICES["blockers"](entry["spdx"], reviews) == [], name
        assert (REPO / entry["path"]).is_dir() and any((REPO / entry["path"]).iterdir()), name
        assert component.texts and component.texts[0][1].strip(), name
        assert f'path = ["{entry["path"]}**"]' in reuse and f'"{entry["spdx"]}"' in reuse, name


def test_the_reviews_are_of_locked_distributions_and_name_real_files(reviews):
    locked = {NOTICES["canonical"](n) for n in NOTICES["locked_distributions"]()}
    assert sorted(set(reviews["reviewed"]) - locked) == [], "reviews of distributions no longer locked"
    for name, entry in reviews["reviewed"].items():
        assert {"spdx", "declared", "source"} <= set(entry), name
        assert entry.get("use", entry["spdx"]) in entry["spdx"], name
        if "text" in entry:
            assert (REPO / entry["text"]).is_file(), (name, entry["text"])


@pytest.mark.parametrize("expression, blocked", [
    ("MIT", []),
    ("Apache-2.0 AND BSD-3-Clause", []),
    ("GPL-2.0-only", ["GPL-2.0-only"]),
    ("MIT AND GPL-2.0-only", ["GPL-2.0-only"]),
    ("GPL-2.0-only OR MIT", []),
    ("GPL-2.0-only OR EPL-2.0", ["GPL-2.0-only", "EPL-2.0"]),
    ("AGPL-3.0-only", ["AGPL-3.0-only"]),
    ("GPL-2.0-or-later WITH Bootloader-exception", []),
    ("GPL-2.0-or-later WITH Classpath-exception-2.0", ["Classpath-exception-2.0 (an exception not reviewed)"]),
    ("LicenseRef-Proprietary", ["LicenseRef-Proprietary"]),
])
def test_blockers_names_what_cannot_be_combined(reviews, expression, blocked):
    assert NOTICES["blockers"](expression, reviews) == blocked


def test_a_licence_nobody_reviewed_or_that_changed_since_is_refused(reviews):
    """extract-msg's metadata says only "GPL": without its review there is no licence to state,
    and a review made for other metadata is no review."""
    dist = md.distribution("extract-msg")
    assert NOTICES["licence_of"](dist, reviews).use == "GPL-3.0-only"
    without = {**reviews, "reviewed": {k: v for k, v in reviews["reviewed"].items() if k != "extract-msg"}}
    with pytest.raises(LicenceError, match=r"extract-msg .*'GPL'.*add \[reviewed.extract-msg\]"):
        NOTICES["licence_of"](dist, without)
    stale = {**reviews, "reviewed": {**reviews["reviewed"],
                                     "extract-msg": {**reviews["reviewed"]["extract-msg"], "declared": "MIT"}}}
    with pytest.raises(LicenceError, match="read its licence files again"):
        NOTICES["licence_of"](dist, stale)


def test_every_bundled_font_has_an_asset_entry_and_its_licence_text_reaches_the_notices(reviews):
    """The fonts of resources/fonts travel in the desktop build (build.spec's datas): each folder
    of non-Python files has an ``assets`` entry, and the notices carry its licence text."""
    assets = reviews.get("assets", {})
    fonts = sorted(p.name for p in (REPO / "resources" / "fonts").glob("*.ttf"))
    assert fonts == ["DejaVuSans-Bold.ttf", "DejaVuSans.ttf", "DejaVuSansMono.ttf"]
    assert "resources/fonts" in assets and assets["resources/fonts"]["spdx"] == "Bitstream-Vera"
    notices = NOTICES["render"](NOTICES["asset_components"](reviews), title="t", qt_version=None)
    assert "DejaVu fonts" in notices and "Bitstream Vera is a trademark of Bitstream, Inc." in notices
    assert "Font Software may be sold as part of a larger software package" in notices
