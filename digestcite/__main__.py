"""``python -m digestcite`` runs the command line."""

from __future__ import annotations

from digestcite.cli import main

if __name__ == "__main__":
    main()
