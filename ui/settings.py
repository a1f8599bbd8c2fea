# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""What the app remembers on this computer: known vault folders and the user's settings.

The vault folders are the library's list (``evidence_vault.known_vaults``, shared with the
CLI); the settings are stored with QSettings in an INI file inside
``evidence_vault.paths.default_config_dir()``, so tests (which get a private config folder)
never touch the real one. Nothing secret lives
here: folder paths and preferences only, never a passphrase, key or piece of evidence. The
safeguarding lead's and deputy's names and phone numbers are kept here too (typed once by the
school in Settings), so the clause-71 advice can name them; they are never put in a vault.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSettings

from evidence_vault import known_vaults as _known_vaults
from evidence_vault.paths import default_config_dir
from evidence_vault.safeguarding import SafeguardingContacts, safeguarding_advice

DEFAULT_AUTO_LOCK_MIN = 10


def _store() -> QSettings:
    folder = default_config_dir()
    folder.mkdir(parents=True, exist_ok=True)
    return QSettings(str(folder / "desktop-app.ini"), QSettings.Format.IniFormat)


def known_vaults() -> list[Path]:
    """Vault folders this computer has opened, most recent first (the CLI keeps the same list)."""
    return _known_vaults.known()


def remember_vault(folder: Path) -> None:
    _known_vaults.remember(Path(folder))


@dataclass
class AppSettings:
    auto_lock_min: int = DEFAULT_AUTO_LOCK_MIN
    browser_path: str = ""
    default_device: str = ""
    org_cert: str = ""
    timestamp_url: str = ""   # an address, or the name of an authority in the pinned list
    timestamp_cert: str = ""  # the PEM file that pins a timestamp address not in the list
    safeguarding_lead: str = ""         # the designated safeguarding lead's name ...
    safeguarding_lead_phone: str = ""   # ... and phone number
    safeguarding_deputy: str = ""       # the deputy's name ...
    safeguarding_deputy_phone: str = ""  # ... and phone number

    @classmethod
    def load(cls) -> "AppSettings":
        s = _store()
        return cls(
            auto_lock_min=int(s.value("settings/auto_lock_min", DEFAULT_AUTO_LOCK_MIN)),
            browser_path=str(s.value("settings/browser_path", "")),
            default_device=str(s.value("settings/default_device", "")),
            org_cert=str(s.value("settings/org_cert", "")),
            timestamp_url=str(s.value("settings/timestamp_url", "")),
            timestamp_cert=str(s.value("settings/timestamp_cert", "")),
            safeguarding_lead=str(s.value("settings/safeguarding_lead", "")),
            safeguarding_lead_phone=str(s.value("settings/safeguarding_lead_phone", "")),
            safeguarding_deputy=str(s.value("settings/safeguarding_deputy", "")),
            safeguarding_deputy_phone=str(s.value("settings/safeguarding_deputy_phone", "")),
        )

    def safeguarding_contacts(self) -> SafeguardingContacts:
        return SafeguardingContacts(self.safeguarding_lead, self.safeguarding_lead_phone,
                                    self.safeguarding_deputy, self.safeguarding_deputy_phone)

    def save(self) -> None:
        s = _store()
        for key, value in self.__dict__.items():
            s.setValue(f"settings/{key}", value)
        s.sync()


def advice_for(window) -> str:
    """The clause-71 advice with the school's safeguarding contacts from ``window.settings``
    (the window's, else the saved ones), or whom to ask when they are blank."""
    settings = getattr(window, "settings", None)
    if not isinstance(settings, AppSettings):
        settings = AppSettings.load()
    return safeguarding_advice(contacts=settings.safeguarding_contacts())
