"""Model → Markdown pages, through Jinja2 templates a site may override.

Every `{{ value }}` a template prints is escaped for Markdown unless it is
already `Markup` (links, tables and descriptions built here), so author text
cannot turn into HTML or Markdown syntax by accident.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache, partial
from pathlib import Path
from typing import Any, TypeVar

import jinja2
from markupsafe import Markup

from .. import paths
from ..background import Pending
from ..cache import Store, code_version, digest
from ..diagnostics import Diagnostic
from ..i18n.labels import Labels
from ..model.crossref import (
    CrossReference,
    Involvement,
    MeetingUse,
    StepUse,
    TemplateUse,
    cross_reference,
)
from ..model.entities import Process
from ..model.fields import SLUG_PATTERN
from ..model.handbook import Handbook
from ..model.metrics import (
    FAR_MORE_BY,
    FAR_MORE_TIMES,
    QUANTITIES,
    department_load,
    process_metrics,
)
from ..model.queries import (
    channels_used,
    department_matrix,
    department_meetings,
    folder_title,
    goes_on_in_order,
    next_steps,
    onboarding_path,
    raci_matrix,
)
from ..model.reviews import UPCOMING_DAYS, Reviews, ReviewState, review_state, reviews
from ..options import BuildOptions
from ..output import Page
from . import metrics_text
from .codes import code_reference
from .improvement import improvement_view, open_problem_marks, progress_bar
from .links import Linker
from .mermaid import (
    DiagramText,
    StepStyle,
    Swimlane,
    supports_layout,
    supports_swimlanes,
    swimlane,
)
from .parts import Group, Part, Piece, parts
from .reference import format_reference
from .text import Descriptions, fenced, inline, preformatted, web_link, with_code

_SLUG = re.compile(SLUG_PATTERN)
_Use = TypeVar("_Use", StepUse, MeetingUse, TemplateUse)
#: Material's search ranks a process page's sections (its steps) above pages that only mention them.
PROCESS_SEARCH_BOOST = 3
#: ... and pages that gather what other pages hold (the onboarding path) below them.
OVERVIEW_SEARCH_BOOST = 0.3
#: Up to this many steps on the reading path, every process on it gets a checklist of its steps;
#: beyond (a large handbook), only the processes for new hires do, and those for everyone are
#: one list with a box per process, so that the page stays a page.
ONBOARDING_FULL_STEPS = 300
#: Up to this many processes, the process index lists the processes of each tag (a list per tag);
#: beyond, each row names its process's tags (the lists would repeat every process again).
TAG_LISTS_UP_TO = 200
#: Goals on the goals page, or steps of a checklist on the reading path, that weigh as much as
#: a process's row on the other overviews (when an overview is cut into parts, `parts`).
ITEMS_PER_ROW = 5
#: From this many processes, a forked child renders half of the process pages.
SPLIT_FROM = 100


@lru_cache(
    maxsize=8
)  # `mkdocs serve` rebuilds reuse the compiled templates (Jinja2 reloads changed ones)
def _environment(templates_dir: Path | None) -> jinja2.Environment:
    loaders: list[jinja2.BaseLoader] = [
        jinja2.PackageLoader("process_handbook.rendering", "templates")
    ]
    if templates_dir is not None:
        loaders.insert(0, jinja2.FileSystemLoader(str(templates_dir)))
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        # `finalize` escapes every printed value for Markdown and returns Markup, so
        # autoescape's HTML escaping never applies twice; macros return Markup too.
        autoescape=True,
        finalize=_escape,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        # `{#id}` is a Markdown heading anchor here, so Jinja comments are `{## ... ##}`.
        comment_start_string="{##",
        comment_end_string="##}",
    )
    env.filters["md"] = _description
    env.filters["anchor"] = _anchor
    env.filters["basename"] = lambda path: path.rsplit("/", 1)[-1]
    env.filters["process_page"] = paths.process_page
    env.filters["web_link"] = web_link  # a tool's `url`: written as a link attribute
    env.filters["preformatted"] = preformatted  # the inside of a <pre>: lines and spaces kept
    env.filters["fenced"] = fenced  # a diagram's source inside <pre><code>, as a fence gives it
    env.filters["with_code"] = with_code  # `backticked` parts as code
    env.globals["paths"] = paths  # where pages and files live: calendars, exports, ...
    for name in (
        "step_anchor",
        "meeting_anchor",
        "tool_anchor",
        "term_anchor",
    ):  # ids of places in a page
        env.globals[name] = _anchor_of(getattr(paths, name))
    env.globals["zip"] = zip
    env.globals["metric_words"] = metrics_text  # flow metrics in words
    env.globals["metric_quantities"] = QUANTITIES
    env.filters["progress_bar"] = progress_bar
    env.filters["by_process"] = _by_process
    env.globals["involvement_keys"] = lambda inv: [k for k in _STEP_KINDS if getattr(inv, k)]
    env.globals["involvement_counts"] = _involvement_counts
    return env


_STEP_KINDS = ("led", "supported", "owned", "responsible", "consulted", "informed")


def _involvement_counts(
    involvement: Any, kinds: list[str], handbook: Handbook
) -> list[tuple[Process, list[int]]]:
    """For each process a department takes part in (in handbook order), its steps of each kind."""
    rows: dict[int, tuple[Process, list[int]]] = {}
    for column, kind in enumerate(kinds):
        for use in getattr(involvement, kind):
            rows.setdefault(id(use.process), (use.process, [0] * len(kinds)))[1][column] += 1
    return [rows[id(p)] for p in handbook.processes if id(p) in rows]


def _by_process(uses: list[_Use]) -> list[tuple[Process, list[_Use]]]:
    """Steps, meetings or templates across processes, grouped by process (in the order they come)."""
    groups: dict[int, tuple[Process, list[_Use]]] = {}
    for use in uses:
        groups.setdefault(id(use.process), (use.process, []))[1].append(use)
    return list(groups.values())


@dataclass(frozen=True)
class _Next:
    label: str | None
    link: Markup


def _badge(css_class: str, text: str) -> Markup:
    """A styled label; `css_class` comes from code, `text` from the label catalogue."""
    return Markup('<span class="{}">{}</span>').format(css_class, text)


def _anchor(ident: str) -> Markup:
    """An id (already checked to be a slug) as it must appear in an anchor, unescaped."""
    if not _SLUG.match(ident):
        raise ValueError(f"not an id: {ident!r}")
    return Markup(ident)


def _anchor_of(made: Callable[[str], str]) -> Callable[[str], Markup]:
    """A template's `step_anchor(id)` (and the like): the anchor `paths` makes, checked."""
    return lambda ident: _anchor(made(ident))


