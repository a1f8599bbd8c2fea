# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Safeguarding: recognise listed images before anything is written (policy clause 71).

The pieces, in the order a body meets them::

    blocklist   read a hash list file  -> HashList   (hashlist: the type and its stored form)
    matcher     HashLists              -> Matcher    (exact sets + vectorised PDQ)
    hashing     bytes                  -> ImageHashes (md5, sha1, sha256, PDQ per frame)
    sniff       bytes + Content-Type   -> picture / SVG / media / other (magic numbers)
    identify    bytes                  -> what a part is: picture, zip, PDF, email, markup ...
    walker      Walk.visit()           -> every part of every container, each to the matcher,
                                          within walker.Limits (_archives, _documents, _mime,
                                          _markup, _pictures read the containers)
    guard       ImageGuard.inspect()   -> returns, or raises BlockedImage / UncheckableContent
                                          / LimitReached (refusals.py)
    advice      safeguarding_advice()  -> what a frightened member of staff should do next

Nothing here writes to disk, and nothing it returns, raises or records holds a hash or a pixel
of a page's pictures.
"""

from .advice import SafeguardingContacts, safeguarding_advice
from .blocklist import HASH_TYPES, HashList, load_hash_list, parse_hash_list
from .guard import KINDS, BlockedImage, ImageGuard, UncheckableContent, safe_url
from .hashing import (
    MAX_FRAMES,
    MAX_PIXELS,
    ExactHashes,
    ImageHashes,
    PdqCandidate,
    exact_hashes,
    image_hashes,
)
from .matcher import NO_LISTS_MESSAGE, Match, Matcher, Verdict
from .pdq import MATCH_THRESHOLD, MIN_QUALITY, hamming, pdq_of_image

__all__ = [
    "HASH_TYPES",
    "KINDS",
    "MATCH_THRESHOLD",
    "MAX_FRAMES",
    "MAX_PIXELS",
    "MIN_QUALITY",
    "NO_LISTS_MESSAGE",
    "BlockedImage",
    "ExactHashes",
    "HashList",
    "ImageGuard",
    "ImageHashes",
    "Match",
    "Matcher",
    "PdqCandidate",
    "SafeguardingContacts",
    "UncheckableContent",
    "Verdict",
    "exact_hashes",
    "hamming",
    "image_hashes",
    "load_hash_list",
    "parse_hash_list",
    "pdq_of_image",
    "safe_url",
    "safeguarding_advice",
]
