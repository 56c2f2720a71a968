"""A content-addressed store of build results (rendered pages, search sections, files).

Every entry is found by a key that hashes *all* of its inputs, so an entry is either the
right answer or absent: nothing is ever invalidated, and deleting the folder only makes
the next build slower. Entries live in memory (kept between `mkdocs serve` rebuilds,
which run in one process) and, when a folder is given, on disk between builds.

An entry on disk is untrusted like any other file: one whose header does not name this
format and this very key, or whose payload does not match its SHA-256, is ignored and
computed again; payloads are JSON (never pickle), so a foreign file cannot run code.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

#: Bump when the layout of an entry changes: older entries are then ignored.
FORMAT = "process-handbook-cache/1"
_PACKAGE = Path(__file__).resolve().parent
_CODE_SUFFIXES = (".py", ".j2", ".yml", ".js", ".css", ".json")


def digest(*parts: object) -> str:
    """The hex SHA-256 of `parts` in a canonical JSON form (str, bytes, numbers, lists, dicts)."""
    sha = hashlib.sha256()
    for part in parts:
        if isinstance(part, bytes):
            sha.update(b"b%d:" % len(part))
            sha.update(part)
        else:
            data = json.dumps(part, sort_keys=True, ensure_ascii=False, default=str).encode()
            sha.update(b"j%d:" % len(data))
            sha.update(data)
    return sha.hexdigest()


def tree_digest(folder: Path, chosen: Callable[[Path], bool]) -> str:
    """A digest of the `chosen` files under `folder`: their paths relative to it and their
    bytes, in sorted order."""
    sha = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file() and chosen(path):
            sha.update(path.relative_to(folder).as_posix().encode() + b"\0")
            sha.update(path.read_bytes())
    return sha.hexdigest()


_code: str | None = None


def code_version() -> str:
    """A digest of the handbook's own code, templates and labels: a new version of the package
    (or an edited checkout) never reads entries an older one wrote."""
    global _code
    if _code is None:
        _code = tree_digest(
            _PACKAGE, lambda p: p.suffix in _CODE_SUFFIXES and "__pycache__" not in p.parts
        )
    return _code


#: Entries of every store of this process, by kind and key: `mkdocs serve` rebuilds find them
#: without reading the disk. Each build keeps only what it used (see `Store.retain`).
_MEMORY: dict[str, dict[str, Any]] = {}


class Store:
    """Entries of one kind ("pages", "search", "files", ...) by key; on disk under `folder`."""

    def __init__(self, kind: str, folder: Path | None, *, remember: bool = True) -> None:
        """Without `remember` (a single build, nothing to keep for the next one), an entry
        read is let go of once given, and one stored goes to disk only: a build of 1,000
        processes would otherwise hold hundreds of megabytes of pages it is done with. A
        forked child still keeps what it stores, which it hands back through `memory`."""
        self.kind = kind
        self.folder = folder / kind if folder is not None else None
        self.remember = remember or self.folder is None
        self.owner = os.getpid()
        self.memory = _MEMORY.setdefault(kind, {})
        self.used: set[str] = set()
        self.hits = self.misses = 0

    def get(self, key: str) -> Any | None:
        """The payload stored under `key`, or None (absent, corrupt or foreign)."""
        self.used.add(key)
        if key in self.memory:
            self.hits += 1
            return self.memory[key] if self.remember else self.memory.pop(key)
        payload = self._read(key)
        if payload is None:
            self.misses += 1
            return None
        self.hits += 1
        if self.remember:
            self.memory[key] = payload
        return payload

    def put(self, key: str, payload: Any) -> None:
        self.used.add(key)
        if self.remember or os.getpid() != self.owner:
            self.memory[key] = payload
        if self.folder is not None:
            self._write(key, payload)

    def file(self, key: str, make: Callable[[], bytes]) -> bytes:
        """The file stored under `key`, made (and stored) when there is none."""
        data = self.get_bytes(key)
        if data is None:
            data = make()
            self.put_bytes(key, data)
        return data

    def get_bytes(self, key: str) -> bytes | None:
        """Bytes stored with `put_bytes` (JSON holds them as base64), or None."""
        stored = self.get(key)
        if isinstance(stored, str):
            try:
                return base64.b64decode(stored, validate=True)
            except ValueError:
                pass
        return None

    def put_bytes(self, key: str, data: bytes) -> None:
        self.put(key, base64.b64encode(data).decode("ascii"))

    def retain(self) -> None:
        """Forget, in memory, what this build did not use (the disk keeps it)."""
        for key in [k for k in self.memory if k not in self.used]:
            del self.memory[key]

    def _path(self, key: str) -> Path:
        assert self.folder is not None
        return self.folder / key[:2] / f"{key}.json"

    def _read(self, key: str) -> Any | None:
        if self.folder is None:
            return None
        try:
            data = self._path(key).read_bytes()
            header_line, _, body = data.partition(b"\n")
            header = json.loads(header_line)
            if (
                not isinstance(header, dict)
                or header.get("format") != FORMAT
                or header.get("key") != key
                or header.get("sha256") != hashlib.sha256(body).hexdigest()
            ):
                return None
            return json.loads(body)
        except (OSError, ValueError, UnicodeDecodeError):
            return None

    def _write(self, key: str, payload: Any) -> None:
        body = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()
        header = json.dumps(
            {"format": FORMAT, "key": key, "sha256": hashlib.sha256(body).hexdigest()}
        ).encode()
        path = self._path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            # Written beside and renamed: a build killed halfway leaves no half-written entry.
            handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
            with os.fdopen(handle, "wb") as out:
                out.write(header + b"\n" + body)
            os.replace(temporary, path)
        except OSError:
            pass  # a read-only or full disk makes builds slower, never wrong
