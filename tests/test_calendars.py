"""Meeting calendars (.ics): every file read back with icalendar, as a calendar app would."""

from __future__ import annotations

import datetime as dt
import json
import zoneinfo
from pathlib import Path

import pytest
from dateutil.rrule import rrulestr
from icalendar import Calendar, Event

from conftest import TODAY
from process_handbook.artifacts.calendars import vtimezone
from process_handbook.history import GitHistory
from process_handbook.options import BuildOptions
from process_handbook.pipeline import Build, build
from sitekit import REPO, build_site, git, write_project

SAMPLE = REPO / "processes"
SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")

#: A process whose meetings use every cadence; effective on a Thursday, 2026-02-12.
CADENCES = """\
title: 例会大全
id: cadences
owner: support-manager
effective: 2026-02-12
steps:
  - {name: 受理投诉, lane: support, owner: support-specialist}
meetings:
  - {id: daily, name: 晨会, every: day, time: "8:45", duration: 15m, chair: support-manager, attendees: [support]}
  - {id: workdays, name: 站会, every: weekday, time: "9:30", chair: rnd-lead, attendees: [rnd]}
  - {id: weekly, name: 周会, every: week, day: wednesday, time: "15:00", chair: support-manager,
     attendees: [support, rnd-lead], channel: project-group, agenda: [本周概况, 改进跟踪]}
  - {id: fortnightly, name: 双周会, every: 2 weeks, day: 周五, time: "14:00", duration: 2h, chair: sales-manager}
  - {id: monthly, name: 月会, every: month, day: 15, time: "10:00", duration: 90m, chair: support-manager,
     timezone: Europe/Berlin}
  - {id: first-monday, name: 月初会, every: month, day: first monday, time: "9:00", chair: support-manager}
  - {id: last-friday, name: 月末会, every: month, day: last friday, time: "16:00", chair: support-manager}
  - {id: quarterly, name: 季度会, every: quarter, day: 10, time: "10:00", chair: support-manager}
  - {id: quarterly-wed, name: 季度周三会, every: quarter, day: first wednesday, time: "14:30", chair: support-manager}
"""

#: What each meeting above must become: its RRULE, and its first session (local time).
EXPECTED = {
    "daily": ({"FREQ": ["DAILY"]}, dt.datetime(2026, 2, 12, 8, 45), 15),
    "workdays": (
        {"FREQ": ["WEEKLY"], "BYDAY": ["MO", "TU", "WE", "TH", "FR"]},
        dt.datetime(2026, 2, 12, 9, 30),
        60,
    ),
    "weekly": ({"FREQ": ["WEEKLY"], "BYDAY": ["WE"]}, dt.datetime(2026, 2, 18, 15, 0), 60),
    "fortnightly": (
        {"FREQ": ["WEEKLY"], "INTERVAL": [2], "BYDAY": ["FR"]},
        dt.datetime(2026, 2, 13, 14, 0),
        120,
    ),
    "monthly": ({"FREQ": ["MONTHLY"], "BYMONTHDAY": [15]}, dt.datetime(2026, 2, 15, 10, 0), 90),
    "first-monday": ({"FREQ": ["MONTHLY"], "BYDAY": ["1MO"]}, dt.datetime(2026, 3, 2, 9, 0), 60),
    "last-friday": ({"FREQ": ["MONTHLY"], "BYDAY": ["-1FR"]}, dt.datetime(2026, 2, 27, 16, 0), 60),
    # Quarterly meetings fall in January, April, July and October: February moves to April.
    "quarterly": (
        {"FREQ": ["MONTHLY"], "INTERVAL": [3], "BYMONTHDAY": [10]},
        dt.datetime(2026, 4, 10, 10, 0),
        60,
    ),
    "quarterly-wed": (
        {"FREQ": ["MONTHLY"], "INTERVAL": [3], "BYDAY": ["1WE"]},
        dt.datetime(2026, 4, 1, 14, 30),
        60,
    ),
}


def calendars(result: Build) -> dict[str, bytes]:
    return {a.path: a.read() for a in result.assets if a.path.endswith(".ics")}


def parse(data: bytes) -> Calendar:
    calendar = Calendar.from_ical(data)
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
    assert calendar.get_missing_tzids() == set(), "every TZID needs its VTIMEZONE"
    return calendar


def only_event(data: bytes) -> Event:
    events = parse(data).walk("VEVENT")
    assert len(events) == 1
    return events[0]


def rule(event: Event) -> dict[str, list[object]]:
    """The RRULE as plain values: {"BYDAY": ["1MO"], ...}."""
    return {
        key: [str(v) if key == "BYDAY" else v for v in values]
        for key, values in event["RRULE"].items()
    }


