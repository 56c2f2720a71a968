"""The diagnostic codes as page content: every rule of the registry with its levels and example.

From `validation.rules()` (code, default severity, summary, fix, whether a handbook
may lower it), the handbook's own levels (`BuildOptions.levels`), and the example
the package carries for each code (`validation.examples.shipped_examples`: the
simplest corpus case reporting it). Examples are hostile by design: the template
escapes every text, and invisible characters are written by name (`visible`).
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import paths
from ..characters import visible
from ..diagnostics import Levels
from ..validation import rules
from ..validation.examples import Example, shipped_examples


@dataclass(frozen=True)
class CodeEntry:
    code: str
    anchor: str
    default: str  # error | warning
    here: str  # this handbook's level: error | warning | off
    lowerable: bool
    summary: str
    fix: str
    example: Example | None  # its excerpt and finding with invisible characters written by name

    @property
    def excerpt(self) -> str:
        """The example's lines, each after its number (as an editor shows them), the finding's
        marked with `›`."""
        if self.example is None:
            return ""
        at, lines = self.example.line, self.example.excerpt
        width = max((len(str(number)) for number, _ in lines), default=1)
        return "\n".join(
            f"{'›' if number == at else ' '}{number:>{width}}  {text}" for number, text in lines
        )


def code_reference(levels: Levels) -> list[CodeEntry]:
    """Every code in name order, with its level in a handbook that sets `levels`."""
    examples = shipped_examples()
    entries = []
    for rule in rules():
        level = levels.get(rule.code, rule.severity)
        example = examples.get(rule.code)
        if example is not None:
            example = Example(
                example.case,
                visible(example.situation),
                example.file,
                example.line,
                [(number, visible(text)) for number, text in example.excerpt],
                visible(example.diagnostic),
            )
        entries.append(
            CodeEntry(
                rule.code,
                paths.code_anchor(rule.code),
                rule.severity.value,
                "off" if level is None else level.value,
                rule.lowerable,
                rule.summary,
                rule.fix,
                example,
            )
        )
    return entries
