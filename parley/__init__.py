"""parley: segment, align, translate and check diplomatic texts; export TMX, TBX, XLIFF."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

#: The distribution name on PyPI (``parley`` there is an unrelated project); the command and the
#: import name stay ``parley``.
DIST_NAME = "parley-tm"

try:
    __version__ = version(DIST_NAME)
except PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0.0.0"
