"""Overview pages of a large handbook, cut into parts of a readable size.

An overview (the process index, the responsibility matrix, goals, metrics, the onboarding
path) lists every process; at a thousand processes one such page would be megabytes of
HTML. Beyond `PART_SIZE` rows it becomes a summary page linking to its parts, each
holding consecutive groups (folders, or the audiences of the reading path) of at most
`PART_SIZE` rows; a group larger than that is cut into pieces. A small handbook's
overviews stay single pages.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..model.entities import Process

#: Rows an overview page holds before it is cut into parts (a row: a process's line of a
#: table; see `parts` for the weight of a row that is longer).
PART_SIZE = 100

#: A group of an overview: its key (a folder, an audience) and its processes, in order.
Group = tuple[str, list[Process]]


@dataclass(frozen=True)
class Piece:
    """A group, or the piece of it a part holds: `number` of `pieces` (1 of 1: all of it)."""

    key: str
    processes: list[Process]
    number: int = 1
    pieces: int = 1


@dataclass(frozen=True)
class Part:
    """One page of a cut overview: `number` counts from 1; `first` is the place (from 1) of its
    first process in the whole overview."""

    number: int
    pieces: list[Piece]
    first: int

    @property
    def processes(self) -> list[Process]:
        return [p for piece in self.pieces for p in piece.processes]


def parts(
    groups: list[Group], size: int = PART_SIZE, weight: Callable[[Process], int] = lambda _: 1
) -> list[Part]:
    """The parts of an overview of `groups`, or none when it fits one page (`size` rows, each
    process weighing `weight` rows). Groups stay whole where they fit, packed in order."""
    if sum(weight(p) for _, processes in groups for p in processes) <= size:
        return []
    cut: list[list[Piece]] = []
    for key, processes in groups:
        chunks = _chunks(processes, size, weight)
        cut.append([Piece(key, chunk, n, len(chunks)) for n, chunk in enumerate(chunks, 1)])
    pages: list[list[Piece]] = []
    filled = size  # the page being filled: full, so that the first piece opens one
    for piece in (piece for pieces in cut for piece in pieces):
        heavy = sum(weight(p) for p in piece.processes)
        if filled + heavy > size:
            pages.append([])
            filled = 0
        pages[-1].append(piece)
        filled += heavy
    result, first = [], 1
    for number, pieces in enumerate(pages, 1):
        result.append(Part(number, pieces, first))
        first += sum(len(piece.processes) for piece in pieces)
    return result


def _chunks(
    processes: list[Process], size: int, weight: Callable[[Process], int]
) -> list[list[Process]]:
    """Processes in consecutive chunks of at most `size` rows (a heavier process alone)."""
    chunks: list[list[Process]] = [[]]
    filled = 0
    for process in processes:
        heavy = weight(process)
        if chunks[-1] and filled + heavy > size:
            chunks.append([])
            filled = 0
        chunks[-1].append(process)
        filled += heavy
    return chunks
