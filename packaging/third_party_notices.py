# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Third-party notices for the desktop build, read from what is installed, and the licence of
every locked distribution.

The frozen folder carries other people's software: Python distributions, Python itself, Qt,
and (on Linux) the system libraries PyInstaller copies in. Each one's licence asks for its
notice and licence text to travel with it, so the build writes them from the files it actually
bundles: build.spec hands ``write_folder`` the source path of every bundled file, each path is
traced to the distribution whose RECORD lists it (or to Python, or to a Debian package), and
the notices carry each one's name, version, licence and the licence texts it ships.

A licence is read from the distribution's own metadata when that is a canonical SPDX
expression, else from the entry a person wrote in packaging/licences.toml after reading its
licence files; ``licence_of`` refuses a distribution that has neither, and
tests/test_licences.py checks every locked one against GPL-3.0-or-later with ``blockers``.

    .venv/bin/python packaging/third_party_notices.py            # every locked distribution, to stdout

This file is loaded by path (build.spec, the tests): ``packaging`` is also a PyPI package name.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata as md
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
REVIEWS = HERE / "licences.toml"
LGPL_TEXT = HERE / "qt" / "COPYING.LESSER"
NOTICES_NAME = "THIRD-PARTY-NOTICES.txt"
LGPL_NAME = "LGPL-3.0.txt"
QT_DISTRIBUTIONS = {"pyside6", "pyside6-essentials", "pyside6-addons", "shiboken6"}
_LICENCE_FILE = re.compile(r"^(LICEN[CS]ES?|COPYING|NOTICE|THIRDPARTYNOTICES|AUTHORS)([-._].*)?$|_LICEN[CS]E", re.I)


class LicenceError(Exception):
    """A distribution whose licence cannot be stated; the message says what to review."""


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def load_reviews(path: Path = REVIEWS) -> dict:
    with path.open("rb") as fh:
        data = tomllib.load(fh)
    data["reviewed"] = {canonical(k): v for k, v in data.get("reviewed", {}).items()}
    return data


def declared(dist: md.Distribution) -> str:
    """What the distribution's metadata says about its licence, in one line."""
    meta = dist.metadata
    if meta.get("License-Expression"):
        return meta["License-Expression"].strip()
    text = (meta.get("License") or "").strip()
    if text and text.upper() != "UNKNOWN":
        return text.splitlines()[0].strip()
    classifiers = [c.split("::")[-1].strip() for c in meta.get_all("Classifier") or []
                   if c.startswith("License ::")]
    return "classifiers: " + " | ".join(classifiers) if classifiers else ""


@functools.cache
def _spdx():
    from license_expression import get_spdx_licensing  # the REUSE tool's parser, in requirements.lock
    return get_spdx_licensing()


def _canonical_spdx(text: str) -> str | None:
    """``text`` if it is exactly a canonical SPDX expression ('MIT'), else None ('BSD', 'GPL')."""
    if not text or len(text) > 200:
        return None
    try:
        info = _spdx().validate(text, strict=True)
    except Exception:  # noqa: BLE001 - license-expression raises assorted errors on free text
        return None
    return text if not info.errors and info.normalized_expression == text else None


@dataclass(frozen=True)
class Licence:
    """A distribution's licence as the notices state it."""
    spdx: str
    use: str  # the licence the build uses it under (differs from spdx for "A OR B")
    source: str  # where the expression was read
    text: str = ""  # a file in this repository, for a distribution that ships no licence text


def licence_of(dist: md.Distribution, reviews: dict) -> Licence:
    name = canonical(dist.metadata["Name"])
    said = declared(dist)
    entry = reviews["reviewed"].get(name)
    if entry is not None:
        if entry["declared"] != said:
            raise LicenceError(
                f"{name} {dist.version}: its metadata now says {said!r}, packaging/licences.toml "
                f"was reviewed for {entry['declared']!r}; read its licence files again and update the entry")
        return Licence(entry["spdx"], entry.get("use", entry["spdx"]),
                       "reviewed: " + entry["source"], entry.get("text", ""))
    spdx = _canonical_spdx(said)
    if spdx is None:
        raise LicenceError(
            f"{name} {dist.version}: its metadata says {said or 'nothing'!r}, not an SPDX expression; "
            f"read its licence files and add [reviewed.{name}] to packaging/licences.toml "
            f"(spdx, declared = {said!r}, source)")
    return Licence(spdx, spdx, "its metadata (" + ("License-Expression" if dist.metadata.get(
        "License-Expression") else "License") + ")")


