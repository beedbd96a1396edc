"""py3langid's identifier for MT023, with its model unpacked once per machine.

py3langid ships its model as an xz-compressed NumPy archive: unpacking it takes about a second,
which every process that needs the identifier paid, and a one-article check of a page with a
foreign passage took three times as long as one without. The first process to need it now
writes the archive's arrays, unpacked (about 70 MB), to a folder in the user's cache
(``artlint.storage.user_cache_dir``), named after the py3langid version and the model file's
size and time; later processes map them from there, once their SHA-256 digests (written beside
them, about 40 ms to check) match: a damaged copy can only make a run slower, never change what
MT023 finds. A folder that cannot be written or read, or a copy that does not match, falls back to
py3langid's own loading (and the copy is removed, so that the next process unpacks it again).
"""

from __future__ import annotations

import hashlib
import lzma
import os
import shutil
import tempfile
import zipfile
from array import array
from pathlib import Path
from typing import Any

from artlint.storage import user_cache_dir

MEMBERS = ("ptc.npy", "pc.npy", "classes.npy", "nextmove.npy", "nextmove_row.npy", "out_feat.npy")
"""The arrays of py3langid's model archive."""

DIGESTS = "sha256.txt"
"""The file beside the arrays that holds their digests, one ``name digest`` line each."""


def identifier() -> Any:
    """py3langid's ``LanguageIdentifier`` with probabilities normalised to 0..1."""
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    model = Path(MODEL_DIR) / MODEL_FILE  # py3langid's own resolution of its relative name
    folder = unpacked(model, _cache_folder(model))
    if folder is not None and not intact(folder):
        shutil.rmtree(folder, ignore_errors=True)
        folder = None
    if folder is not None:
        import numpy as np

        try:
            ptc, pc, classes, nextmove, row, out = (np.load(folder / name, mmap_mode="r") for name in MEMBERS)
            return LanguageIdentifier(ptc, pc, classes.tolist(), _stdlib_array(nextmove), out.tolist(),
                                      norm_probs=True, tk_row=_stdlib_array(row))
        except (OSError, ValueError, TypeError, KeyError):  # a damaged copy, or another py3langid layout
            shutil.rmtree(folder, ignore_errors=True)  # the next process unpacks it again
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def unpacked(model: Path, folder: Path) -> Path | None:
    """``folder`` holding the arrays of the xz-compressed archive ``model``, unpacked there first
    if need be; ``None`` when it cannot be written."""
    if (folder / DIGESTS).is_file():
        return folder
    shutil.rmtree(folder, ignore_errors=True)  # a copy left half-made, or made without digests
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
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
        (staging / DIGESTS).write_text("".join(f"{name} {_digest(staging / name)}\n" for name in MEMBERS))
        os.replace(staging, folder)  # another process may have won the race: then keep its copy
    except (OSError, KeyError, lzma.LZMAError, zipfile.BadZipFile):
        pass
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return folder if (folder / DIGESTS).is_file() else None


def intact(folder: Path) -> bool:
    """Whether the arrays in ``folder`` are those that were unpacked there (their digests match)."""
    try:
        expected = dict(line.split(" ", 1) for line in (folder / DIGESTS).read_text().splitlines())
        return all(expected.get(name) == _digest(folder / name) for name in MEMBERS)
    except (OSError, ValueError):  # unreadable, or not lines of two fields
        return False


def _digest(path: Path) -> str:
    with path.open("rb") as stream:
        return hashlib.file_digest(stream, "sha256").hexdigest()


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
