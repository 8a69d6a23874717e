"""Units kept in a temporary file instead of memory, read back a block at a time.

``parley check`` reads a TMX/TSV/CSV as a stream; its rules still look units up by index (a
finding names its unit, the key-term rule revisits the units where a term was missed), so the
units go to an unnamed temporary file as they are read, :data:`BLOCK` to a pickled record, and
only a few blocks are decoded at a time. Memory then no longer grows with the document (100,000
units of UN text are some 60 MB as Python strings); the price is decoding each block once per
pass over the units.
"""

from __future__ import annotations

import dataclasses
import marshal
import operator
import os
import pickle
import tempfile
import weakref
from array import array
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Sequence
from typing import overload

from parley.align.model import TranslationUnit

#: units per pickled block: large enough that a block costs one read, small enough that the
#: blocks held decoded (:data:`CACHED`) are a few hundred kilobytes
BLOCK = 256
#: decoded blocks kept (most recently used): a pass over the units decodes each block once,
#: and look-ups in unit order (findings, revisited units) hit the block just decoded
CACHED = 4


_FIELDS = tuple(f.name for f in dataclasses.fields(TranslationUnit))
_values = operator.attrgetter(*_FIELDS)


def _decode(data: bytes) -> list[TranslationUnit]:
    """A block back as units; a unit is rebuilt from its field values without the frozen
    dataclass's per-field ``__setattr__`` (the values were a unit's own)."""
    if data[:1] == b"p":
        got: list[TranslationUnit] = pickle.loads(data[1:])
        return got
    new, set_dict, names = object.__new__, object.__setattr__, _FIELDS
    out = []
    for values in marshal.loads(data[1:]):
        u = new(TranslationUnit)
        set_dict(u, "__dict__", dict(zip(names, values)))  # noqa: B905 (same length)
        out.append(u)
    return out


class SpooledUnits(Sequence[TranslationUnit]):
    """A read-only sequence of units stored in a temporary file (deleted when closed or
    collected); reads like a tuple of units (length, index, slice, iteration)."""

    def __init__(self, units: Iterable[TranslationUnit]) -> None:
        self._fh = tempfile.TemporaryFile(prefix="parley-units-")  # noqa: SIM115 (lives with self)
        # closed (and so deleted) when this object goes, without a ResourceWarning
        self._closer = weakref.finalize(self, self._fh.close)
        self._starts = array("q", [0])  # block k is bytes _starts[k]:_starts[k + 1]
        self._len = 0
        self._cache: OrderedDict[int, list[TranslationUnit]] = OrderedDict()
        block: list[TranslationUnit] = []
        for u in units:
            block.append(u)
            if len(block) == BLOCK:
                self._write(block)
                block = []
        if block:
            self._write(block)
        self._fh.flush()

    def _write(self, block: list[TranslationUnit]) -> None:
        try:  # field values with marshal: decoding is twice as fast as unpickling units
            data = b"m" + marshal.dumps([_values(u) for u in block])
        except ValueError:  # a value marshal does not know (props of another Mapping type)
            data = b"p" + pickle.dumps(block, protocol=pickle.HIGHEST_PROTOCOL)
        self._fh.write(data)
        self._starts.append(self._starts[-1] + len(data))
        self._len += len(block)

    def _block(self, k: int) -> list[TranslationUnit]:
        got = self._cache.get(k)
        if got is not None:
            self._cache.move_to_end(k)
            return got
        a, b = self._starts[k], self._starts[k + 1]
        got = _decode(os.pread(self._fh.fileno(), b - a, a))
        self._cache[k] = got
        if len(self._cache) > CACHED:
            self._cache.popitem(last=False)
        return got

    def __len__(self) -> int:
        return self._len

    @overload
    def __getitem__(self, i: int) -> TranslationUnit: ...

    @overload
    def __getitem__(self, i: slice) -> tuple[TranslationUnit, ...]: ...

    def __getitem__(self, i: int | slice) -> TranslationUnit | tuple[TranslationUnit, ...]:
        if isinstance(i, slice):
            return tuple(self[k] for k in range(*i.indices(self._len)))
        if i < 0:
            i += self._len
        if not 0 <= i < self._len:
            raise IndexError("unit index out of range")
        return self._block(i // BLOCK)[i % BLOCK]

    def __iter__(self) -> Iterator[TranslationUnit]:
        for k in range(len(self._starts) - 1):
            yield from self._block(k)

    def close(self) -> None:
        """Delete the temporary file now (it is also deleted when the object is collected)."""
        self._cache.clear()
        self._closer()
