"""The one exception type the handbook raises for problems in its input."""

from __future__ import annotations

from collections.abc import Sequence

from .diagnostics import Diagnostic


class HandbookError(Exception):
    """The process files have errors; `diagnostics` lists every one of them."""

    def __init__(self, diagnostics: Sequence[Diagnostic], root: str = "") -> None:
        self.diagnostics = tuple(diagnostics)
        self.root = root
        super().__init__(self.report())

    def report(self) -> str:
        return "\n".join(d.format(self.root) for d in self.diagnostics if d.is_error)