@pytest.fixture
def cadences(processes_dir: Path) -> Path:
    (processes_dir / "cadences.yml").write_text(CADENCES, encoding="utf-8")
    return processes_dir


def build_ok(root: Path, **options: object) -> Build:
    result = build(root, BuildOptions(today=TODAY, **options))  # type: ignore[arg-type]
    assert result.ok, [d.format() for d in result.diagnostics if d.is_error]
    return result


# --- every meeting of the sample -------------------------------------------------------


def test_every_sample_meeting_has_a_calendar_with_its_time_and_length(sample: Build) -> None:
    files = calendars(sample)
    meetings = [(p, m) for p in sample.handbook.processes for m in p.meetings]
    assert len(meetings) >= 10
    for process, meeting in meetings:
        event = only_event(files[f"calendars/{process.id}/{meeting.id}.ics"])
        assert event["SUMMARY"] == meeting.name
        assert event["UID"] == f"{meeting.id}.{process.id}@process-handbook"
        start, end = event.decoded("DTSTART"), event.decoded("DTEND")
        assert (start.hour, start.minute) == (meeting.time.hour, meeting.time.minute)
        assert end - start == dt.timedelta(minutes=meeting.minutes)
        assert event["DTSTART"].params["TZID"] == str(meeting.timezone or "Asia/Shanghai")
        assert start.date() >= (process.effective or dt.date(2026, 1, 1))
        assert event["SEQUENCE"] == 0  # the sample is read outside any git history here
        assert "RRULE" in event


def test_every_calendar_parses_and_carries_its_time_zones(sample: Build) -> None:
    for path, data in calendars(sample).items():
        calendar = parse(data)
        zones = {tz["TZID"] for tz in calendar.walk("VTIMEZONE")}
        used = {e["DTSTART"].params["TZID"] for e in calendar.walk("VEVENT")}
        assert zones == used, path


def test_the_weekly_wednesday_meeting_expands_to_known_dates(sample: Build) -> None:
    """投诉复盘周会: every Wednesday 15:00 Asia/Shanghai, counted from 2026-01-01."""
    calendar = parse(calendars(sample)["calendars/complaint-handling/weekly-review.ics"])
    event = calendar.walk("VEVENT")[0]
    start = event.decoded("DTSTART")
    first = list(
        rrulestr(event["RRULE"].to_ical().decode(), dtstart=start, cache=False).xafter(
            start, 4, inc=True
        )
    )
    assert first == [dt.datetime(2026, 1, d, 15, 0, tzinfo=SHANGHAI) for d in (7, 14, 21, 28)]
    assert [o.astimezone(dt.UTC).time() for o in first] == [dt.time(7, 0)] * 4
    # The VTIMEZONE in the file, read on its own, says the same: UTC+8 all year.
    file_zone = calendar.walk("VTIMEZONE")[0].to_tz()
    for month in (1, 7):
        local = dt.datetime(2026, month, 7, 15, 0, tzinfo=file_zone)
        assert local.utcoffset() == dt.timedelta(hours=8)


def test_the_description_tells_agenda_channel_chair_process_and_link(sample: Build) -> None:
    event = only_event(calendars(sample)["calendars/complaint-handling/weekly-review.ics"])
    text = str(event["DESCRIPTION"])
    for expected in (
        "议程：\n1. 本周投诉概况\n2. 重大问题",
        "渠道：",
        "主持人：客服部经理",
        "流程：客户投诉处理流程",
        "processes/complaint-handling/#meeting-weekly-review",
    ):
        assert expected in text
    assert "LOCATION" in event


def test_with_a_site_url_the_link_is_absolute(cadences: Path) -> None:
    result = build_ok(
        cadences, site_url="https://handbook.example.invalid/ops/", directory_urls=False
    )
    event = only_event(calendars(result)["calendars/cadences/weekly.ics"])
    link = "https://handbook.example.invalid/ops/processes/cadences.html#meeting-weekly"
    assert str(event["DESCRIPTION"]).endswith("\n" + link)
    assert str(event["URL"]) == link


def test_english_descriptions(cadences: Path) -> None:
    event = only_event(
        calendars(build_ok(cadences, language="en"))["calendars/cadences/weekly.ics"]
    )
    assert str(event["DESCRIPTION"]).startswith("Agenda:\n1. 本周概况\n2. 改进跟踪\n")


# --- cadences --------------------------------------------------------------------------


@pytest.mark.parametrize("meeting_id", sorted(EXPECTED))
def test_each_cadence_becomes_its_rule(cadences: Path, meeting_id: str) -> None:
    expected_rule, expected_start, minutes = EXPECTED[meeting_id]
    event = only_event(calendars(build_ok(cadences))[f"calendars/cadences/{meeting_id}.ics"])
    assert rule(event) == expected_rule
    start = event.decoded("DTSTART")
    assert start.replace(tzinfo=None) == expected_start
    assert event.decoded("DTEND") - start == dt.timedelta(minutes=minutes)


