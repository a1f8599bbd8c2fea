# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""The Qt binding itself must not leak or steal references.

PySide6 6.12.0 on Python 3.11 drops one reference to None on every call of a void Qt method
(and to True/False on some others); None is not immortal before Python 3.12, so the app
aborts with "deallocating None" after a few thousand paints. requirements.lock pins 6.11.3;
this test fails if a binding with that fault is installed again.
"""

from __future__ import annotations

import sys

from PySide6.QtGui import QColor, QImage, QPainter


def test_void_qt_calls_keep_their_reference_to_none(qapp):
    image = QImage(8, 8, QImage.Format.Format_RGB32)
    painter = QPainter(image)
    try:
        before = sys.getrefcount(None)
        for _ in range(2000):
            painter.save()
            painter.setPen(QColor("white"))
            painter.restore()
        lost = before - sys.getrefcount(None)
    finally:
        painter.end()
    assert lost < 500, f"the Qt binding dropped {lost} references to None in 6000 calls"
