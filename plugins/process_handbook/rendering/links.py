"""Links from one generated page to the things it mentions: Markdown, or HTML for HTML blocks."""

from __future__ import annotations

from collections.abc import Iterable

from markupsafe import Markup, escape

from .. import paths
from ..model.entities import Process, Step, Template
from ..model.handbook import Handbook
from .text import inline


class Linker:
    """Builds escaped Markdown links relative to the page being rendered."""

    def __init__(
        self, page: str, handbook: Handbook, separator: str, *, directory_urls: bool = True
    ) -> None:
        self.page = page
        self.handbook = handbook
        self.separator = separator
        self.directory_urls = directory_urls

    def to(self, target: str, text: object, *, anchored: bool = True) -> Markup:
        """A link to a page (`target` may end in `#anchor`) or, not `anchored`, to a file."""
        url = paths.relative(self.page, target, anchored=anchored)
        return Markup(f"[{inline(text)}]({url})")

    def html(self) -> HtmlLinker:
        """The same links as `<a>` elements, for the page's HTML blocks."""
        return HtmlLinker(
            self.page, self.handbook, self.separator, directory_urls=self.directory_urls
        )

    def department(self, department_id: str) -> Markup:
        department = self.handbook.departments.get(department_id)
        if department is None:
            return inline(department_id)
        return self.to(paths.department_page(department_id), department.name)

    def role(self, role_id: str) -> Markup:
        role = self.handbook.roles.get(role_id)
        if role is None:
            return inline(role_id)
        return self.to(paths.role_page(role_id), role.name)

    def party(self, party_id: str) -> Markup:
        """A role or a department, whichever the id names."""
        return self.role(party_id) if party_id in self.handbook.roles else self.department(party_id)

    def process(self, process_id: str) -> Markup:
        process = self.handbook.process_by_id.get(process_id)
        if process is None:
            return inline(process_id)
        return self.to(paths.process_page(process_id), process.title)

    def step(self, process: Process, step: Step, text: object | None = None) -> Markup:
        target = paths.step_link(process.id or "", step.id or "")
        return self.to(target, step.name if text is None else text)

    def template(self, template: Template) -> Markup:
        """A download link; a template a browser would run (HTML, SVG, ...) is published under a
        neutral name and the link says to save it under its own (`paths.published_name`)."""
        link = self.to(paths.download(template.file), template.name, anchored=False)
        if paths.is_active(template.file):
            return link + Markup('{{download="{}"}}').format(paths.saved_name(template.file))
        return link

    def tool(self, tool_id: str) -> Markup:
        tool = self.handbook.tools.get(tool_id)
        if tool is None:
            return inline(tool_id)
        return self.to(paths.tool_page(tool_id), tool.name)

    def item(self, process: Process, text: str) -> Markup:
        """An input or output: a download link when it names one of the process's templates."""
        template = next((t for t in process.templates if t.id == text), None)
        return self.template(template) if template else inline(text)

    def join(self, parts: Iterable[object]) -> Markup:
        """Escaped parts joined by the language's list separator; empty when there are none."""
        return Markup(self.separator).join(inline(p) for p in parts)

    def roles(self, ids: Iterable[str]) -> Markup:
        return self.join(self.role(i) for i in ids)

    def departments(self, ids: Iterable[str]) -> Markup:
        return self.join(self.department(i) for i in ids)

    def parties(self, ids: Iterable[str]) -> Markup:
        return self.join(self.party(i) for i in ids)

    def processes(self, ids: Iterable[str]) -> Markup:
        return self.join(self.process(i) for i in ids)

    def tools(self, ids: Iterable[str]) -> Markup:
        return self.join(self.tool(i) for i in ids)

    def items(self, process: Process, texts: Iterable[str]) -> Markup:
        return self.join(self.item(process, t) for t in texts)


class HtmlLinker(Linker):
    """Links as `<a href>` with the URL a browser follows (raw HTML is not rewritten by MkDocs)."""

    def to(self, target: str, text: object, *, anchored: bool = True) -> Markup:
        url = paths.href(self.page, target, self.directory_urls, anchored=anchored)
        # as Markup.format would write it (the URL escaped), without its formatter: tens of
        # thousands of links per build
        return Markup(f'<a href="{escape(url)}">{inline(text)}</a>')

    def template(self, template: Template) -> Markup:
        """A download link, as `Linker.template`, with `download` written as an attribute."""
        url = paths.href(
            self.page, paths.download(template.file), self.directory_urls, anchored=False
        )
        if paths.is_active(template.file):
            return Markup('<a href="{}" download="{}">{}</a>').format(
                url, paths.saved_name(template.file), inline(template.name)
            )
        return Markup('<a href="{}">{}</a>').format(url, inline(template.name))
