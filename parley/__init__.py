"""parley: segment, align, translate and check diplomatic texts; export TMX, TBX, XLIFF."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("parley")
except PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0.0.0"