@jinja2.pass_context
def _description(context: Any, text: str | None) -> Markup:
    """A description's Markdown as HTML, within the page's budget (`text.Descriptions`)."""
    return context["descriptions"](text) if text else Markup("")


def _escape(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, (Markup, int, float)):  # numbers need no escaping
        return value
    return inline(value)


class Renderer:
    """Renders every page of a handbook; one instance per build."""

    def __init__(
        self, handbook: Handbook, options: BuildOptions, kept: Store | None = None
    ) -> None:
        """`kept`: where process pages are kept between builds (see `_kept_process`)."""
        self.handbook = handbook
        self.options = options
        self.labels = Labels(options.language)
        self.xref: CrossReference = cross_reference(handbook)
        self.env = _environment(options.templates_dir)
        # a site's own templates may show anything of any process on a process page
        self.kept = kept if options.templates_dir is None else None
        self.kept_settings = digest(
            code_version(), handbook.organization.source_digest, options.page_settings()
        )

    def pages(self) -> Iterator[Page]:
        processes = self.handbook.processes
        yield from self._overview(
            "process_index.md.j2",
            paths.PROCESS_INDEX,
            processes,
            lambda _: {},
            tags=self._tags(),
            tag_lists=len(processes) <= TAG_LISTS_UP_TO,
        )
        # A large handbook's later process pages are rendered by a forked child while this
        # process renders the others (`background.Pending`: the same pages, in the same order).
        half = len(processes) // 2 if len(processes) >= SPLIT_FROM else len(processes)
        later = None
        if half < len(processes):
            later = Pending(partial(self._processes, processes[half:]))
        try:
            yield from self._processes(processes[:half])
            rest = list(self._after_processes(processes))
        except BaseException:
            if later is not None:
                later.cancel()
            raise
        if later is not None:
            yield from later.result()
        yield from rest

    def _processes(self, processes: list[Process]) -> list[Page]:
        return [self._kept_process(process) for process in processes]

    def _kept_process(self, process: Process) -> Page:
        """A process page, kept by what it shows: its own file's text, its "last updated" date
        and the titles of the processes its steps run (the only facts of other processes
        on it)."""
        called = sorted({s.process for s in process.steps if s.kind == "subprocess" and s.process})
        titles = {
            id_: getattr(self.handbook.process_by_id.get(id_), "title", None) for id_ in called
        }
        updated = self.options.last_updated(process) if self.options.last_updated else None
        return self._kept(
            ["process", process.file, process.id, process.source_digest, str(updated), titles],
            lambda: self._process(process),
        )

    def _kept(self, shown: list[Any], render: Callable[[], Page]) -> Page:
        """The page `render` makes, from `kept` when what it shows (`shown`, with the
        organization, the options, the code and the built-in templates) is unchanged."""
        if self.kept is None:
            return render()
        key = digest(self.kept_settings, shown)
        record = self.kept.get(key)
        if (
            isinstance(record, list)
            and len(record) == 2
            and all(isinstance(x, str) for x in record)
        ):
            return Page(record[0], record[1])
        page = render()
        self.kept.put(key, [page.path, page.content])
        return page

    def _involved(self, involvement: Involvement | None) -> list[Any]:
        """The processes a role's involvement draws on, in handbook order, by their text."""
        if involvement is None:
            return []
        uses: list[Any] = [
            *involvement.processes_owned,
            *involvement.processes_sponsored,
            *involvement.teams,
        ]
        for kind in ("led", "supported", "owned", "responsible", "consulted", "informed"):
            uses += [use.process for use in getattr(involvement, kind)]
        uses += [use.process for use in [*involvement.chaired, *involvement.attended]]
        uses += [use.process for use in involvement.templates]
        uses += [process for process, _ in involvement.phases]
        listed = {id(process) for process in uses}
        return [[p.file, p.id, p.source_digest] for p in self.handbook.processes if id(p) in listed]

    def _after_processes(self, processes: list[Process]) -> Iterator[Page]:
        """The pages that follow the process pages: departments, roles, overviews, tools."""
        yield self._render("department_index.md.j2", paths.DEPARTMENT_INDEX)
        for department in self.handbook.organization.departments:
            yield self._render(
                "department.md.j2",
                paths.department_page(department.id),
                department=department,
                roles=[
                    r for r in self.handbook.organization.roles if r.department == department.id
                ],
                involvement=self.xref.departments.get(department.id),
                calendar=paths.department_calendar(department.id)
                if department_meetings(self.handbook, department.id)
                else None,
            )
        yield self._render("role_index.md.j2", paths.ROLE_INDEX)
        for role in self.handbook.organization.roles:
            involvement = self.xref.roles.get(role.id)
            yield self._kept(
                ["role", role.id, self._involved(involvement)],
                partial(
                    self._render,
                    "role.md.j2",
                    paths.role_page(role.id),
                    role=role,
                    involvement=involvement,
                ),
            )
        matrix = department_matrix(self.handbook)
        cells = {id(process): row for process, row in matrix.rows}
        yield from self._overview(
            "responsibility.md.j2",
            paths.RESPONSIBILITY,
            processes,
            lambda chosen: {"rows": [(p, cells[id(p)]) for p in chosen]},
            departments=matrix.departments,
            matrix=matrix,  # the whole matrix, for site templates written before the parts
        )
        yield from self._overview(
            "metrics.md.j2",
            paths.METRICS,
            processes,
            lambda chosen: {"metrics": [process_metrics(p) for p in chosen]},
            loads=department_load(self.handbook),
            far_more_times=FAR_MORE_TIMES,
            far_more_by=FAR_MORE_BY,
        )
        yield self._render("tools.md.j2", paths.TOOLS, uses=self.xref.tools)
        for tool in self.handbook.organization.tools:
            yield self._render(
                "tool.md.j2", paths.tool_page(tool.id), tool=tool, uses=self.xref.tools.get(tool.id)
            )
        path = onboarding_path(self.handbook)
        path_steps = sum(len(p.current_steps) for _, group in path for p in group)
        full = path_steps <= ONBOARDING_FULL_STEPS

        def checklist(process: Process) -> bool:  # a checklist of its steps, or a box of its own
            return full or "new-hire" in process.audience

        yield from self._overview(
            "onboarding.md.j2",
            paths.ONBOARDING,
            [p for _, group in path for p in group],
            lambda _: {},
            groups=path,
            weight=lambda p: 1 + len(p.current_steps) // ITEMS_PER_ROW if checklist(p) else 1,
            full=full,
            search_boost=OVERVIEW_SEARCH_BOOST,
            # for site templates written before the parts: the whole path, as they had it
            path=path,
            path_steps=path_steps,
            full_path_steps=ONBOARDING_FULL_STEPS,
        )
        yield self._render(
            "glossary.md.j2",
            paths.GLOSSARY,
            search_boost=PROCESS_SEARCH_BOOST,
            terms=self.labels.terms,
        )
        yield self._render(
            "format_reference.md.j2", paths.FORMAT_REFERENCE, files=format_reference(self.labels)
        )
        yield self._render(
            "codes_reference.md.j2",
            paths.CODES_REFERENCE,
            entries=code_reference(self.options.levels),
            search_boost=OVERVIEW_SEARCH_BOOST,
        )
        yield from self._overview(
            "goals.md.j2",
            paths.GOALS,
            [p for p in processes if p.goals],
            lambda chosen: {"processes": chosen},
            weight=lambda p: -(-len(p.goals) // ITEMS_PER_ROW),
        )
        today = self.options.today
        yield self._render(
            "review.md.j2",
            paths.REVIEW,
            upcoming_days=UPCOMING_DAYS,
            reviews=reviews(self.handbook, today) if today else Reviews([], []),
        )

    def _overview(
        self,
        template: str,
        page: str,
        processes: list[Process],
        rows: Callable[[list[Process]], dict[str, Any]],
        *,
        groups: list[Group] | None = None,
        weight: Callable[[Process], int] = lambda _: 1,
        **context: Any,
    ) -> Iterator[Page]:
        """An overview of `processes` (`rows` gives a page's context for the processes it lists):
        one page, or beyond `parts.PART_SIZE` rows a summary linking its parts (`groups`, by
        default the folders) and a page per part. `pieces` are the groups a page lists."""
        groups = self._groups(processes) if groups is None else groups
        cut = parts(groups, weight=weight)
        if not cut:
            pieces = [Piece(key, members) for key, members in groups]
            yield self._render(
                template,
                page,
                part=None,
                parts=[],
                pieces=pieces,
                groups=groups,  # as `pieces`, for site templates written before the parts
                **rows(processes),
                **context,
            )
            return
        yield self._render(
            template, page, part=None, parts=cut, pieces=[], groups=[], **rows([]), **context
        )
        for part in cut:
            yield self._render(
                template,
                paths.overview_part(page, part.number),
                part=part,
                parts=[],
                pieces=part.pieces,
                groups=[(piece.key, piece.processes) for piece in part.pieces],
                overview=page,
                **rows(part.processes),
                **context,
            )

    def home(self) -> Page:
        """The handbook's home: the finder over every step, and where to start reading."""
        return self._render("home.md.j2", paths.HOME)

    def _process(self, process: Process) -> Page:
        page = paths.process_page(process.id or "")
        link = self._linker(page)
        html = link.html()
        review = review_state(process, self.options.today)
        marks = open_problem_marks(process, self.labels)  # the current flow marks open problems
        return self._render(
            "process.md.j2",
            page,
            link=link,
            html=html,
            process=process,
            search_boost=PROCESS_SEARCH_BOOST,
            status_badge=_badge(
                f"ph-status ph-status--{process.status}", self.labels[f"status_{process.status}"]
            ),
            review_badge=self._review_badge(review),
            swimlane=self.swimlane(process, styles=marks.styles, class_defs=marks.class_defs),
            improvement=improvement_view(self, process),
            raci=raci_matrix(process, self.handbook),
            metrics=process_metrics(process),
            next_steps=lambda step: [
                _Next(n.label, html.step(process, n.step) if n.step else inline(self.labels.end))
                for n in next_steps(process, step)
            ],
            in_order=lambda step: goes_on_in_order(process, step),
            channels=channels_used(process, self.handbook),
            timezone=lambda meeting: str(meeting.timezone or self.options.timezone),
            last_updated=self.options.last_updated(process) if self.options.last_updated else None,
        )

    def _review_badge(self, review: ReviewState) -> Markup | None:
        if review.overdue:
            return _badge(
                "ph-badge ph-badge--overdue",
                self.labels.count("review_overdue", review.overdue_days),
            )
        if review.due:
            return inline(self.labels.fmt("review_next", date=review.due))
        return None

    def swimlane(
        self, process: Process, styles: dict[str, StepStyle] | None = None, **kwargs: Any
    ) -> Swimlane:
        organization = self.handbook.organization
        return swimlane(
            process,
            {d.id: d.name for d in organization.departments},
            {r.id: r.name for r in organization.roles},
            DiagramText(self.labels.start, self.labels.end),
            swimlanes=supports_swimlanes(self.options.mermaid_version),
            viewer=supports_layout(self.options.mermaid_version),
            styles=styles,
            lane_fills=self.options.lane_fills,
            **kwargs,
        )

    def _groups(self, processes: list[Process]) -> list[Group]:
        """Processes by folder (top level first), as the navigation shows them."""
        folders: dict[str, list[Process]] = {}
        for process in processes:
            folders.setdefault(process.folder, []).append(process)
        return [(folder, folders[folder]) for folder in sorted(folders)]

    def _tags(self) -> list[tuple[str, list[Process]]]:
        tags: dict[str, list[Process]] = {}
        for process in self.handbook.processes:
            for tag in process.tags:
                tags.setdefault(tag, []).append(process)
        return sorted(tags.items())

    def folder_title(self, folder: str) -> str:
        return folder_title(self.handbook, folder)

    def part_title(self, part: Part, title: Callable[[str], str] | None = None) -> str:
        """A part of an overview named after its groups (`title` of a key: by default a folder's
        title): up to three groups, else the first and the last; a piece of a group says which."""
        named = [self._piece_title(piece, title or self._folder_or_top) for piece in part.pieces]
        if len(named) <= 3:
            return str(self.labels.list_separator).join(named)
        return self.labels.fmt("part_range", first=named[0], last=named[-1])

    def _piece_title(self, piece: Piece, title: Callable[[str], str]) -> str:
        if piece.pieces == 1:
            return title(piece.key)
        return self.labels.fmt(
            "part_piece", title=title(piece.key), n=piece.number, total=piece.pieces
        )

    def audience_title(self, audience: str) -> str:
        """A group of the onboarding path: for new hires, or for everyone."""
        return str(
            self.labels[
                "onboarding_for_new_hires" if audience == "new-hire" else "onboarding_for_everyone"
            ]
        )

    def _folder_or_top(self, folder: str) -> str:
        return self.folder_title(folder) if folder else str(self.labels.top_level_folder)

    def fields(self, pairs: list[tuple[str, object]]) -> Markup:
        """A bulleted `label: value` list of the pairs that have a value."""
        colon = self.labels.colon
        return Markup("\n").join(
            Markup("- **{}**{}{}").format(inline(label), colon, inline(value))
            for label, value in pairs
            if value
        )

    def branches(self, nexts: list[_Next]) -> Markup:
        """A decision's branches on one line: `是 → step; 否 → step`."""
        return Markup(self.labels.branch_separator).join(
            Markup("{} → {}").format(inline(n.label or ""), n.link) for n in nexts
        )

    def term(self, term_id: str) -> str:
        """A glossary term's name in the page's language."""
        return str(next(t["term"] for t in self.labels.terms if t["id"] == term_id))

    def numbered(self, points: list[str]) -> Markup:
        """Items as a numbered HTML list, for a card's facts (empty when there are none)."""
        if not points:
            return Markup("")
        items = Markup("").join(Markup("<li>{}</li>").format(inline(p)) for p in points)
        return Markup('<ol class="ph-list">{}</ol>').format(items)

    def _linker(self, page: str) -> Linker:
        return Linker(
            page,
            self.handbook,
            self.labels.list_separator,
            directory_urls=self.options.directory_urls,
        )

    def _render(self, template: str, page: str, **context: Any) -> Page:
        context.setdefault("link", self._linker(page))
        context.setdefault("html", context["link"].html())
        context.setdefault("fields", self.fields)
        context.setdefault("descriptions", Descriptions())
        content = self.env.get_template(template).render(
            handbook=self.handbook,
            labels=self.labels,
            page=page,
            options=self.options,
            renderer=self,
            xref=self.xref,
            **context,
        )
        return Page(page, content)


def error_page(diagnostics: list[Diagnostic], root: str, options: BuildOptions) -> Page:
    """The page a site shows while the process files have errors (needs no valid model)."""
    template = _environment(options.templates_dir).get_template("errors.md.j2")
    content = template.render(labels=Labels(options.language), diagnostics=diagnostics, root=root)
    return Page(paths.ERRORS, content)
