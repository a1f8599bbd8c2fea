"""Frozen entry of the windowed desktop app (build.spec builds it only when ui/app.py exists)."""

import sys

from ui.app import main

sys.exit(main())