def blockers(expression: str, reviews: dict) -> list[str]:
    """The parts of an SPDX expression that stop it being combined with GPL-3.0-or-later
    ([] when it can be): every part of an AND, at least one choice of an OR."""
    from license_expression import AND, OR, LicenseWithExceptionSymbol

    compatible, exceptions = reviews["compatible"], reviews["exceptions"]

    def walk(node) -> list[str]:
        if isinstance(node, AND):
            return [b for arg in node.args for b in walk(arg)]
        if isinstance(node, OR):
            choices = [walk(arg) for arg in node.args]
            return [] if any(not c for c in choices) else [b for c in choices for b in c]
        if isinstance(node, LicenseWithExceptionSymbol):
            found = walk(node.license_symbol)
            if node.exception_symbol.key not in exceptions:
                found.append(f"{node.exception_symbol.key} (an exception not reviewed)")
            return found
        return [] if node.key in compatible else [node.key]

    return walk(_spdx().parse(expression, strict=True))  # an unknown id is kept, and blocks


def licence_files(dist: md.Distribution) -> list[tuple[str, str]]:
    """(label, text) of every licence or notice file the distribution ships: its dist-info
    licences first, then those inside the package (Playwright's driver carries Node.js's)."""
    declared_files = set(dist.metadata.get_all("License-File") or [])  # PEP 639, relative to licenses/
    found = []
    for f in dist.files or []:
        in_metadata = f.parts[0].endswith(".dist-info") and (
            "/".join(f.parts[2:]) in declared_files if f.parts[1:2] == ("licenses",) else
            "/".join(f.parts[1:]) in declared_files)
        if in_metadata or (_LICENCE_FILE.search(f.name)
                           and not f.name.endswith((".py", ".pyc", ".pyi", ".so", ".dll", ".html"))):
            path = Path(dist.locate_file(f))
            if path.is_file():
                in_package = not f.parts[0].endswith(".dist-info")
                found.append((in_package, f.as_posix(), path))
    found.sort(key=lambda t: (t[0], t[1]))
    return [(label, path.read_text(encoding="utf-8", errors="replace")) for _, label, path in found]


@dataclass
class Component:
    """One section of the notices: a distribution, Python, or a system package."""
    kind: str  # "Python distribution", "Python", "Debian package"
    name: str
    version: str
    licence: str
    texts: list[tuple[str, str]] = field(default_factory=list)
    note: str = ""


def _path_key(path) -> str:
    return os.path.normcase(os.path.realpath(path))


def _distribution_index() -> dict[str, md.Distribution]:
    index = {}
    for dist in md.distributions():
        for f in dist.files or []:
            index.setdefault(_path_key(dist.locate_file(f)), dist)
    return index


def _python_component() -> Component:
    stdlib = Path(sysconfig.get_paths()["stdlib"])
    for candidate in (stdlib / "LICENSE.txt", Path(sys.base_prefix) / "LICENSE.txt",
                      Path(f"/usr/share/doc/python{sys.version_info.major}.{sys.version_info.minor}/copyright")):
        if candidate.is_file():
            return Component("Python", "Python", sys.version.split()[0], "PSF-2.0",
                             [(candidate.name, candidate.read_text(encoding="utf-8", errors="replace"))],
                             "The interpreter, its standard library and its extension modules.")
    raise LicenceError(f"Python's licence text was not found beside {stdlib}")


