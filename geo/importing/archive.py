"""Zip archives (zipped Shapefile, KMZ), checked before anything is opened.

Only the central directory is read to decide; members are then read with
their declared sizes enforced, so a lying header cannot inflate past them.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from dataclasses import dataclass

from geo.errors import ImportRefused

MAX_MEMBERS = 200
MAX_TOTAL_BYTES = 300 * 1024 * 1024
MAX_RATIO = 100  # uncompressed / compressed, per member

#: Entries that zip tools add and that are never data.
NOISE_PREFIXES = ("__MACOSX/",)
NOISE_NAMES = (".DS_Store", "Thumbs.db")


@dataclass(frozen=True)
class Member:
    name: str
    size: int


def members(data: bytes) -> list[Member]:
    """The archive's data members, after every safety check; noise left out.

    Raises ImportRefused naming the first problem found.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError) as exc:
        raise ImportRefused(key="zip_unreadable", reason=str(exc)) from None
    infos = archive.infolist()
    if len(infos) > MAX_MEMBERS:
        raise ImportRefused(key="zip_too_many", count=len(infos), limit=MAX_MEMBERS)
    total = sum(i.file_size for i in infos)
    if total > MAX_TOTAL_BYTES:
        raise ImportRefused(key="zip_too_large", size=f"{total / 1e6:.0f}", limit=f"{MAX_TOTAL_BYTES / 1e6:.0f}")
    out = []
    for info in infos:
        _check_name(info.filename)
        if info.is_dir() or _is_noise(info.filename):
            continue
        if info.flag_bits & 0x1:
            raise ImportRefused(key="zip_encrypted", name=info.filename)
        if info.file_size > MAX_RATIO * max(info.compress_size, 1) and info.file_size > 1_000_000:
            raise ImportRefused(key="zip_bomb", name=info.filename, ratio=MAX_RATIO)
        out.append(Member(info.filename, info.file_size))
    return out


def read_member(data: bytes, name: str) -> bytes:
    """One member's bytes, never more than its declared size."""
    archive = zipfile.ZipFile(io.BytesIO(data))
    info = archive.getinfo(name)
    with archive.open(info) as handle:
        content = handle.read(info.file_size + 1)
    if len(content) != info.file_size:
        raise ImportRefused(key="zip_size_mismatch", name=name)
    return content


def repack(data: bytes, names: list[str]) -> bytes:
    """A new zip holding only `names`, flat (no folders): what the reader gets."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as out:
        for name in names:
            out.writestr(posixpath.basename(name), read_member(data, name))
    return buffer.getvalue()


def _is_noise(name: str) -> bool:
    base = posixpath.basename(name)
    return name.startswith(NOISE_PREFIXES) or base in NOISE_NAMES or base.startswith("._")


def _check_name(name: str) -> None:
    if "\\" in name or name.startswith("/") or (len(name) > 1 and name[1] == ":"):
        raise ImportRefused(key="zip_absolute", name=name)
    if ".." in name.split("/"):
        raise ImportRefused(key="zip_outside", name=name)
    if any(ord(c) < 32 for c in name):
        raise ImportRefused(key="zip_control")


def zip_of(members: dict[str, bytes]) -> bytes:
    """A new zip of `members` (name -> bytes), stored: how GDAL is handed a file that needs its name."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as out:
        for name, content in members.items():
            out.writestr(name, content)
    return buffer.getvalue()
