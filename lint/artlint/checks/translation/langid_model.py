"""py3langid's identifier for MT023, with its model unpacked once per machine.

py3langid ships its model as an xz-compressed NumPy archive: unpacking it takes about a second,
which every process that needs the identifier paid, and a one-article check of a page with a
foreign passage took three times as long as one without. The first process to need it now
writes the archive's arrays, unpacked (about 70 MB), to a folder in the user's cache
(``artlint.storage.user_cache_dir``), named after the py3langid version and the model file's
size and time; later processes map them from there. A folder that cannot be written or read
falls back to py3langid's own loading.

The copy is checked before each use, since a changed array silently changes or disables MT023:
``SUMS`` (written with the arrays, before the folder is renamed into place) holds each array's
size and CRC-32, and the arrays must have the shapes the identifier needs. A copy that fails
either check is removed and unpacked again; a cache folder that others may write is not used
(``storage.private_folder``), so the check is against damage, which CRC-32 detects (every burst
of flipped bits up to 32 long, and all but one in four billion other changes). It costs about
260 M instructions for the 68 MB; SHA-256 cost 1,900 M, twice a whole one-article check.
"""

from __future__ import annotations

import json
import lzma
import os
import shutil
import tempfile
import zipfile
import zlib
from array import array
from pathlib import Path
from typing import Any

from artlint.storage import private_folder, user_cache_dir

MEMBERS = ("ptc.npy", "pc.npy", "classes.npy", "nextmove.npy", "nextmove_row.npy", "out_feat.npy")
"""The arrays of py3langid's model archive."""
SUMS = "sums.json"
"""The size and CRC-32 of each member, written with them."""


def identifier() -> Any:
    """py3langid's ``LanguageIdentifier`` with probabilities normalised to 0..1."""
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    model = Path(MODEL_DIR) / MODEL_FILE  # py3langid's own resolution of its relative name
    for _ in range(2):  # a copy found damaged is unpacked again once
        folder = unpacked(model, _cache_folder(model))
        if folder is None:
            break
        import numpy as np

        try:
            if not intact(folder):
                raise ValueError("the unpacked copy differs from what was written")
            ptc, pc, classes, nextmove, row, out = (np.load(folder / name, mmap_mode="r") for name in MEMBERS)
            if ptc.ndim != 2 or pc.shape != (ptc.shape[1],) or len(classes) != ptc.shape[1]:
                raise ValueError("the unpacked arrays do not fit together")
            return LanguageIdentifier(ptc, pc, classes.tolist(), _stdlib_array(nextmove), out.tolist(),
                                      norm_probs=True, tk_row=_stdlib_array(row))
        except (OSError, ValueError, TypeError, KeyError):  # a damaged copy, or another py3langid layout
            shutil.rmtree(folder, ignore_errors=True)
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def intact(folder: Path) -> bool:
    """Whether every member in ``folder`` has the size and CRC-32 that ``SUMS`` records."""
    try:
        sums = json.loads((folder / SUMS).read_bytes()[:100_000])
        return isinstance(sums, dict) and all(
            sums.get(name) == [(folder / name).stat().st_size, _digest(folder / name)] for name in MEMBERS)
    except (OSError, ValueError, RecursionError):
        return False


def _digest(path: Path) -> int:
    """The CRC-32 of the file at ``path``, read in chunks of 1 MB."""
    crc = 0
    with path.open("rb") as stream:
        while chunk := stream.read(1 << 20):
            crc = zlib.crc32(chunk, crc)
    return crc


def unpacked(model: Path, folder: Path) -> Path | None:
    """``folder`` holding the arrays of the xz-compressed archive ``model``, unpacked there first
    if need be; ``None`` when it cannot be written."""
    if not private_folder(folder.parent):
        return None
    if all((folder / name).is_file() for name in (*MEMBERS, SUMS)):
        return folder
    shutil.rmtree(folder, ignore_errors=True)  # an incomplete copy: no process writes one in place
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
            sums = {name: [(staging / name).stat().st_size, _digest(staging / name)] for name in MEMBERS}
            (staging / SUMS).write_text(json.dumps(sums), encoding="utf-8")
        os.replace(staging, folder)  # another process may have won the race: then keep its copy
    except (OSError, KeyError, lzma.LZMAError, zipfile.BadZipFile):
        pass
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return folder if all((folder / name).is_file() for name in (*MEMBERS, SUMS)) else None


def _cache_folder(model: Path) -> Path:
    import py3langid  # imported already, with its model's module; importlib.metadata would cost ~40 ms

    stat = model.stat()
    version = getattr(py3langid, "__version__", "")
    return user_cache_dir() / f"langid-{version}-{stat.st_size}-{stat.st_mtime_ns}"


def _stdlib_array(values: Any) -> array[int]:
    """An unsigned NumPy array as a stdlib ``array``, which py3langid's automaton walk indexes."""
    import numpy as np

    out = array({2: "H", 4: "I", 8: "L"}[values.dtype.itemsize])
    out.frombytes(np.ascontiguousarray(values).data.cast("B"))  # one copy, from the mapped file
    return out