def _debian_components(paths: list[str]) -> tuple[list[Component], list[str]]:
    """The Debian packages that own ``paths`` (system libraries), and the paths none owns.
    dpkg knows a library by the path its package installed (/usr/lib/… or /lib/…, whichever
    side of the /usr merge), so each path is asked for under every spelling, in one call."""
    if not paths or shutil.which("dpkg-query") is None:
        return [], paths
    spellings: dict[str, str] = {}
    for path in paths:
        real = os.path.realpath(path)
        for candidate in (path, real, re.sub(r"^/usr/", "/", real), "/usr" + real):
            spellings.setdefault(candidate, path)
    found = subprocess.run(["dpkg-query", "-S", *spellings], capture_output=True, text=True).stdout
    owners: dict[str, str] = {}
    for line in found.splitlines():
        packages, _, owned = line.partition(": ")
        if owned in spellings:
            owners.setdefault(spellings[owned], packages.split(",")[0].split(":")[0].strip())
    packages = sorted(set(owners.values()))
    listed = subprocess.run(["dpkg-query", "-W", "-f=${Package}\t${Version}\n", *packages],
                            capture_output=True, text=True, check=bool(packages)).stdout
    versions = dict(line.split("\t", 1) for line in listed.splitlines() if "\t" in line)
    components = []
    for package in packages:
        copyright_file = Path("/usr/share/doc") / package / "copyright"
        files = sorted(Path(p).name for p, owner in owners.items() if owner == package)
        texts = ([("copyright", copyright_file.read_text(encoding="utf-8", errors="replace"))]
                 if copyright_file.is_file() else [])
        components.append(Component("Debian package", package, versions.get(package, "?"),
                                    "see its copyright file", texts,
                                    f"Bundled: {', '.join(files)}. Its source, for this version: "
                                    f"apt-get source {package}={versions.get(package, '')}, or "
                                    "https://snapshot.debian.org/"))
    return components, [p for p in paths if p not in owners]


def trace(sources) -> tuple[dict[str, md.Distribution], bool, list[str]]:
    """Sort bundled source files by origin: the distributions whose RECORD lists them, whether
    any is Python's own (the standard library, the interpreter), and the rest."""
    index = _distribution_index()
    python_roots = {_path_key(p) for p in (sys.base_prefix, sys.base_exec_prefix)}
    dists: dict[str, md.Distribution] = {}
    python, rest = False, []
    for source in sorted(set(sources)):
        if not source or source == "-" or not os.path.exists(source):
            continue  # namespace packages ("-"), PyInstaller's generated files
        key = _path_key(source)
        dist = index.get(key)
        if dist is not None:
            dists.setdefault(canonical(dist.metadata["Name"]), dist)
        elif key.startswith(_path_key(ROOT) + os.sep):
            continue  # Evidence Vault's own files
        elif (any(key.startswith(root + os.sep) for root in python_roots)
              or os.path.basename(key) == "base_library.zip"):  # the standard library, zipped by the build
            python = True
        else:
            rest.append(source)
    dists.pop("evidence-vault", None)
    return dists, python, rest


def distribution_component(dist: md.Distribution, reviews: dict, *, bundled: bool = True) -> Component:
    licence = licence_of(dist, reviews)
    texts = licence_files(dist)
    shown = licence.spdx if licence.use == licence.spdx else f"{licence.spdx}; used here under {licence.use}"
    note = ""
    if licence.text:
        note = (f"This distribution ships no licence text. The text of {licence.use} is in "
                f"{LGPL_NAME} in this folder (see 'Qt' at the top); the GNU GPL it builds on is in LICENSE.")
    elif not texts and not bundled:
        note = "This distribution ships no licence text (it is not in the desktop build)."
    elif not texts:
        raise LicenceError(f"{dist.metadata['Name']} {dist.version} ships no licence text; give its "
                           f"entry in packaging/licences.toml a 'text' file")
    return Component("Python distribution", dist.metadata["Name"], dist.version, shown, texts, note)


def components_of(sources, reviews: dict) -> tuple[list[Component], list[str]]:
    """Every third-party component among the bundled source files, and the files traced to none."""
    dists, python, rest = trace(sources)
    components = [distribution_component(d, reviews) for _, d in sorted(dists.items())]
    if python:
        components.append(_python_component())
    debian, unknown = _debian_components(rest)
    return components + debian + asset_components(reviews), unknown


def asset_components(reviews: dict) -> list[Component]:
    """The non-Python files of resources/ (fonts, icons), from the ``assets`` of packaging/licences.toml."""
    out = []
    for folder, entry in sorted(reviews.get("assets", {}).items()):
        text = (ROOT / entry["text"]).read_text(encoding="utf-8")
        out.append(Component("Bundled files", entry["name"], entry["version"], entry["spdx"],
                             [(Path(entry["text"]).name, text)],
                             f"In {folder}/. From {entry['source']}."))
    return out


