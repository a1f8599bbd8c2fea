# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""The files attached to a bundle, read with bounded work and bounded memory.

The name tree is walked with a visited set and node, depth and entry limits (a 3 KB tree whose
kids all point at one node is otherwise 16^16 paths). Each attached file is hashed as it is
decompressed, in slices, and dropped from the parser's cache straight after: memory stays near
the largest attachment's compressed size however many there are, and the per-stream limit is
ours (``max_attachment_bytes``), not pyHanko's 256 MiB, so a genuine bundle holding a long
video checks. A bundle's attachments are Flate-compressed or stored as they are; any other
filter is a finding.

Attachment names are checked against what an export writes (``SAFE_NAME``): a name with a path
in it is how ``pdfdetach -saveall`` was made to write outside its folder.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from dataclasses import dataclass

from pyhanko.pdf_utils import generic

from .limits import LimitExceeded, MiB, VerifyLimits

SAFE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,60}(\.[A-Za-z0-9_-]{1,16})?")
_SLICE = 1 * MiB


@dataclass
class Attached:
    name: str
    stream_ref: object  # pyHanko IndirectObject of the embedded file stream


def _ref_key(obj) -> tuple | None:
    ref = getattr(obj, "reference", None)
    return (ref.idnum, ref.generation) if ref is not None else None


def _tree(root, what: str, max_nodes: int, max_depth: int):
    """Yield every node of a PDF tree (name tree, page tree) in order, each node once: a node
    reached twice (a loop, or kids sharing one node) or too many nodes is LimitExceeded."""
    seen: set = set()
    stack = [(root, 0)]
    count = 0
    while stack:
        node_ref, depth = stack.pop()
        key = _ref_key(node_ref)
        if key is not None:
            if key in seen:
                raise LimitExceeded(f"{what} refers to itself (a loop or a shared branch)")
            seen.add(key)
        count += 1
        if count > max_nodes or depth > max_depth:
            raise LimitExceeded(f"{what} is larger or deeper than any bundle's")
        node = node_ref.get_object()
        if not isinstance(node, generic.DictionaryObject):
            raise LimitExceeded(f"{what} is not a PDF tree")
        kids = node.get("/Kids")
        if kids is not None:
            kids = kids.get_object()
            if len(kids) > max_nodes:
                raise LimitExceeded(f"{what} is larger than any bundle's")
            stack.extend((kids.raw_get(i), depth + 1) for i in reversed(range(len(kids))))
        yield node


def list_attached(reader, report, limits: VerifyLimits) -> dict[str, Attached]:
    """name -> Attached, from the catalog's /EmbeddedFiles name tree; findings go to ``report``."""
    names = reader.root.get("/Names")
    tree = names.get_object().raw_get("/EmbeddedFiles") if names is not None and \
        "/EmbeddedFiles" in names.get_object() else None
    out: dict[str, Attached] = {}
    if tree is None:
        return out
    for node in _tree(tree, "the list of attached files", limits.max_name_tree_nodes, limits.max_name_tree_depth):
        pairs = node.get("/Names")
        if pairs is not None:
            pairs = pairs.get_object()
            for i in range(0, len(pairs) - 1, 2):
                _add(out, str(pairs[i]), pairs[i + 1], report, limits)
    return out


def _add(out: dict, name: str, spec_ref, report, limits: VerifyLimits) -> None:
    if len(out) >= limits.max_attachments:
        raise LimitExceeded(f"it has more than {limits.max_attachments:,} attached files")
    if not SAFE_NAME.fullmatch(name):
        report.fail(f"attachments: one is called {name[:80]!r}, a name no bundle uses (it could write outside "
                    "the folder when saved): do not save the attachments with pdfdetach -saveall")
        return
    spec = spec_ref.get_object()
    for key in ("/UF", "/F"):  # what pdfdetach -saveall writes, whatever the tree calls it
        if key in spec and str(spec[key]) != name:
            report.fail(f"attachment {name}: it would be saved as {str(spec[key])[:80]!r}, not under its own "
                        "name: do not save the attachments with pdfdetach -saveall")
            break
    if name in out:
        report.fail(f"attachments: two files are called {name}")
        return
    ef = spec["/EF"].get_object()
    stream_ref = ef.raw_get("/UF") if "/UF" in ef else ef.raw_get("/F")
    key = _ref_key(stream_ref)
    if key is not None and any(_ref_key(a.stream_ref) == key for a in out.values()):
        raise LimitExceeded("two of its attachments are the same stored file")
    out[name] = Attached(name, stream_ref)


