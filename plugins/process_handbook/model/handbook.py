"""The whole handbook: the organization and every process, with lookups by id."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from .entities import Channel, Department, Organization, Process, Role, Tool


@dataclass
class Handbook:
    organization: Organization
    #: Processes in a stable order: by folder, then by file name.
    processes: list[Process] = field(default_factory=list)

    @cached_property
    def departments(self) -> dict[str, Department]:
        return {d.id: d for d in self.organization.departments}

    @cached_property
    def roles(self) -> dict[str, Role]:
        return {r.id: r for r in self.organization.roles}

    @cached_property
    def tools(self) -> dict[str, Tool]:
        return {t.id: t for t in self.organization.tools}

    @cached_property
    def shared_channels(self) -> dict[str, Channel]:
        return {c.id: c for c in self.organization.channels}

    @cached_property
    def process_by_id(self) -> dict[str, Process]:
        return {p.id: p for p in self.processes if p.id}

    def channels_of(self, process: Process) -> dict[str, Channel]:
        """The channels a process can use: shared ones plus its own."""
        return {**self.shared_channels, **{c.id: c for c in process.channels}}

    def party_name(self, party_id: str) -> str:
        """The display name of a role or department id."""
        if party_id in self.roles:
            return self.roles[party_id].name
        if party_id in self.departments:
            return self.departments[party_id].name
        return party_id
