"""`mkdocs serve` keeps watching the processes folder when it is removed and comes back.

A branch switch or a sync tool may delete the folder and create it again. The
file-system watch of a deleted folder ends with it, and MkDocs never renews it,
so the preview would never rebuild again. The folder's parent is watched too (not
recursively): when the folder appears, disappears or is moved, its watch is
renewed and a rebuild is asked for.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from watchdog.events import FileSystemEvent, FileSystemEventHandler


class FolderWatch(FileSystemEventHandler):
    """Watches `folder` through `server` (MkDocs' LiveReloadServer) and survives its removal."""

    def __init__(self, server: Any, folder: Path) -> None:
        self.server = server
        self.folder = os.path.abspath(folder)
        self.watched = False
        self._renew()
        parent = os.path.dirname(self.folder)
        if os.path.isdir(parent):
            server.observer.schedule(self, parent, recursive=False)

    def on_any_event(self, event: FileSystemEvent) -> None:
        touched = {os.path.abspath(os.fsdecode(event.src_path))}
        if getattr(event, "dest_path", ""):
            touched.add(os.path.abspath(os.fsdecode(event.dest_path)))
        if self.folder in touched:
            self._renew()
            self._rebuild()

    def _renew(self) -> None:
        """Watch the folder again from scratch (the old watch may have died with the folder)."""
        if self.watched:
            self.server.unwatch(self.folder)
            self.watched = False
        if os.path.isdir(self.folder):
            self.server.watch(self.folder)
            self.watched = True

    def _rebuild(self) -> None:
        """Ask for a rebuild as MkDocs' own watches do: a moved-in folder brings no file events."""
        condition = getattr(self.server, "_rebuild_cond", None)
        if condition is None:  # pragma: no cover - a server without MkDocs 1.x internals
            return
        with condition:
            self.server._want_rebuild = True
            condition.notify_all()
