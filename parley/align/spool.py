"""Units (and findings) kept in a temporary file instead of memory, read back a block at a time.

``parley check`` reads a TMX/TSV/CSV as a stream; its rules still look units up by index (a
finding names its unit, the key-term rule revisits the units where a term was missed), so the
units go to an unnamed temporary file as they are read, :data:`BLOCK` to a record, and only a
few blocks are decoded at a time; its findings go to another as they are found. Memory then no
longer grows with the document (100,000 units of UN text are some 60 MB as Python strings, their
10,000 findings 20 MB); the price is decoding each block once per pass over the units.
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
from typing import TypeVar, overload

from parley.align.model import TranslationUnit

T = TypeVar("T")

#: items (units) per stored block: large enough that a block costs one read, small enough that the
#: blocks held decoded (:data:`CACHED`) are a few hundred kilobytes
BLOCK = 256
#: decoded blocks kept (most recently used): a pass over the units decodes each block once,
#: and look-ups in unit order (findings, revisited units) hit the block just decoded
CACHED = 4


_FIELDS = tuple(f.name for f in dataclasses.fields(TranslationUnit))
_values = operator.attrgetter(*_FIELDS)


def _decode_units(data: bytes) -> list[TranslationUnit]:
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


class Spool(Sequence[T]):
    """A read-only sequence stored in a temporary file (deleted when closed or collected),
    :data:`BLOCK` items to a record; reads like a tuple (length, index, slice, iteration).
    Items are pickled; a subclass may store them faster (:class:`SpooledUnits`)."""

    def __init__(self, items: Iterable[T] = ()) -> None:
        self._fh = tempfile.TemporaryFile(prefix="parley-spool-")  # noqa: SIM115 (lives with self)
        # closed (and so deleted) when this object goes, without a ResourceWarning
        self._closer = weakref.finalize(self, self._fh.close)
        self._starts = array("q", [0])  # block k is bytes _starts[k]:_starts[k + 1]
        self._len = 0
        self._cache: OrderedDict[int, list[T]] = OrderedDict()
        self._pending: list[T] = []
        for item in items:
            self.append(item)
        self.flush()

    def append(self, item: T) -> None:
        """Add an item at the end (stored once :data:`BLOCK` are pending, or at :meth:`flush`)."""
        self._pending.append(item)
        if len(self._pending) == BLOCK:
            self.flush()

    def flush(self) -> None:
        """Store the pending items (reading does it too)."""
        if not self._pending:
            return
        data = self._encode(self._pending)
        self._fh.write(data)
        self._starts.append(self._starts[-1] + len(data))
        self._len += len(self._pending)
        self._pending = []
        self._fh.flush()

    def _encode(self, block: list[T]) -> bytes:
        return pickle.dumps(block, protocol=pickle.HIGHEST_PROTOCOL)

    def _decode(self, data: bytes) -> list[T]:
        got: list[T] = pickle.loads(data)
        return got

    def _block(self, k: int) -> list[T]:
        got = self._cache.get(k)
        if got is not None:
            self._cache.move_to_end(k)
            return got
        a, b = self._starts[k], self._starts[k + 1]
        got = self._decode(os.pread(self._fh.fileno(), b - a, a))
        self._cache[k] = got
        if len(self._cache) > CACHED:
            self._cache.popitem(last=False)
        return got

    def __len__(self) -> int:
        return self._len + len(self._pending)

    @overload
    def __getitem__(self, i: int) -> T: ...

    @overload
    def __getitem__(self, i: slice) -> tuple[T, ...]: ...

    def __getitem__(self, i: int | slice) -> T | tuple[T, ...]:
        self.flush()
        if isinstance(i, slice):
            return tuple(self[k] for k in range(*i.indices(self._len)))
        if i < 0:
            i += self._len
        if not 0 <= i < self._len:
            raise IndexError("spool index out of range")
        return self._block(i // BLOCK)[i % BLOCK]

    def __iter__(self) -> Iterator[T]:
        self.flush()
        for k in range(len(self._starts) - 1):
            yield from self._block(k)

    def close(self) -> None:
        """Delete the temporary file now (it is also deleted when the object is collected)."""
        self._cache.clear()
        self._closer()


class SpooledUnits(Spool[TranslationUnit]):
    """Translation units in a temporary file; their field values are stored with marshal
    (decoding is twice as fast as unpickling units)."""

    def _encode(self, block: list[TranslationUnit]) -> bytes:
        try:
            return b"m" + marshal.dumps([_values(u) for u in block])
        except ValueError:  # a value marshal does not know (props of another Mapping type)
            return b"p" + pickle.dumps(block, protocol=pickle.HIGHEST_PROTOCOL)

    def _decode(self, data: bytes) -> list[TranslationUnit]:
        return _decode_units(data)


class Reordered(Sequence[T]):
    """The items of a sequence in another order (``order[k]`` is the index of item ``k``),
    read as they are asked for."""

    def __init__(self, items: Sequence[T], order: Iterable[int]) -> None:
        self._items = items
        self._order = array("q", order)

    def __len__(self) -> int:
        return len(self._order)

    @overload
    def __getitem__(self, i: int) -> T: ...

    @overload
    def __getitem__(self, i: slice) -> tuple[T, ...]: ...

    def __getitem__(self, i: int | slice) -> T | tuple[T, ...]:
        if isinstance(i, slice):
            return tuple(self._items[k] for k in self._order[i])
        return self._items[self._order[i]]

    def __iter__(self) -> Iterator[T]:
        items = self._items
        for k in self._order:
            yield items[k]