def page_file_annotations(reader, limits: VerifyLimits) -> list[str]:
    """Files attached to pages as annotations (pdfdetach saves those too): a bundle has none."""
    for node in _tree(reader.root.raw_get("/Pages"), "its page tree", limits.max_pages, limits.max_name_tree_depth):
        annots = node.get("/Annots") if node.get("/Kids") is None else None
        annots = annots.get_object() if annots is not None else []
        for i in range(min(len(annots), 1000)):
            annot = annots[i]
            if isinstance(annot, generic.DictionaryObject) and annot.get("/Subtype") == "/FileAttachment":
                return ["attachments: a page carries a file of its own (an annotation), which no bundle has: "
                        "do not save the attachments with pdfdetach -saveall"]
    return []


def _filters(stream) -> list[str]:
    value = stream.get("/Filter")
    if value is None:
        return []
    value = value.get_object() if hasattr(value, "get_object") else value
    return [str(v) for v in value] if isinstance(value, generic.ArrayObject) else [str(value)]


def _slices(reader, attached: Attached, limits: VerifyLimits):
    """Yield the decoded bytes of one attachment in slices, then forget it."""
    ref = attached.stream_ref
    try:
        stream = ref.get_object()
        if not isinstance(stream, generic.StreamObject):
            raise LimitExceeded(f"attachment {attached.name}: it is not a file")
        filters = _filters(stream)
        if filters not in ([], ["/FlateDecode"]) or stream.get("/DecodeParms") is not None:
            raise LimitExceeded(f"attachment {attached.name}: it is stored in a way no bundle uses "
                                f"({' '.join(filters) or 'with parameters'})")
        raw = stream.encoded_data
        total = 0
        inflate = zlib.decompressobj() if filters else None
        for start in range(0, len(raw), _SLICE):
            piece = raw[start:start + _SLICE]
            while piece:
                if inflate is None:
                    out, piece = piece, b""
                else:
                    out = inflate.decompress(piece, _SLICE)
                    piece = inflate.unconsumed_tail
                total += len(out)
                if total > limits.max_attachment_bytes:
                    raise LimitExceeded(f"attachment {attached.name}: larger than "
                                        f"{limits.max_attachment_bytes:,} bytes when unpacked")
                if out:
                    yield out
        if inflate is not None:
            rest = inflate.flush()
            if rest:
                yield rest
    except zlib.error as exc:
        raise LimitExceeded(f"attachment {attached.name}: its compressed data is damaged ({exc})") from None
    finally:
        key = _ref_key(ref)
        if key is not None:  # the parser caches every object it reads: not these
            reader.resolved_objects.pop((key[1], key[0]), None)


def digest(reader, attached: Attached, limits: VerifyLimits) -> tuple[str, int]:
    """(SHA-256 hex, decoded size) of one attachment, streamed."""
    sha = hashlib.sha256()
    size = 0
    for piece in _slices(reader, attached, limits):
        sha.update(piece)
        size += len(piece)
    return sha.hexdigest(), size


def read_small(reader, attached: Attached, cap: int) -> bytes:
    """The whole decoded attachment, refusing more than ``cap`` bytes (manifest, checkpoint).

    Measured first, kept second: a small file that unpacks past the cap is refused without
    ever holding what it unpacks to."""
    small = VerifyLimits(max_attachment_bytes=cap)
    for _piece in _slices(reader, attached, small):
        pass
    return b"".join(_slices(reader, attached, small))


__all__ = ["list_attached", "page_file_annotations", "digest", "read_small", "Attached", "SAFE_NAME"]
