"""A flow as a graph: which arrows close rework loops, and the longest way through it.

Rework loops are the arrows that lead back to a step already on the way from the
start (found by a depth-first walk from the first step, following each step's
arrows in the order they are written). Without them the flow is acyclic, which is
what the layout (columns) and the metrics (longest path, lead time) walk.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from .entities import END
from .flow import Edge, Version


@dataclass(frozen=True)
class Path:
    steps: list[str]  # step ids from the start on
    weight: int


class FlowGraph:
    def __init__(self, version: Version) -> None:
        self.order = [s.id or "" for s in version.steps]
        known = set(self.order)
        self.arrows = [
            a
            for a in version.arrows
            if a.source in known and (a.target in known or a.target == END)
        ]
        self._out: dict[str, list[Edge]] = {step: [] for step in self.order}
        for arrow in self.arrows:
            self._out[arrow.source].append(arrow)

    def outgoing(self, step: str) -> list[Edge]:
        return self._out.get(step, [])

    @cached_property
    def back_arrows(self) -> list[Edge]:
        """The arrows that close a loop, in arrow order."""
        state: dict[str, int] = {}  # 1 on the walk's current path, 2 done
        back: set[int] = set()
        for root in self.order:
            if root in state:
                continue
            state[root] = 1
            stack = [(root, iter(self._out[root]))]
            while stack:
                step, pending = stack[-1]
                arrow = next(pending, None)
                if arrow is None:
                    state[step] = 2
                    stack.pop()
                    continue
                if arrow.target == END:
                    continue
                seen = state.get(arrow.target)
                if seen == 1:
                    back.add(id(arrow))
                elif seen is None:
                    state[arrow.target] = 1
                    stack.append((arrow.target, iter(self._out[arrow.target])))
        return [a for a in self.arrows if id(a) in back]

    @cached_property
    def forward_arrows(self) -> list[Edge]:
        """Every arrow between steps that does not close a loop."""
        back = {id(a) for a in self.back_arrows}
        return [a for a in self.arrows if a.target != END and id(a) not in back]

    @cached_property
    def topological(self) -> list[str]:
        """The steps so that every forward arrow points later (list order breaks ties)."""
        incoming = dict.fromkeys(self.order, 0)
        after: dict[str, list[str]] = {step: [] for step in self.order}
        for arrow in self.forward_arrows:
            incoming[arrow.target] += 1
            after[arrow.source].append(arrow.target)
        place = {step: i for i, step in enumerate(self.order)}
        ready = [s for s in self.order if incoming[s] == 0]
        result: list[str] = []
        while ready:
            ready.sort(key=place.__getitem__)
            step = ready.pop(0)
            result.append(step)
            for target in after[step]:
                incoming[target] -= 1
                if incoming[target] == 0:
                    ready.append(target)
        return result

    def predecessors(self) -> dict[str, list[str]]:
        """Each step's sources along forward arrows, in arrow order."""
        before: dict[str, list[str]] = {step: [] for step in self.order}
        for arrow in self.forward_arrows:
            if arrow.source not in before[arrow.target]:
                before[arrow.target].append(arrow.source)
        return before

    def heaviest(self, weight: Callable[[str], int], start: str | None = None) -> dict[str, Path]:
        """For each step, the heaviest path ending at it: from `start` (steps it cannot reach
        are left out), or from any step nothing leads to.

        A path's weight is the sum of its steps' weights; between equal weights the
        path with more steps wins, then the one through the earlier step.
        """
        before = self.predecessors()
        best: dict[str, Path] = {}
        for step in self.topological:
            options = [best[p] for p in before[step] if p in best]
            if not options and start is not None and step != start:
                continue
            base = max(options, key=lambda p: (p.weight, len(p.steps)), default=Path([], 0))
            best[step] = Path([*base.steps, step], base.weight + weight(step))
        return best

    def longest_to_end(self, weight: Callable[[str], int]) -> Path:
        """The heaviest path from the first step to a step that ends the process."""
        if not self.order:
            return Path([], 0)
        best = self.heaviest(weight, start=self.order[0])
        enders = [a.source for a in self.arrows if a.target == END]
        paths = [best[s] for s in dict.fromkeys(enders) if s in best]
        return max(paths, key=lambda p: (p.weight, len(p.steps)), default=Path([], 0))
