"""py3langid's identifier for MT023, its model unpacked once per machine and read without NumPy.

py3langid ships its model as an xz-compressed NumPy archive: unpacking it takes about a second,
which every process that needs the identifier paid, and a one-article check of a page with a
foreign passage took three times as long as one without. The first process to need it now
writes the archive's arrays, unpacked (about 70 MB), to a folder in the user's cache
(``artlint.storage.user_cache_dir``), named after the model file's size and CRC-32; later
processes map them from there. A folder that cannot be written or read falls back to the
archive, unpacked in memory.

``Identifier`` is py3langid's classifier (a byte automaton counts features, naive Bayes scores
them) over the mapped files: importing NumPy, which py3langid's own class needs, cost 339 M
instructions, more than the rest of loading, and the few sentences MT023 asks about read only
the rows of their features. It computes in double precision where py3langid computes in single
(probabilities agree to about 1e-6; tests/unit/test_langid_model.py compares the rankings).

The copy is checked before use, since a changed array silently changes or disables MT023:
``SUMS`` (written with the arrays, before the folder is renamed into place) holds each array's
size and CRC-32, and the arrays must have the sizes their headers give and the shapes the
identifier needs. A copy that fails a check is removed and unpacked again; a cache folder that
others may write is not used (``storage.private_folder``), so the check is against damage,
which CRC-32 detects (every burst of flipped bits up to 32 long, and all but one in four billion
other changes). Reading the 68 MB costs about 260 M instructions (SHA-256: 1,900 M), so once
the sums have matched, ``CHECKED`` records each file's size, inode, modification and change
times, and the sums are read again only when one of them differs: anything that writes to a
file changes its change time, which no program can set back. A record is only made of files
changed at least ``storage.SETTLED_NS`` before, so that a write in the same clock tick as the files'
last change (timestamps are coarse on some file systems) cannot go unseen.
"""

from __future__ import annotations

import ast
import importlib.util
import io
import json
import lzma
import math
import mmap
import os
import shutil
import struct
import sys
import unicodedata
from array import array
from collections import Counter
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

from artlint.storage import content_name, crc32_of, private_folder, settled, stamp, user_cache_dir, write_atomic

MEMBERS = ("ptc.npy", "pc.npy", "classes.npy", "nextmove.npy", "nextmove_row.npy", "out_feat.npy")
"""The arrays of py3langid's model archive."""
SUMS = "sums.json"
"""The size and CRC-32 of each member, written with them."""
CHECKED = "checked.json"
"""Each member's size, inode, modification and change times when its sums last matched."""

_INTEGERS: dict[str, Literal["H", "h", "I", "i", "Q", "q"]] = {"u2": "H", "i2": "h", "u4": "I", "i4": "i", "u8": "Q", "i8": "q"}
"""NumPy's little-endian integer types (``<u4``) and the ``array`` codes of the same size."""
_FLOATS = {"f2": "e", "f4": "f", "f8": "d"}
_DAMAGE = (OSError, ValueError, TypeError, KeyError, SyntaxError, MemoryError, RecursionError, struct.error)
"""What reading a damaged copy (or another layout) may raise."""


