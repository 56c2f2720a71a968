"""Flow metrics in words, for the pages and `handbook metrics`: "交接 8 → 9", "119 天"."""

from __future__ import annotations

from ..i18n.labels import Labels
from ..model.entities import Goal
from ..model.metrics import MINUTES_PER_DAY, Change, FlowMetrics


def _number(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def lead_time(labels: Labels, minutes: int) -> str:
    """Calendar time: days from a day on (one decimal at most), hours below; a dash for none."""
    if minutes <= 0:
        return str(labels.metrics_none)
    if minutes < MINUTES_PER_DAY:
        return labels.fmt("hours", n=_number(minutes / 60))
    return labels.fmt("days", n=_number(minutes / MINUTES_PER_DAY))


def value(labels: Labels, quantity: str, number: int) -> str:
    return lead_time(labels, number) if quantity == "lead_time" else str(number)


def current_value(labels: Labels, metrics: FlowMetrics, quantity: str) -> str:
    return value(labels, quantity, metrics.value(quantity))


def change(labels: Labels, item: Change) -> str:
    """`交接 8 → 9`."""
    return labels.fmt(
        "metrics_change",
        name=labels[f"metric_{item.quantity}"],
        before=value(labels, item.quantity, item.before),
        after=value(labels, item.quantity, item.after),
    )


def changes_sentence(labels: Labels, changes: list[Change]) -> str:
    """`本次优化：交接 8 → 9，审批 1 → 1，…` (every quantity, changed or not)."""
    joined = str(labels.metrics_list_separator).join(change(labels, c) for c in changes)
    return labels.fmt("metrics_changes_sentence", changes=joined)


def goal_text(labels: Labels, goal: Goal) -> str:
    none = str(labels.metrics_none)
    return labels.fmt(
        "metrics_goal_text",
        metric=goal.metric,
        baseline=goal.baseline or none,
        target=goal.target or none,
    )
