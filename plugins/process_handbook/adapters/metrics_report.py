"""What `handbook metrics` prints: JSON for machines, or a few lines per process for people."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from ..i18n.labels import Labels
from ..model.metrics import MINUTES_PER_DAY, QUANTITIES, DepartmentLoad, FlowMetrics, ProcessMetrics
from ..rendering import metrics_text as words


def _flow(metrics: FlowMetrics | None) -> dict[str, Any] | None:
    if metrics is None:
        return None
    found = asdict(metrics)
    found["lead_time_minutes"] = found.pop("lead_time")
    found["lead_time_days"] = round(metrics.lead_time / MINUTES_PER_DAY, 2)
    return found


def metrics_json(found: list[ProcessMetrics], loads: list[DepartmentLoad]) -> dict[str, Any]:
    """Durations in minutes and in calendar days (1d = 24 h, 1w = 7 days)."""
    return {
        "processes": [
            {
                "id": m.process.id,
                "title": m.process.title,
                "file": m.process.file,
                "current": _flow(m.current),
                "previous": _flow(m.previous),
                "changes": [
                    {
                        "quantity": c.quantity,
                        "before": c.before,
                        "after": c.after,
                        "goal": c.goal.metric if c.goal else None,
                    }
                    for c in m.changes
                ],
            }
            for m in found
        ],
        "departments": [
            {
                "id": load.department,
                "accountable": load.accountable,
                "approvals": load.approvals,
                "roles": [asdict(r) for r in load.roles],
            }
            for load in loads
        ],
    }


def metrics_text(found: list[ProcessMetrics], language: str) -> str:
    labels = Labels(language)
    sep = str(labels.metrics_list_separator)
    lines: list[str] = []
    for m in found:
        lines.append(f"{m.process.file}: {m.process.title} ({m.process.id})")
        if m.changes:
            lines.append("  " + words.changes_sentence(labels, m.changes))
        else:
            lines.append(
                "  "
                + sep.join(
                    f"{labels[f'metric_{q}']} {words.current_value(labels, m.current, q)}"
                    for q in QUANTITIES
                )
            )
        if m.current.undated:
            names = {s.id: s.name for s in m.process.steps}
            lines.append(
                f"  {labels.metrics_undated}{labels.colon}"
                + str(labels.list_separator).join(names[s] for s in m.current.undated)
            )
    return "\n".join(lines) + "\n"
