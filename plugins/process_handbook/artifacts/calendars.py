"""Meeting calendars (.ics): one per meeting to add once, one per department to subscribe to.

Written with the icalendar library (RFC 5545). Nothing in a calendar depends on
when or where it is built, so the same process files give byte-identical files:

* DTSTAMP is the day the process was last reviewed (else its effective date,
  else FIRST_DAY), never the clock;
* DTSTART is the first session on or after the process's `effective` date, or
  after FIRST_DAY when it has none: a fixed day, so a build next year writes
  the same file as a build today (past sessions do no harm in a calendar);
* each VTIMEZONE comes from the `tzdata` package pinned with the handbook, not
  from whatever zone data the machine has;
* SEQUENCE counts the meeting's changes in the git history of its file.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zoneinfo
from collections import Counter
from collections.abc import Callable, Iterator
from functools import cache, partial
from importlib import metadata, resources
from pathlib import Path
from typing import Any

from dateutil.rrule import rrulestr
from icalendar import (
    Calendar,
    Event,
    Timezone,
    TimezoneDaylight,
    TimezoneStandard,
    vDuration,
    vRecur,
)

from .. import paths
from ..cache import Store, code_version, digest
from ..diagnostics import Report
from ..history import Blob, GitHistory
from ..i18n.labels import Labels
from ..loading.documents import read_process
from ..loading.files import SourceFile
from ..model.entities import Channel, Meeting, Process
from ..model.handbook import Handbook
from ..model.queries import department_meetings
from ..options import BuildOptions
from ..output import Asset

PRODID = "-//Process Handbook//Meeting calendars//EN"
UID_DOMAIN = "process-handbook"
#: The day sessions are counted from when a process has no `effective` date.
FIRST_DAY = dt.date(2026, 1, 1)
#: How often calendar apps should fetch a subscribed calendar again.
REFRESH = dt.timedelta(hours=12)
#: How many commits of a process file are read to count its meetings' changes.
MAX_COMMITS = 50
#: How many parsed committed versions are kept for the next build (`mkdocs serve`).
PARSED_VERSIONS = 4096
#: The months a quarterly meeting falls in: the first month of each quarter.
QUARTER_MONTHS = (1, 4, 7, 10)

_BYDAY = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")

#: What makes a meeting's calendar entry differ (see `_signatures`).
Signature = tuple[object, ...]
#: The meetings of committed versions already parsed, by blob id and file name.
_PARSED: dict[tuple[str, str], dict[str, Signature]] = {}


def calendars(handbook: Handbook, options: BuildOptions) -> list[Asset]:
    """A calendar per meeting, then one per department that takes part in any meeting.

    Each file is kept by the hash of what it is made from (`cache.Store`): the meeting, its
    channel, SEQUENCE and what the event says of its process (for a department, the keys of
    its meetings' files), the organization, the settings that reach a calendar and the
    versions of the code and the zone data. A kept file is used as it is, without making its
    events again.
    """
    labels = Labels(options.language)
    store = Store("calendars", options.cache_dir)
    settings = digest(
        code_version(),
        "ics",
        [metadata.version("icalendar"), metadata.version("tzdata")],
        repr(handbook.organization),
        [options.language, options.timezone, options.site_url, options.directory_urls],
    )
    events: dict[tuple[str, str], Callable[[], Event]] = {}
    keys: dict[tuple[str, str], str] = {}
    assets = []
    with_meetings = [process for process in handbook.processes if process.meetings]
    for process, sequences in zip(with_meetings, _sequences(with_meetings, options.history)):
        # what an event reads of its process (see `_event`), besides the meeting itself
        of_process = [process.id, process.title, process.effective, process.last_reviewed]
        channels = handbook.channels_of(process)
        for meeting in process.meetings:
            ids = process.id or "", meeting.id or ""
            sequence = sequences[meeting.id or ""]
            events[ids] = cache(
                partial(_event, process, meeting, sequence, handbook, labels, options)
            )
            channel = channels.get(meeting.channel or "")
            keys[ids] = digest(settings, of_process, repr(meeting), repr(channel), sequence)
            name = f"{meeting.name} · {process.title}"
            make = partial(_calendar, name, [events[ids]], [_zone_name(meeting, options)])
            assets.append(Asset(paths.meeting_calendar(*ids), content=store.file(keys[ids], make)))
    for department in handbook.organization.departments:
        uses = [
            ((p.id or "", m.id or ""), m) for p, m in department_meetings(handbook, department.id)
        ]
        if uses:
            name = labels.fmt("department_calendar_name", department=department.name)
            make = partial(
                _calendar,
                name,
                [events[ids] for ids, _ in uses],
                [_zone_name(m, options) for _, m in uses],
            )
            key = digest(settings, "department", department.id, [keys[ids] for ids, _ in uses])
            assets.append(
                Asset(paths.department_calendar(department.id), content=store.file(key, make))
            )
    store.retain()
    return assets


def _calendar(name: str, events: list[Callable[[], Event]], zones: list[str]) -> bytes:
    calendar = Calendar()
    calendar.add("PRODID", PRODID)
    calendar.add("VERSION", "2.0")
    calendar.add("CALSCALE", "GREGORIAN")
    calendar.add("METHOD", "PUBLISH")
    calendar.calendar_name = " ".join(name.split())  # one line: icalendar writes NAME unescaped
    calendar.refresh_interval = REFRESH
    calendar.add("X-PUBLISHED-TTL", vDuration(REFRESH))  # Outlook's name for REFRESH-INTERVAL
    for zone in sorted(set(zones)):
        calendar.add_component(vtimezone(zone))
    for event in events:
        calendar.add_component(event())
    ical: bytes = calendar.to_ical()
    return ical


def _event(
    process: Process,
    meeting: Meeting,
    sequence: int,
    handbook: Handbook,
    labels: Labels,
    options: BuildOptions,
) -> Event:
    zone = {"TZID": _zone_name(meeting, options)}
    start = first_start(meeting, process.effective or FIRST_DAY)
    target = paths.page_url(
        paths.meeting_link(process.id or "", meeting.id or ""), options.directory_urls
    )
    url = f"{options.site_url.rstrip('/')}/{target}" if options.site_url else None
    channel = handbook.channels_of(process).get(meeting.channel or "")
    event = Event()
    event.add("UID", f"{meeting.id}.{process.id}@{UID_DOMAIN}")
    stamp = process.last_reviewed or process.effective or FIRST_DAY
    event.add("DTSTAMP", dt.datetime.combine(stamp, dt.time(), tzinfo=dt.UTC))
    event.add("SEQUENCE", sequence)
    event.add("SUMMARY", meeting.name)
    event.add("DTSTART", start, parameters=zone)
    event.add("DTEND", start + dt.timedelta(minutes=meeting.minutes), parameters=zone)
    event.add("RRULE", recurrence(meeting))
    if channel is not None:
        event.add("LOCATION", channel.name)
    event.add(
        "DESCRIPTION", _description(process, meeting, channel, handbook, labels, url or target)
    )
    if url:
        event.add("URL", url)
    return event


def _description(
    process: Process,
    meeting: Meeting,
    channel: Channel | None,
    handbook: Handbook,
    labels: Labels,
    link: str,
) -> str:
    """Agenda, channel, chair, attendees, process and the link to its page, as plain lines."""
    colon = labels.colon
    lines = []
    if meeting.agenda:
        lines.append(f"{labels.agenda}{colon}".rstrip())
        lines += [f"{number}. {item}" for number, item in enumerate(meeting.agenda, 1)]
    fields = [
        (labels.channel, channel.name if channel else ""),
        (labels.chair, handbook.party_name(meeting.chair)),
        (
            labels.attendees,
            labels.list_separator.join(handbook.party_name(a) for a in meeting.attendees),
        ),
        (labels.process, process.title),
    ]
    lines += [f"{label}{colon}{value}" for label, value in fields if value]
    lines.append(link)
    return "\n".join(lines)


def _zone_name(meeting: Meeting, options: BuildOptions) -> str:
    return str(meeting.timezone or options.timezone)


# --- recurrence ------------------------------------------------------------------


def recurrence(meeting: Meeting) -> vRecur:
    """The RRULE of a cadence; validation guarantees `every`, and a `day` wherever one is needed.

    A quarterly meeting repeats every three months from its first session, which
    falls in January, April, July or October (see `first_start`).
    """
    every, day = meeting.every, meeting.day
    if every == "day":
        return vRecur({"FREQ": "DAILY"})
    if every == "weekday":
        return vRecur({"FREQ": "WEEKLY", "BYDAY": list(_BYDAY[:5])})
    assert day is not None, "validation requires a day for weekly, monthly and quarterly meetings"
    rule: dict[str, Any] = {"FREQ": "WEEKLY" if every in ("week", "2 weeks") else "MONTHLY"}
    if every in ("2 weeks", "quarter"):
        rule["INTERVAL"] = 2 if every == "2 weeks" else 3
    if day.weekday is None:
        rule["BYMONTHDAY"] = day.monthday
    else:
        rule["BYDAY"] = f"{day.ordinal or ''}{_BYDAY[day.weekday]}"
    return vRecur(rule)


def first_start(meeting: Meeting, anchor: dt.date) -> dt.datetime:
    """The first session on or after `anchor`, in the meeting's local time (naive).

    A quarterly meeting starts in the first quarter month on or after `anchor`,
    so its sessions fall in January, April, July and October. A fortnightly
    meeting's first session is in the week of `anchor` (or the next).
    """
    assert meeting.time is not None, "validation requires a time"
    if meeting.every == "quarter" and anchor.month not in QUARTER_MONTHS:
        month = 3 * ((anchor.month - 1) // 3 + 1) + 1  # 4, 7, 10 or 13
        anchor = dt.date(anchor.year + month // 13, (month - 1) % 12 + 1, 1)
    return _first(
        recurrence(meeting),
        dt.datetime.combine(anchor, dt.time(meeting.time.hour, meeting.time.minute)),
    )


def _first(rule: vRecur, start: dt.datetime) -> dt.datetime:
    """The first time `rule` matches on or after `start` (dateutil skips a non-matching start)."""
    occurrence: dt.datetime = next(iter(rrulestr(rule.to_ical().decode(), dtstart=start)))
    return occurrence


# --- time zones ------------------------------------------------------------------

_NAME = r"<[^>]*>|[A-Za-z]+"
_OFFSET = r"[+-]?\d{1,3}(?::\d{2}){0,2}"
_RULE = rf"M(\d{{1,2}})\.([1-5])\.([0-6])(?:/({_OFFSET}))?"
#: A TZif file's footer: the POSIX TZ rule in force after its last listed transition.
_POSIX_TZ = re.compile(rf"({_NAME})({_OFFSET})(?:({_NAME})({_OFFSET})?,{_RULE},{_RULE})?")
#: The years a VTIMEZONE lists transitions for when a rule cannot be written as RRULEs.
_LISTED_FROM, _LISTED_TO = dt.date(2000, 1, 1), dt.date(2050, 1, 1)


@cache
def vtimezone(name: str) -> Timezone:
    """A VTIMEZONE in the style Outlook accepts: a STANDARD and, with daylight saving, a
    DAYLIGHT observance, each repeating yearly by RRULE, from the zone's current rule.

    The rule is the POSIX TZ string at the end of the zone's TZif file. The few zones
    whose switch time falls outside 0:00–24:00 (e.g. "Friday after the fourth
    Thursday, 02:00") cannot be written as a yearly weekday rule; for them the
    transitions of 2000–2050 are listed instead (icalendar's RDATE form).
    """
    data = _zone_data(name)
    match = _POSIX_TZ.fullmatch(data.rstrip(b"\n").rpartition(b"\n")[2].decode("ascii", "replace"))
    times = [_duration(t or "2") for t in (match[8], match[12])] if match and match[3] else []
    if match is None or any(not dt.timedelta() <= t < dt.timedelta(days=1) for t in times):
        zone = zoneinfo.ZoneInfo.from_file(io.BytesIO(data), key=name)
        return Timezone.from_tzinfo(zone, name, _LISTED_FROM, _LISTED_TO)
    timezone = Timezone()
    timezone.add("TZID", name)
    standard_name, standard = match[1].strip("<>"), -_duration(match[2])  # POSIX counts west of UTC
    if not match[3]:
        timezone.add_component(_observance(TimezoneStandard(), standard_name, standard, standard))
        return timezone
    daylight = -_duration(match[4]) if match[4] else standard + dt.timedelta(hours=1)
    begin, end = _yearly(*match.group(5, 6, 7)), _yearly(*match.group(9, 10, 11))
    timezone.add_component(
        _observance(TimezoneStandard(), standard_name, daylight, standard, end, times[1])
    )
    timezone.add_component(
        _observance(TimezoneDaylight(), match[3].strip("<>"), standard, daylight, begin, times[0])
    )
    return timezone


def _observance(
    observance: TimezoneStandard | TimezoneDaylight,
    name: str,
    offset_from: dt.timedelta,
    offset_to: dt.timedelta,
    rule: vRecur | None = None,
    at: dt.timedelta = dt.timedelta(),
) -> TimezoneStandard | TimezoneDaylight:
    start = dt.datetime(1970, 1, 1) + at
    observance.add("TZNAME", name)
    observance.add("TZOFFSETFROM", offset_from)
    observance.add("TZOFFSETTO", offset_to)
    observance.add("DTSTART", _first(rule, start) if rule else start)
    if rule:
        observance.add("RRULE", rule)
    return observance


def _yearly(month: str, week: str, weekday: str) -> vRecur:
    """POSIX `Mm.w.d` (week 5 is the last, day 0 is Sunday) as a yearly RRULE."""
    ordinal = -1 if week == "5" else int(week)
    return vRecur(
        {
            "FREQ": "YEARLY",
            "BYMONTH": int(month),
            "BYDAY": f"{ordinal}{_BYDAY[(int(weekday) - 1) % 7]}",
        }
    )


def _duration(text: str) -> dt.timedelta:
    """A POSIX `[+-]hh[:mm[:ss]]`."""
    hours, minutes, seconds = ([int(part) for part in text.lstrip("+-").split(":")] + [0, 0])[:3]
    value = dt.timedelta(hours=hours, minutes=minutes, seconds=seconds)
    return -value if text.startswith("-") else value


def _zone_data(name: str) -> bytes:
    """The zone's TZif file from the pinned `tzdata` package (`TimeZone` accepts no other zone),
    so every machine writes the same VTIMEZONE."""
    return resources.files("tzdata").joinpath("zoneinfo", *name.split("/")).read_bytes()


# --- SEQUENCE from git -------------------------------------------------------------


def _sequences(processes: list[Process], history: GitHistory | None) -> Iterator[Counter[str]]:
    """For each process, how often each meeting changed over the last MAX_COMMITS commits of its
    file, plus once more when the working tree changes it again; every count is 0 outside git.

    The commits of every file come from one `git log` and their contents from `git cat-file`
    (history.py); a committed version identical to the file on disk (usually the latest) is
    not parsed again: it says what the loaded process says.
    """
    if history is None:
        yield from (Counter() for _ in processes)
        return
    paths = [history.folder / process.file for process in processes]
    commits = history.changing_commits(paths, MAX_COMMITS)
    blobs = history.files_at((sha, path) for path in paths for sha in reversed(commits[path]))
    for process, path in zip(processes, paths):
        current = _signatures(process)
        working = _read(path)
        versions = [_committed(next(blobs), path, working, current) for _ in commits[path]]
        changes: Counter[str] = Counter()
        last: dict[str, Signature] = {}
        for version in [*versions, current]:
            for meeting_id, signature in version.items():
                if meeting_id in last and last[meeting_id] != signature:
                    changes[meeting_id] += 1
                last[meeting_id] = signature
        yield changes


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def _committed(
    blob: Blob | None,
    path: Path,
    working: bytes | None,
    current: dict[str, Signature],
) -> dict[str, Signature]:
    """The meetings of a committed version: `current` when it is the file on disk, else parsed once
    per blob (a blob never changes, so `mkdocs serve` parses each old version once)."""
    if blob is None:
        return {}
    if blob.data == working:
        return current
    key = (blob.id, path.name)
    if blob.id and key in _PARSED:
        return _PARSED[key]
    report = Report(path.name)
    signatures: dict[str, Signature] = {}
    with report.guard():  # an old version that trips the reader must not fail today's build
        process = read_process(SourceFile(path, path.name, blob.data), report)
        if process is not None:
            signatures = _signatures(process)
    if blob.id:
        if len(_PARSED) >= PARSED_VERSIONS:
            _PARSED.clear()
        _PARSED[key] = signatures
    return signatures


def _signatures(process: Process) -> dict[str, Signature]:
    """What makes each meeting's calendar entry differ: its fields, and the date it counts from."""
    return {
        m.id or "": (
            m.name,
            m.every,
            m.day,
            m.time,
            m.minutes,
            m.timezone,
            m.chair,
            tuple(m.attendees),
            m.channel,
            tuple(m.agenda),
            process.effective,
        )
        for m in process.meetings
    }
