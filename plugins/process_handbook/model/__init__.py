"""The typed domain model of a handbook."""

from .entities import (
    END,
    Branch,
    Channel,
    Department,
    Goal,
    Meeting,
    Organization,
    Phase,
    Problem,
    Process,
    Role,
    Step,
    Team,
    Template,
    Tool,
)
from .handbook import Handbook
from .values import Clock, Duration, MeetingDay, ReviewInterval, TimeZone, ValueProblem, WebAddress

__all__ = [
    "END",
    "Branch",
    "Channel",
    "Clock",
    "Department",
    "Duration",
    "Goal",
    "Handbook",
    "Meeting",
    "MeetingDay",
    "Organization",
    "Phase",
    "Problem",
    "Process",
    "ReviewInterval",
    "Role",
    "Step",
    "Team",
    "Template",
    "TimeZone",
    "Tool",
    "ValueProblem",
    "WebAddress",
]