class Array:
    """One array of a ``.npy`` file: its element type (``"u4"``, ``"U3"``), shape and data."""

    def __init__(self, data: memoryview) -> None:
        if bytes(data[:6]) != b"\x93NUMPY" or data[6] not in (1, 2, 3):
            raise ValueError("not a .npy file")
        size, start = (struct.unpack_from("<H", data, 8)[0], 10) if data[6] == 1 else (struct.unpack_from("<I", data, 8)[0], 12)
        header = ast.literal_eval(bytes(data[start : start + min(size, 10_000)]).decode("latin-1"))
        if not isinstance(header, dict) or header.get("fortran_order") is not False:
            raise ValueError("not an array in C order")
        descr, shape = header.get("descr"), header.get("shape")
        if not isinstance(descr, str) or descr[:1] not in "<|" or not isinstance(shape, tuple):
            raise ValueError("not a little-endian array")
        self.type: str = descr[1:]
        self.shape: tuple[int, ...] = shape
        self.data = data[start + size :]
        itemsize = int(self.type[1:]) * (4 if self.type[0] == "U" else 1)
        if len(self.data) != math.prod(shape) * itemsize:
            raise ValueError("the array's data is not the size its header gives")

    def integers(self) -> array[int] | memoryview:
        """The elements of a one-dimensional integer array, mapped where the byte order allows."""
        code = _INTEGERS[self.type]
        if sys.byteorder == "little":
            return self.data.cast(code)
        out = array(code, self.data.tobytes())
        out.byteswap()
        return out

    def floats(self) -> tuple[float, ...]:
        """The elements of a one-dimensional float array."""
        return struct.unpack(f"<{len(self.data) // int(self.type[1:])}{_FLOATS[self.type]}", self.data)

    def strings(self) -> list[str]:
        """The elements of a one-dimensional Unicode array (``U3``)."""
        width = 4 * int(self.type[1:])
        return [self.data[i : i + width].tobytes().decode("utf-32-le").rstrip("\x00") for i in range(0, len(self.data), width)]


class Identifier:
    """py3langid's ``LanguageIdentifier`` with probabilities normalised to 0..1 (``rank`` only)."""

    def __init__(self, arrays: Mapping[str, Array]) -> None:
        ptc, pc, classes = arrays["ptc.npy"], arrays["pc.npy"], arrays["classes.npy"]
        if len(ptc.shape) != 2 or pc.shape != ptc.shape[1:] or classes.shape != ptc.shape[1:]:
            raise ValueError("the arrays do not fit together")
        self._ptc = ptc.data
        self._row = struct.Struct(f"<{ptc.shape[1]}{_FLOATS[ptc.type]}")
        self._pc = pc.floats()
        self._classes = classes.strings()
        if arrays["nextmove_row.npy"].shape != arrays["out_feat.npy"].shape:
            raise ValueError("the automaton's tables do not fit together")
        self._next = arrays["nextmove.npy"].integers()
        self._rows = arrays["nextmove_row.npy"].integers()  # each state's row of 256 moves in _next
        self._output = arrays["out_feat.npy"].integers()

    def rank(self, text: str) -> list[tuple[str, float]]:
        """Every language with its probability, likeliest first (one entry per label)."""
        data = unicodedata.normalize("NFC", text.lower() if text.isupper() else text).encode("utf8", "surrogatepass")
        state, found = 0, []
        nextmove, rows, output = self._next, self._rows, self._output
        for byte in data:
            state = nextmove[(rows[state] << 8) + byte]
            if (feature := output[state]) >= 0:
                found.append(feature)
        scores = [0.0] * len(self._pc)
        if found:
            for feature, count in Counter(found).items():
                weight = math.log1p(count)
                scores = [s + weight * p for s, p in zip(scores, self._row.unpack_from(self._ptc, feature * self._row.size))]
            scale = 1.0 / math.sqrt(len(data))
            scores = [(s + p) * scale for s, p in zip(scores, self._pc)]
        top = max(scores)
        scores = [math.exp(s - top) for s in scores]
        total = sum(scores)
        merged: dict[str, float] = {}
        for language, score in zip(self._classes, scores):  # an alias's score goes to its label
            merged[language] = merged.get(language, 0.0) + score / total
        return sorted(merged.items(), key=lambda item: item[1], reverse=True)


