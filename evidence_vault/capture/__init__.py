# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Evidence Vault's capture engine: a web page in, court-grade artefacts out, all in memory.

``BrowserWorker.capture(url)`` returns a ``CapturedPage``: a stitched full-page PNG, an
MHTML archive and the visible text of one load of the page, with a metadata record of how
it was made (addresses, redirects, server, certificate, times, browser, hashes). Every
image and media body passes the caller's safeguarding ``Inspector`` before it renders.
Errors are ``evidence_vault.errors`` classes whose text can be shown to the user as is.
The pipeline's order and guarantees are written down in docs/capture.md.
"""

from ._browser import find_browser
from ._types import PROGRESS_STEPS, CapturedPage, CaptureOptions, Inspector, Progress
from ._urls import WebAddress, validate_url
from ._worker import BrowserWorker

__all__ = [
    "BrowserWorker",
    "CaptureOptions",
    "CapturedPage",
    "Inspector",
    "PROGRESS_STEPS",
    "Progress",
    "WebAddress",
    "find_browser",
    "validate_url",
]