def test_a_meeting_names_its_own_time_zone_else_the_site_default(cadences: Path) -> None:
    files = calendars(build_ok(cadences, timezone="America/New_York"))
    assert (
        only_event(files["calendars/cadences/monthly.ics"])["DTSTART"].params["TZID"]
        == "Europe/Berlin"
    )
    assert (
        only_event(files["calendars/cadences/weekly.ics"])["DTSTART"].params["TZID"]
        == "America/New_York"
    )


def test_quarterly_sessions_fall_in_the_first_month_of_each_quarter(cadences: Path) -> None:
    event = only_event(calendars(build_ok(cadences))["calendars/cadences/quarterly-wed.ics"])
    start = event.decoded("DTSTART")
    sessions = list(
        rrulestr(event["RRULE"].to_ical().decode(), dtstart=start).xafter(start, 5, inc=True)
    )
    assert [(s.year, s.month, s.day) for s in sessions] == [
        (2026, 4, 1),
        (2026, 7, 1),
        (2026, 10, 7),
        (2027, 1, 6),
        (2027, 4, 7),
    ]


# --- time zones --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["Europe/Berlin", "America/New_York", "Australia/Sydney", "Asia/Jerusalem"]
)
def test_a_vtimezone_agrees_with_the_zone_data(name: str) -> None:
    """Offsets read from the VTIMEZONE alone match the zone data, either side of each switch."""
    component = vtimezone(name)
    from_file = Calendar.from_ical(
        b"BEGIN:VCALENDAR\r\n" + component.to_ical() + b"END:VCALENDAR\r\n"
    )
    tz, real = from_file.walk("VTIMEZONE")[0].to_tz(), zoneinfo.ZoneInfo(name)
    moment = dt.datetime(2026, 1, 1, 12)
    while moment < dt.datetime(2030, 1, 1):
        assert moment.replace(tzinfo=tz).utcoffset() == moment.replace(tzinfo=real).utcoffset(), (
            name,
            moment,
        )
        moment += dt.timedelta(days=3, hours=7)


def test_daylight_saving_is_written_as_yearly_rules_outlook_accepts() -> None:
    text = vtimezone("Europe/Berlin").to_ical().decode()
    assert "BEGIN:STANDARD" in text and "BEGIN:DAYLIGHT" in text and "RDATE" not in text
    assert "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10" in text
    assert "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3" in text
    assert "DTSTART:19701025T030000" in text and "TZOFFSETFROM:+0200" in text


# --- departments ---------------------------------------------------------------------------


def test_a_department_calendar_holds_every_meeting_it_or_its_roles_attend_or_chair(
    sample: Build,
) -> None:
    handbook = sample.handbook
    files = calendars(sample)
    for department in handbook.organization.departments:
        members = {department.id} | {
            r.id for r in handbook.organization.roles if r.department == department.id
        }
        expected = [
            f"{m.id}.{p.id}@process-handbook"
            for p in handbook.processes
            for m in p.meetings
            if m.chair in members or members & set(m.attendees)
        ]
        path = f"calendars/departments/{department.id}.ics"
        if not expected:
            assert path not in files
            continue
        calendar = parse(files[path])
        assert [str(e["UID"]) for e in calendar.walk("VEVENT")] == expected, department.id
        assert department.name in str(calendar["X-WR-CALNAME"])


def test_the_same_meeting_is_the_same_event_in_every_calendar(sample: Build) -> None:
    files = calendars(sample)
    single = only_event(files["calendars/complaint-handling/weekly-review.ics"])
    in_department = next(
        e
        for e in parse(files["calendars/departments/support.ics"]).walk("VEVENT")
        if e["UID"] == single["UID"]
    )
    assert in_department.to_ical() == single.to_ical()


def test_a_department_without_meetings_gets_no_calendar_and_no_link(cadences: Path) -> None:
    (cadences / "cadences.yml").write_text(CADENCES.split("meetings:")[0], encoding="utf-8")
    result = build_ok(cadences)
    assert calendars(result) == {}
    department = next(p.content for p in result.pages if p.path == "departments/support.md")
    assert "订阅本部门会议日历" not in department


# --- stable output ---------------------------------------------------------------------------


def test_two_builds_write_byte_identical_calendars(cadences: Path) -> None:
    first, second = calendars(build_ok(cadences)), calendars(build_ok(cadences))
    assert first == second and len(first) >= 10