def identifier() -> Any:
    """The identifier over the unpacked copy of py3langid's model (unpacked first if need be),
    or over the archive unpacked in memory when the cache cannot hold it; py3langid's own for a
    model laid out otherwise."""
    spec = importlib.util.find_spec("py3langid")  # found, not imported: py3langid imports NumPy
    model = Path(spec.origin).parent / "data" / "model.npz.xz" if spec and spec.origin else Path()
    for _ in range(2 if model.is_file() else 0):  # a copy found damaged is unpacked again once
        folder = unpacked(model, _cache_folder(model))
        if folder is None:
            break
        try:
            if not checked(folder):
                raise ValueError("the unpacked copy differs from what was written")
            return Identifier({name: Array(_mapped(folder / name)) for name in MEMBERS})
        except _DAMAGE:
            shutil.rmtree(folder, ignore_errors=True)
    import zipfile  # here and in unpacked: a run that finds the unpacked copy reads no archive

    try:
        with zipfile.ZipFile(io.BytesIO(lzma.decompress(model.read_bytes()))) as archive:
            return Identifier({name: Array(memoryview(archive.read(name))) for name in MEMBERS})
    except (*_DAMAGE, lzma.LZMAError, zipfile.BadZipFile):  # another py3langid layout
        from py3langid.langid import MODEL_FILE, LanguageIdentifier

        return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def checked(folder: Path) -> bool:
    """Whether the members in ``folder`` are as written: unchanged since ``CHECKED`` was
    recorded, or ``intact`` (then recorded, if they have settled)."""
    stamps = {name: stamp(folder / name) for name in MEMBERS}
    try:
        if json.loads((folder / CHECKED).read_bytes()[:100_000]) == stamps:
            return True
    except (OSError, ValueError, RecursionError):
        pass
    if not intact(folder):
        return False
    if all(settled(stamped) for stamped in stamps.values()):
        try:
            write_atomic(folder / CHECKED, json.dumps(stamps).encode())
        except OSError:
            pass
    return True


def intact(folder: Path) -> bool:
    """Whether every member in ``folder`` has the size and CRC-32 that ``SUMS`` records."""
    try:
        sums = json.loads((folder / SUMS).read_bytes()[:100_000])
        return isinstance(sums, dict) and all(
            sums.get(name) == [(folder / name).stat().st_size, crc32_of(folder / name)] for name in MEMBERS)
    except (OSError, ValueError, RecursionError):
        return False


def _mapped(path: Path) -> memoryview:
    """The bytes of the file at ``path``, mapped read-only (pages are read as they are used)."""
    with path.open("rb") as stream:
        return memoryview(mmap.mmap(stream.fileno(), 0, access=mmap.ACCESS_READ))


def unpacked(model: Path, folder: Path) -> Path | None:
    """``folder`` holding the arrays of the xz-compressed archive ``model``, unpacked there first
    if need be; ``None`` when it cannot be written."""
    if not private_folder(folder.parent):
        return None
    if all((folder / name).is_file() for name in (*MEMBERS, SUMS)):
        return folder
    shutil.rmtree(folder, ignore_errors=True)  # an incomplete copy: no process writes one in place
    import tempfile
    import zipfile

    try:
        staging = Path(tempfile.mkdtemp(dir=folder.parent, prefix=".langid-"))
    except OSError:
        return None
    try:
        with tempfile.TemporaryFile(dir=staging) as archive:
            with lzma.open(model) as source:
                shutil.copyfileobj(source, archive, length=1 << 20)
            archive.seek(0)
            with zipfile.ZipFile(archive) as members:
                for name in MEMBERS:
                    with members.open(name) as member, (staging / name).open("wb") as out:
                        shutil.copyfileobj(member, out, length=1 << 20)
            sums = {name: [(staging / name).stat().st_size, crc32_of(staging / name)] for name in MEMBERS}
            (staging / SUMS).write_text(json.dumps(sums), encoding="utf-8")
        os.replace(staging, folder)  # another process may have won the race: then keep its copy
    except (OSError, KeyError, lzma.LZMAError, zipfile.BadZipFile):
        pass
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return folder if all((folder / name).is_file() for name in (*MEMBERS, SUMS)) else None


def _cache_folder(model: Path) -> Path:
    """The folder for the unpacked copy of ``model``, named after its size and CRC-32
    (``storage.content_name``): every install of the same model shares one copy."""
    return user_cache_dir() / f"langid-{content_name(model)}"
