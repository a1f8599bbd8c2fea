# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

""""Add a bundle I received…": a staff member's sealed bundle added to the case as evidence.

Why off the window's thread: the bundle is checked as "Check a bundle I received" checks it
(the seal, every file, the history) and every picture in it goes through the clause-71
walker before anything is written; a bundle of many screen prints takes seconds. The task
calls ``workflows.import_bundle``, the same function as ``evidence-vault import-bundle``, and
hands back plain words; the window shows them (``bundle_commands.BundleCommands``). Calls on
the vault are serialised by the session (``LockedVault``).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QThread, Signal

from evidence_vault import (
    BundlePasswordError, BundleRefusedError, DuplicateFileError, EvidenceVaultError, SafeguardingBlock, workflows,
)

OFFER_TITLE = "A bundle you received?"
OFFER = ("{names} {is_are} an evidence bundle sealed by Evidence Vault. Added as a bundle you received, "
         "its seal is checked first and each item in it joins this case with its own kind, its date and "
         "who reported it (the timeline can show one person's items). Kept as a file instead, it is one "
         "sealed file that cannot be opened or searched here.")
LOCKED = ("{names} {is_are} a PDF with a password. If it is an evidence bundle someone sent you, add it as a "
          "bundle you received (you will be asked for its password); otherwise keep it as a file.")


class BundleImportTask(QThread):
    """Imports one bundle; ``done`` once with a dict: ``items`` (ids added), ``said`` (words to
    show), ``refused`` (clause 71), ``needs_password``."""

    done = Signal(dict)

    def __init__(self, session, case, path: Path, password: str | None = None, parent=None) -> None:
        super().__init__(parent)
        self.session, self.case, self.path, self.password = session, case, Path(path), password

    def run(self) -> None:
        result: dict = {"items": [], "said": "", "refused": False, "needs_password": False, "path": str(self.path)}
        try:
            done = workflows.import_bundle(self.session.require(), self.case, self.path, password=self.password)
            src = done.provenance
            result["items"] = [done.bundle_item.id] + [i.id for i in done.items]
            result["said"] = (f"Added {len(done.items)} item(s) from {src.get('from_name')}'s bundle. Their code is "
                              f"{src.get('code')}: ask them to read theirs to you to be sure it came from them.")
        except BundlePasswordError as exc:
            result["needs_password"] = self.password is None
            result["said"] = str(exc)
        except BundleRefusedError as exc:
            result["said"] = " ".join([str(exc)] + [f"({line})" for line in exc.problems[:3]])
        except DuplicateFileError as exc:
            result["said"] = str(exc)
        except SafeguardingBlock:
            result["refused"] = True
        except EvidenceVaultError as exc:
            result["said"] = str(exc)
        except Exception:
            result["said"] = ("Something went wrong inside Evidence Vault, so the bundle was not added. "
                              "Please try again, and tell whoever looks after your computer.")
            self.done.emit(result)
            raise
        self.done.emit(result)
