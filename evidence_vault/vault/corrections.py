# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Finding cases by number or name, and correcting records without destroying evidence.

Why a mixin of its own: these are the operations a person uses to put a mistake right
(``withdraw``, ``amend``) or to find where something belongs (``find_case``), and they share
one rule: nothing is erased. A withdrawn item stays in the vault and in the history with who
withdrew it, when and why; an amendment is a new wording of the item's text, shown beside
every earlier one (wordings.py). ``destroy`` (quarantine.py) stays what it is for (a quarantined item, on
police advice, under the recorded reference), and no message here points anyone towards it
to fix a mistake.
"""

from __future__ import annotations

import difflib

from ..errors import NotFoundError, UsageError
from .models import Case


def _clean(text: str) -> str:
    return " ".join((text or "").split())


class CorrectionsMixin:
    """``Vault`` methods: ``find_case``, ``withdraw``, ``amend``, ``check_amendable``."""

    # -- cases -----------------------------------------------------------------------------
    def find_case(self, text: str) -> Case:
        """The case named ``text`` (any case, spacing) or numbered ``text``.

        An unknown name gets "did you mean …?" with the close matches and the list of cases,
        never an invitation to create a misspelt duplicate.
        """
        wanted = _clean(str(text))
        if not wanted:
            raise UsageError("Say which case, by its number or its name ('evidence-vault case list' shows them).")
        rows = self.database.query("SELECT id, name FROM cases WHERE lookup=?", (self.case_lookup(wanted),))
        if rows:
            return Case(rows[0][0], self._open(rows[0][1], "cases", rows[0][0], "name").decode())
        cases = self.cases()
        number = wanted.removeprefix("#")
        if number.isdigit():
            for case in cases:
                if case.id == int(number):
                    return case
        if not cases:
            raise NotFoundError(f"There is no case called '{wanted}': this vault has no cases yet. "
                                "Create the first with 'evidence-vault case add NAME'.")
        folded = {c.name.casefold(): c for c in cases}
        close = difflib.get_close_matches(wanted.casefold(), list(folded), n=3, cutoff=0.6)
        close += [n for n in folded if wanted.casefold() in n and n not in close]
        listing = "; ".join(f"{c.id} {c.name}" for c in cases)
        hint = ""
        if close:
            hint = " Did you mean " + " or ".join(f"'{folded[n].name}' ({folded[n].id})" for n in close[:3]) + "?"
        raise NotFoundError(f"There is no case called '{wanted}'.{hint} Cases in this vault: {listing}. "
                            "You can give a case by its number.")

    # -- corrections -----------------------------------------------------------------------
    def _who(self) -> str | None:
        return (self.owner() or {}).get("name")

    def withdraw(self, item_id: int, *, reason: str):
        """Mark an item entered by mistake as withdrawn (kept, shown as withdrawn, left out of
        bundles by default). Returns the item as it is now."""
        item = self.item(item_id)
        reason = _clean(reason)
        if not reason:
            raise UsageError("Say why the item is withdrawn (--reason), e.g. 'added to the wrong case'. "
                             "The reason is kept with it.")
        if item.state == "destroyed":
            raise UsageError(f"Item {item.id} was destroyed on police advice; there is nothing to withdraw.")
        if item.withdrawn:
            raise UsageError(f"Item {item.id} was already withdrawn on "
                             f"{_when(item.withdrawn['at'])}: {item.withdrawn.get('reason')}.")
        with self.database.transaction("withdrawing the item") as tx:
            self._append(tx, "item_withdrawn", {"item_id": item.id, "reason": reason, "by": self._who()})
        return self.item(item.id)

    def amend(self, item_id: int, *, note: str):
        """Correct an item's text: ``note`` is its whole new wording (an incident's entry, or the
        note of a page, file or email). Every earlier wording stays, in the history and beside
        the new one wherever it is shown (wordings.py). An item imported from someone's bundle is
        refused (UsageError, nothing written): its words are the sender's, and a correction here
        would read as theirs; the leader adds a note of their own instead."""
        item = self.item(item_id)
        note = (note or "").strip()
        if not note:
            raise UsageError("The correction is empty: write the corrected note.")
        if item.state == "destroyed":
            raise UsageError(f"Item {item.id} was destroyed on police advice; it cannot be amended.")
        self.check_amendable(item.id)
        from .wordings import wordings_of
        if (wordings_of(self, item).current.text or "").strip() == note:
            raise UsageError(f"That is exactly what item {item.id} says now, so there is nothing to "
                             "correct. Change the words that are wrong, then save the correction.")
        with self.database.transaction("adding the correction") as tx:
            self._append(tx, "item_amended", {"item_id": item.id, "note": note, "by": self._who()})
        return self.item(item.id)

    def check_amendable(self, item_id: int) -> None:
        """Refuse (UsageError) to correct an item imported from someone's bundle: its words are
        the sender's, as they sealed them, and a correction here would read as theirs. The app
        asks this before it opens the correction box."""
        item = self.item(item_id)
        source = item.info.get("source")
        if isinstance(source, dict):  # someone else's sealed words: never rewritten in their name
            who = source.get("from_name") or "the person who sent it"
            raise UsageError(
                f"Item {item.id} came from {who}'s bundle: its words are theirs, as they sealed them, so it "
                "cannot be corrected here. Nothing was changed. Add a note of your own instead, saying what is "
                f"wrong with item {item.id} (in the app: Add evidence › Log something that happened…; or 'evidence-vault note'), "
                f"or ask {who} to correct it and send their bundle again.")


def _when(at: str) -> str:
    from ..times import format_local
    return format_local(at)