# REUSE-IgnoreStart (Qt's copyright in the notice text, not this file's)
def qt_section(version: str) -> str:
    return f"""Qt and Qt for Python (PySide6 {version}) are used under the GNU Lesser General Public
License version 3 (LGPL-3.0-only), Copyright (C) The Qt Company Ltd. and other contributors.
The LGPL text is in {LGPL_NAME} in this folder; the GNU GPL version 3 it adds to is in LICENSE.
Their source code, for exactly this version: https://download.qt.io/official_releases/QtForPython/
(PySide6 and shiboken6) and https://download.qt.io/official_releases/qt/ (Qt); Qt's own
third-party parts and their licences: https://doc.qt.io/qt-6/licenses-used-in-qt.html. ICU
(libicu*, bundled with Qt on Linux) is under the Unicode licence, https://www.unicode.org/license.txt.

You may replace the Qt libraries with your own (for example a modified Qt of the same version).
The programs load them from this folder when they start, so a replaced file is used the next
time; nothing in the programs checks them:
  Linux    _internal/PySide6/Qt/lib/libQt6*.so.6  and the plugins in _internal/PySide6/Qt/plugins/
  Windows  _internal/PySide6/Qt6*.dll             and the plugins in _internal/PySide6/plugins/
  macOS    _internal/PySide6/Qt/lib/Qt*.framework and the plugins in _internal/PySide6/Qt/plugins/
PySide6's own bindings are _internal/PySide6/*.abi3.so (.pyd on Windows), libpyside6 and, in
_internal/shiboken6/, libshiboken6. To change anything else, rebuild this folder from Evidence
Vault's source (GPL-3.0-or-later, whoever gave you this folder must offer it) with build.spec and
the PySide6 and Qt of your choice, as docs/packaging.md in that source describes.
"""
# REUSE-IgnoreEnd


def render(components: list[Component], *, title: str, qt_version: str | None) -> str:
    rule = "=" * 78
    lines = [title, rule, "",
             "Evidence Vault is free software under the GNU General Public License, version 3 or",
             "(at your option) any later version: LICENSE in this folder. This folder also holds",
             "the software of others, listed below with its version, its licence (as an SPDX",
             "expression) and the licence and notice texts it ships with. Written when the folder",
             "was built, from the files the build took in.", "", "Contents:"]
    lines += [f"  {c.kind}: {c.name} {c.version} ({c.licence})" for c in components]
    if qt_version:
        lines += ["  Qt: how to replace the Qt libraries (LGPL-3.0)"]
    if qt_version:
        lines += ["", rule, "Qt: how to replace the Qt libraries (LGPL-3.0)", "", qt_section(qt_version).rstrip("\n")]
    seen: dict[str, str] = {}
    for c in components:
        lines += ["", rule, f"{c.kind}: {c.name} {c.version}", f"Licence: {c.licence}"]
        if c.note:
            lines.append(c.note)
        for label, text in c.texts:
            digest = hashlib.sha256(text.encode()).hexdigest()
            lines += ["", f"--- {label} ---"]
            if digest in seen:
                lines.append(f"(the same text as {seen[digest]} above)")
            else:
                seen[digest] = f"{c.name}'s {label}"
                lines.append(text.rstrip("\n"))
    return "\n".join(lines) + "\n"


def write_folder(folder: Path, sources, *, title: str) -> list[str]:
    """Put LICENSE, the notices and (with Qt) the LGPL text into the frozen folder; the bundled
    files traced to no component (the caller decides whether that stops the build)."""
    reviews = load_reviews()
    components, unknown = components_of(sources, reviews)
    names = {canonical(c.name) for c in components}
    qt_version = md.version("PySide6_Essentials") if names & QT_DISTRIBUTIONS else None
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(ROOT / "LICENSE", folder / "LICENSE")
    (folder / NOTICES_NAME).write_text(render(components, title=title, qt_version=qt_version), encoding="utf-8")
    if qt_version:
        shutil.copyfile(LGPL_TEXT, folder / LGPL_NAME)
    return unknown


def locked_distributions(lock: Path = ROOT / "requirements.lock") -> dict[str, str]:
    """{name: version} pinned in requirements.lock."""
    pins = {}
    for line in lock.read_text(encoding="utf-8").splitlines():
        line = line.split("#")[0].strip()
        if "==" in line:
            name, version = line.split("==", 1)
            pins[name.strip()] = version.strip()
    return pins


if __name__ == "__main__":
    _reviews = load_reviews()
    _found = [distribution_component(md.distribution(n), _reviews, bundled=False) for n in locked_distributions()]
    sys.stdout.write(render(_found, title="Evidence Vault: the licences of requirements.lock", qt_version=None))
