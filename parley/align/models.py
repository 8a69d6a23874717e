"""Offline MT models: argostranslate packages installed, added from a file or the index, removed.

All package handling goes through ``argostranslate.package`` (its format, its install directory);
parley only adds clear errors and a record per package. argostranslate reads its settings once
at import, so :func:`argos` re-reads ``ARGOS_PACKAGES_DIR`` / ``ARGOS_PACKAGE_INDEX`` on every
call: a test or a user can point parley at another package folder without a new process.
"""

from __future__ import annotations

import os
import zipfile
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

from parley.align.errors import FormatError, ModelError, require_file

#: What every "MT is not installed" message says.
MT_EXTRA_HINT = "install the MT extra: pip install 'parley-tm[mt]' (or: make dev)"
OFFLINE_HINT = (
    "download the .argosmodel file on a connected machine "
    "(https://www.argosopentech.com/argospm/index/) and run: parley models install FILE.argosmodel"
)
PIVOT = "en"


@dataclass(frozen=True)
class ModelInfo:
    """One installed argos package, as ``parley models list`` shows it."""

    name: str
    from_code: str
    to_code: str
    version: str
    size_bytes: int
    path: Path
    tokenizer: str

    @property
    def label(self) -> str:
        """Name and version, as TMX ``x-mt-model`` props record the engine."""
        return f"{self.name} {self.version}".strip()


@dataclass(frozen=True)
class Route:
    """The packages that translate ``src`` into ``tgt``: one, or two through English."""

    src: str
    tgt: str
    hops: tuple[ModelInfo, ...]

    @property
    def pivot(self) -> str | None:
        return self.hops[0].to_code if len(self.hops) > 1 else None

    @property
    def label(self) -> str:
        return " + ".join(h.label for h in self.hops)


def argos() -> tuple[Any, Any]:
    """``(argostranslate.package, argostranslate.settings)`` synced with the environment now."""
    try:
        import argostranslate.package as package
        import argostranslate.settings as settings
    except ImportError as exc:
        raise ModelError("machine translation needs argostranslate", hint=MT_EXTRA_HINT) from exc
    import logging

    # argostranslate logs network failures as errors; parley reports them in one line itself
    logging.getLogger("argostranslate").addHandler(logging.NullHandler())
    logging.getLogger("argostranslate").propagate = False
    pkg_dir = Path(
        os.environ.get("ARGOS_PACKAGES_DIR") or settings.get_setting(
            "ARGOS_PACKAGES_DIR", default=settings.data_dir / "packages"
        )
    )
    if pkg_dir != settings.package_data_dir:
        settings.package_data_dir = pkg_dir
        settings.package_dirs = [pkg_dir]
        _forget_loaded_translations()
    pkg_dir.mkdir(parents=True, exist_ok=True)
    index = os.environ.get("ARGOS_PACKAGE_INDEX")
    if index:
        settings.package_index = index
        settings.remote_package_index = index.rstrip("/") + "/index.json"
    return package, settings


def _forget_loaded_translations() -> None:
    """argostranslate caches the translations it loaded; a new package folder invalidates them."""
    import sys

    tr: Any = sys.modules.get("argostranslate.translate")
    if tr is not None:
        tr.get_installed_languages.cache_clear()
        tr.installed_translates.clear()


def _size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def _info(pkg: Any, package: ModuleType) -> ModelInfo:
    path = Path(pkg.package_path)
    tok = (
        "sentencepiece" if (path / "sentencepiece.model").exists()
        else "bpe" if (path / "bpe.model").exists() else "none"
    )
    return ModelInfo(
        name=package.argospm_package_name(pkg),
        from_code=pkg.from_code or "",
        to_code=pkg.to_code or "",
        version=str(pkg.package_version or ""),
        size_bytes=_size(path),
        path=path,
        tokenizer=tok,
    )


def _installed_raw() -> list[tuple[Any, ModelInfo]]:
    package, _ = argos()
    try:
        pkgs = package.get_installed_packages()
    except (FileNotFoundError, ValueError) as exc:
        raise ModelError(f"a package folder is broken ({exc})", hint="remove it and reinstall") from exc
    return [(p, _info(p, package)) for p in pkgs if getattr(p, "type", "translate") == "translate"]


def list_models() -> list[ModelInfo]:
    """Installed translation packages, sorted by language pair."""
    return sorted((m for _, m in _installed_raw()), key=lambda m: (m.from_code, m.to_code, m.name))