def test_uids_and_stamps_do_not_depend_on_the_build_date(cadences: Path) -> None:
    now = calendars(build_ok(cadences))
    later = calendars(build(cadences, BuildOptions(today=dt.date(2031, 5, 5))))
    assert now == later
    event = only_event(now["calendars/cadences/weekly.ics"])
    assert event["UID"] == "weekly.cadences@process-handbook"
    assert event.decoded("DTSTAMP") == dt.datetime(2026, 2, 12, tzinfo=dt.UTC)  # the effective date


def test_hostile_names_stay_text(processes_dir: Path) -> None:
    name = 'Weekly, "sync"; review\nBEGIN:VEVENT\nSUMMARY:pwned'
    (processes_dir / "p.yml").write_text(
        "title: T\nowner: support-manager\nsteps:\n  - {name: a, lane: support, owner: support-manager}\n"
        "meetings:\n"
        f"  - {{id: m, name: {_yaml_string(name)}, every: day, time: '9:00', chair: support-manager,"
        f" agenda: [{_yaml_string('=cmd|calc; a,b')}]}}\n",
        encoding="utf-8",
    )
    event = only_event(calendars(build_ok(processes_dir))["calendars/p/m.ics"])
    assert event["SUMMARY"] == name
    assert "=cmd|calc; a,b" in str(event["DESCRIPTION"])


def _yaml_string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


# --- SEQUENCE from git -------------------------------------------------------------------------


def sequences(processes: Path) -> dict[str, int]:
    files = calendars(build_ok(processes, history=GitHistory(processes)))
    return {
        path.rsplit("/", 1)[1][:-4]: int(only_event(data)["SEQUENCE"])
        for path, data in files.items()
        if path.startswith("calendars/cadences/")
    }


def test_sequence_is_zero_outside_git(cadences: Path) -> None:
    assert set(sequences(cadences).values()) == {0}


def test_sequence_rises_with_each_change_of_a_meeting(cadences: Path) -> None:
    repo = cadences.parent
    file = cadences / "cadences.yml"
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "first")
    assert set(sequences(cadences).values()) == {0}

    file.write_text(CADENCES.replace('time: "15:00"', 'time: "16:00"'), encoding="utf-8")
    assert sequences(cadences)["weekly"] == 1, "an uncommitted change counts already"
    git(repo, "commit", "-qam", "weekly meeting one hour later")
    after_commit = sequences(cadences)
    assert after_commit["weekly"] == 1, "committing the same change counts once"
    assert {k: v for k, v in after_commit.items() if k != "weekly"} == dict.fromkeys(
        EXPECTED.keys() - {"weekly"}, 0
    )

    file.write_text(file.read_text("utf-8").replace("改进跟踪", "改进措施跟踪"), encoding="utf-8")
    git(repo, "commit", "-qam", "agenda")
    file.write_text(
        file.read_text("utf-8").replace("title: 例会大全", "title: 例会一览"), encoding="utf-8"
    )
    git(repo, "commit", "-qam", "not a meeting change")
    counted = sequences(cadences)
    assert counted["weekly"] == 2 and counted["daily"] == 0


# --- pages and site ----------------------------------------------------------------------------


def test_each_meeting_card_links_its_calendar(sample: Build) -> None:
    text = next(p.content for p in sample.pages if p.path == "processes/complaint-handling.md")
    for meeting_id in ("daily-huddle", "weekly-review", "monthly-analysis"):
        assert (
            f'<a href="../../calendars/complaint-handling/{meeting_id}.ics">添加到日历</a>' in text
        )


def test_department_page_offers_the_subscription(sample: Build) -> None:
    text = next(p.content for p in sample.pages if p.path == "departments/support.md")
    assert "**[订阅本部门会议日历](../calendars/departments/support.ics)**" in text


@pytest.mark.site
def test_the_site_serves_the_calendars(sample_site: Path) -> None:
    weekly = sample_site / "calendars" / "complaint-handling" / "weekly-review.ics"
    assert only_event(weekly.read_bytes())["SUMMARY"] == "投诉复盘周会"
    html = (sample_site / "processes" / "complaint-handling" / "index.html").read_text("utf-8")
    assert 'href="../../calendars/complaint-handling/weekly-review.ics"' in html
    department = (sample_site / "departments" / "support" / "index.html").read_text("utf-8")
    assert 'href="../../calendars/departments/support.ics"' in department


@pytest.mark.site
def test_an_unknown_default_time_zone_fails_the_build_with_a_fix(tmp_path: Path) -> None:
    config = write_project(tmp_path, SAMPLE, plugin={"timezone": "Asia/Shangai"})
    result = build_site(config, tmp_path / "site")
    assert result.returncode != 0
    assert "unknown time zone 'Asia/Shangai'" in result.stderr and "Traceback" not in result.stderr
