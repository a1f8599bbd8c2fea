# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Files (and saved emails) added off the window's thread, one after another.

Why a thread: every file goes through the clause-71 walker (evidence_vault/safeguarding/walker.py),
which opens what the file holds; a large Word file or an email of thousands of parts takes
seconds, and the window must keep answering meanwhile (issue 18, finding 13). The task calls
``workflows.add_file`` (the same function as the command line, which hands emails to the email
intake by their bytes) and reports plain data back through signals; the window decides what
to show. Calls on the vault are serialised by the session (``LockedVault``), and the walk itself
runs outside them.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QThread, Signal

from evidence_vault import DuplicateFileError, EvidenceVaultError, SafeguardingBlock, workflows


class ImportTask(QThread):
    """Adds ``paths`` to ``case``. ``progress(name)`` before each file; ``done`` once at the end
    with (ids added, problems in words, duplicates as (path, message), refused file name or "")."""

    progress = Signal(str)
    done = Signal(list, list, list, str)

    def __init__(self, session, case, paths: list[Path], *, again: bool = False,
                 answers: dict | None = None, parent=None) -> None:
        super().__init__(parent)
        self.session, self.case, self.paths, self.again = session, case, [Path(p) for p in paths], again
        self.answers = {Path(p): a for p, a in (answers or {}).items()}  # import_dialog.Answer by path

    def run(self) -> None:
        added: list[int] = []
        problems: list[str] = []
        duplicates: list[tuple[str, str]] = []
        refused = ""
        try:
            for path in self.paths:
                self.progress.emit(path.name)
                answer = self.answers.get(path)  # when it happened and a note, as the person gave them
                happened, note = (answer.happened, answer.note) if answer is not None else (None, None)
                try:
                    added.append(workflows.add_file(self.session.require(), self.case, path, again=self.again,
                                                    happened=happened, note=note).id)
                except DuplicateFileError as exc:
                    duplicates.append((str(path), str(exc)))
                except SafeguardingBlock:
                    refused = path.name  # stop here: the guidance comes first
                    break
                except EvidenceVaultError as exc:
                    problems.append(f"{path.name}: {exc}")
        except Exception:
            # A bug: unblock the window with a plain sentence, then let it surface (traceback).
            problems.append("Something went wrong inside Evidence Vault, so the files were not all "
                            "added. Please try again, and tell whoever looks after your computer.")
            self.done.emit(added, problems, duplicates, refused)
            raise
        self.done.emit(added, problems, duplicates, refused)