def install_from_path(path: str | Path) -> list[ModelInfo]:
    """Install a local ``.argosmodel`` file; return the packages it added or replaced."""
    path = Path(path)
    require_file(path, ".argosmodel file", "check the path to the .argosmodel file")
    if not zipfile.is_zipfile(path):
        raise FormatError("not an argos package (an .argosmodel is a zip archive)", path)
    with zipfile.ZipFile(path) as zf:
        names = zf.namelist()
    tops = {n.split("/", 1)[0] for n in names}
    if any(n.startswith("/") or ".." in Path(n).parts for n in names) or len(tops) != 1:
        raise FormatError("unsafe or unexpected layout in the package archive", path,
                          "an .argosmodel holds one folder with metadata.json")
    top = tops.pop()
    if f"{top}/metadata.json" not in names:
        raise FormatError("no metadata.json in the package", path, "is this an argos model?")
    _, settings = argos()
    _extract_package(path, Path(settings.package_data_dir))
    _forget_loaded_translations()
    target = Path(settings.package_data_dir) / top
    return [m for m in list_models() if m.path == target]


def _extract_package(path: Path, dest: Path) -> None:
    """Unpack a checked ``.argosmodel`` into the package folder: argostranslate's layout, without
    ``argostranslate.package.install_from_path``, which imports argostranslate's translator (and
    so stanza and torch) only to clear a cache, and would extract whatever paths the zip names."""
    dest.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path) as zf:
        zf.extractall(dest)


def install_from_index(from_code: str, to_code: str, *, timeout: float = 15.0) -> ModelInfo:
    """Download and install ``from_code -> to_code`` from the argos package index."""
    import socket

    package, settings = argos()
    index = Path(settings.local_package_index)
    before = index.stat().st_mtime_ns if index.exists() else None
    old_timeout = socket.getdefaulttimeout()
    socket.setdefaulttimeout(timeout)
    try:
        package.update_package_index()
        after = index.stat().st_mtime_ns if index.exists() else None
        if after is None or after == before:
            raise ModelError(
                f"cannot reach the argos package index ({settings.remote_package_index}); offline?",
                hint=OFFLINE_HINT,
            )
        available = [
            p for p in package.get_available_packages()
            if p.from_code == from_code and p.to_code == to_code
        ]
        if not available:
            raise ModelError(
                f"the argos index has no {from_code}→{to_code} package",
                hint=f"pivot through English: install {from_code}→{PIVOT} and {PIVOT}→{to_code}",
            )
        try:
            downloaded = available[0].download()
        except Exception as exc:  # argostranslate raises bare Exception on download failure
            raise ModelError(f"download failed ({exc})", hint=OFFLINE_HINT) from exc
    finally:
        socket.setdefaulttimeout(old_timeout)
    added = install_from_path(downloaded)
    if not added:
        raise ModelError(f"installed {downloaded} but cannot find it", hint="run parley models list")
    return added[0]


def remove_model(name: str) -> ModelInfo:
    """Remove an installed package, named as ``models list`` shows it or as a pair ``en-ru``."""
    _, settings = argos()
    key = name.replace("_", "-").lower()
    for _pkg, info in _installed_raw():
        pair = f"{info.from_code}-{info.to_code}".lower()
        if key in (info.name.replace("_", "-").lower(), pair, info.path.name.lower().replace("_", "-")):
            if Path(settings.package_data_dir) not in info.path.parents:
                raise ModelError("package is outside the writable package folder", info.path)
            import shutil

            shutil.rmtree(info.path)
            _forget_loaded_translations()
            return info
    known = ", ".join(m.name for m in list_models()) or "none installed"
    raise ModelError(f"no installed model {name!r}", hint=f"installed: {known}")


def find_route(src: str, tgt: str) -> Route:
    """The installed package(s) for ``src -> tgt``; through English when no direct pair exists."""
    from parley.align.lang import base

    s, t = base(src), base(tgt)
    models = list_models()
    by_pair = {(m.from_code, m.to_code): m for m in models}
    if (s, t) in by_pair:
        return Route(s, t, (by_pair[(s, t)],))
    if (s, PIVOT) in by_pair and (PIVOT, t) in by_pair:
        return Route(s, t, (by_pair[(s, PIVOT)], by_pair[(PIVOT, t)]))
    have = ", ".join(f"{m.from_code}→{m.to_code}" for m in models) or "none"
    raise ModelError(
        f"no model installed for {s}→{t} (installed: {have})",
        hint=f"parley models install FILE.argosmodel, or online: parley models install --from {s} --to {t}",
    )
