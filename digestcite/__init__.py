"""digestcite: a policy-research corpus of news digests, with citations for every claim.

Importing this package is cheap: the heavy engines (Whoosh, pandoc, bibtexparser, PDF
readers) load only inside the functions that need them.
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
