"""The typed domain model: what a process file and organization.yml mean.

Field order is the order editors and the JSON Schema show. `spec(...)` carries
each field's documentation in Chinese and English; `internal()` fields are
filled by the loader and never appear in YAML.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from ..nodes import Mapping
from .fields import (
    AudienceRef,
    ChannelRef,
    DepartmentRef,
    Id,
    Name,
    PartyRef,
    ProcessRef,
    RoleRef,
    StepRef,
    TemplateRef,
    ToolRef,
    internal,
    spec,
)
from .values import (
    ChatLink,
    Clock,
    Duration,
    Flag,
    MailAddress,
    MeetingDay,
    PhoneNumber,
    ReviewInterval,
    TimeZone,
    WebAddress,
)

Status = Literal["active", "draft", "retired"]
StepKind = Literal["task", "decision", "subprocess"]
Change = Literal["new", "changed", "removed"]
Impact = Literal["high", "medium", "low"]
ProblemStatus = Literal["open", "fixed"]
Every = Literal["day", "weekday", "week", "2 weeks", "month", "quarter"]

END = "end"  # the word that ends a process in `next` / `to`
DEFAULT_MEETING_MINUTES = 60


@dataclass(kw_only=True)
class Located:
    """Anything read from YAML keeps the mapping it came from, for error positions."""

    source: Mapping | None = internal()


# --- organization.yml ------------------------------------------------------


@dataclass(kw_only=True)
class Department(Located):
    id: Id = spec(
        "部门标识（小写字母、数字、- 或 _）",
        "Department id (lowercase letters, digits, - or _)",
        required=True,
        example="support",
        default="",
    )
    name: Name = spec("部门名称", "Department name", required=True, example="客服部", default="")
    description: str | None = spec(
        "部门职责简介", "What the department is responsible for", example="受理客户咨询与投诉"
    )
    contact: str | None = spec(
        "联系方式（自由文本）", "How to reach the department (free text)", example="客服热线 8000"
    )


@dataclass(kw_only=True)
class Holder(Located):
    """A person who holds a role, and how to reach them."""

    name: Name = spec("姓名", "Name", required=True, example="王经理", default="")
    mail: MailAddress | None = spec("邮箱", "E-mail address", example="wang@example.com")
    phone: PhoneNumber | None = spec(
        "电话（可带分机，如 8000 转 12）",
        "Phone number (an extension may follow, e.g. 8000 ext 12)",
        example="+86 21 5555 0100",
    )
    chat: ChatLink | None = spec(
        "聊天链接：https:// 开头，或钉钉、飞书等应用的链接（dingtalk://…）",
        "Chat link: starting with https://, or a chat app's link (dingtalk://...)",
        example="https://example.invalid/chat/wang",
    )


@dataclass(kw_only=True)
class Role(Located):
    id: Id = spec("角色标识", "Role id", required=True, example="support-manager", default="")
    name: Name = spec("角色名称", "Role name", required=True, example="客服部经理", default="")
    department: DepartmentRef = spec(
        "所属部门（部门标识）",
        "The department the role belongs to (department id)",
        required=True,
        default="",
    )
    description: str | None = spec(
        "角色职责简介", "What the role does", example="对投诉处理结果负责"
    )
    holders: list[Holder] = spec(
        "担任该角色的人及联系方式（可选；显示在步骤、角色页和“谁负责？”中）",
        "The people who hold the role and how to reach them (optional; shown with steps, "
        "on the role page and in the finder)",
        factory=list,
    )


@dataclass(kw_only=True)
class Channel(Located):
    id: Id = spec("沟通渠道标识", "Channel id", required=True, example="project-group", default="")
    name: Name = spec("渠道名称", "Channel name", required=True, example="项目协作群", default="")
    tool: str | None = spec(
        "使用的工具（自由文本，如 钉钉、邮件）",
        "The tool it runs on (free text, e.g. DingTalk, e-mail)",
        example="钉钉",
    )
    purpose: str | None = spec("用途", "What the channel is for", example="跨部门同步投诉进展")
    rule: str | None = spec("使用规则", "The rule for using it", example="工作日 2 小时内回复")


@dataclass(kw_only=True)
class Tool(Located):
    id: Id = spec("工具标识", "Tool id", required=True, example="feishu-base", default="")
    name: Name = spec("工具名称", "Tool name", required=True, example="飞书多维表格", default="")
    url: WebAddress | None = spec(
        "工具地址（https://…）",
        "Where to open the tool (https://...)",
        example="https://example.invalid/base",
    )
    description: str | None = spec(
        "工具用途", "What the tool is used for", example="登记和跟踪投诉工单"
    )


@dataclass(kw_only=True)
class Organization(Located):
    departments: list[Department] = spec("部门列表", "The departments", required=True, factory=list)
    roles: list[Role] = spec("角色列表", "The roles people hold", required=True, factory=list)
    channels: list[Channel] = spec(
        "所有流程共用的沟通渠道", "Communication channels shared by all processes", factory=list
    )
    tools: list[Tool] = spec(
        "组织使用的数字化工具", "Digital tools the organization uses", factory=list
    )
    file: str = internal("organization.yml")
    #: The SHA-256 of the text the file was read from: what is rendered from it is cached by it.
    source_digest: str = internal("")


# --- process files ---------------------------------------------------------


@dataclass(kw_only=True)
class Team(Located):
    leader: RoleRef = spec("组长（角色标识）", "Team leader (role id)", required=True, default="")
    members: list[RoleRef] = spec("成员（角色标识）", "Members (role ids)", factory=list)
    specialist: RoleRef | None = spec(
        "流程专员：维护流程文档（角色标识）", "Process specialist who keeps the documents (role id)"
    )


@dataclass(kw_only=True)
class Goal(Located):
    metric: Name = spec("指标", "The metric", required=True, example="投诉处理时效", default="")
    baseline: str | None = spec("基线（现状值）", "Baseline (where we started)", example="48 小时")
    target: str | None = spec("目标值", "Target", example="24 小时")
    current: str | None = spec("当前值", "Current value", example="30 小时")


@dataclass(kw_only=True)
class Branch(Located):
    to: StepRef = spec(
        "分支去往的步骤标识，或 end",
        "The step this branch goes to, or end",
        required=True,
        default="",
    )
    when: Name = spec(
        "分支条件（如 是 / 否）",
        "The branch label (e.g. yes / no)",
        required=True,
        example="是",
        default="",
    )


@dataclass(kw_only=True)
class Step(Located):
    id: Id | None = spec(
        "步骤标识；默认 s1、s2…（按位置）",
        "Step id; default s1, s2, ... by position",
        example="receive",
    )
    name: Name = spec("步骤名称", "Step name", required=True, example="受理并登记投诉", default="")
    aliases: list[str] = spec(
        "别名：大家平时的叫法，搜索和“谁负责？”都能查到（如 报销）",
        "Aliases: the words people use for it, found by search and the finder (e.g. expenses)",
        factory=list,
        example="投诉登记",
    )
    kind: StepKind = spec(
        "步骤类型：task 任务 | decision 判断 | subprocess 子流程",
        "Step kind: task | decision | subprocess",
        default="task",
    )
    process: ProcessRef | None = spec(
        "子流程的流程标识（kind: subprocess 时）", "The process a subprocess step runs (process id)"
    )
    lane: DepartmentRef = spec(
        "主导部门（泳道，部门标识）",
        "Lead department (the swimlane; department id)",
        required=True,
        example="support",
        default="",
    )
    owner: RoleRef = spec(
        "第一责任人：对该步骤负总责的唯一角色",
        "Accountable owner: exactly one role",
        required=True,
        example="support-specialist",
        default="",
        list_hint="name exactly one role as owner (第一责任人); put the others under responsible: [...]",
    )
    support: list[DepartmentRef] = spec(
        "配合部门（部门标识）", "Supporting departments (department ids)", factory=list
    )
    responsible: list[RoleRef] | None = spec(
        "RACI 执行者 R（角色标识）；默认第一责任人",
        "RACI Responsible (role ids); default: the owner",
    )
    consulted: list[PartyRef] = spec(
        "RACI 咨询 C（角色或部门标识）", "RACI Consulted (role or department ids)", factory=list
    )
    informed: list[PartyRef] = spec(
        "RACI 知会 I（角色或部门标识）", "RACI Informed (role or department ids)", factory=list
    )
    description: str | None = spec(
        "说明（Markdown；其中的 HTML 按文本显示）",
        "Description (Markdown; HTML in it is shown as text)",
        example="核对客户信息，**当天**登记到工单系统",
    )
    inputs: list[str] = spec(
        "输入（自由文本或模板标识）",
        "Inputs (free text or template ids)",
        factory=list,
        example="客户投诉",
    )
    outputs: list[str] = spec(
        "输出（自由文本或模板标识）",
        "Outputs (free text or template ids)",
        factory=list,
        example="complaint-form",
    )
    duration: Duration | None = spec(
        "时限：Nm | Nh | Nd | Nw", "Time limit: Nm | Nh | Nd | Nw", example="2h"
    )
    previous_duration: Duration | None = spec(
        "改版前的时限（只用于标记 change: changed 的步骤）：旧流程的指标按它计算",
        "Time limit before the redesign (only on a step marked change: changed): "
        "the old flow's metrics count it",
        example="10w",
    )
    tools: list[ToolRef] = spec("使用的工具（工具标识）", "Tools used (tool ids)", factory=list)
    approval: Flag | None = spec(
        "审批步骤：true 表示这一步是一次审批（计入流程指标的审批数，BPMN 导出为 userTask）",
        "Approval step: true when this step is an approval (counted as one in the flow metrics; "
        "a userTask in the BPMN export)",
        example="true",
    )
    change: Change | None = spec(
        "相对上一版本的变化：new | changed | removed",
        "Change against the previous version: new | changed | removed",
    )
    next: StepRef | list[Branch] | None = spec(
        "下一步：步骤标识或 end；判断步骤列出分支；默认为列表中的下一步",
        "Next step: a step id or end; a decision lists its branches; default: the following step",
    )
    position: int = internal(0)  # 1-based place in the file's step list

    @property
    def branches(self) -> list[Branch]:
        return self.next if isinstance(self.next, list) else []


@dataclass(kw_only=True)
class Meeting(Located):
    id: Id | None = spec(
        "会议标识；默认 meeting-1…（按位置）；日历订阅依赖它保持不变",
        "Meeting id; default meeting-1, ... by position; keeps calendar subscriptions stable",
        example="weekly-review",
    )
    name: Name = spec("会议名称", "Meeting name", required=True, example="投诉复盘周会", default="")
    every: Every | None = spec(
        "频率：day | weekday | week | 2 weeks | month | quarter",
        "Cadence: day | weekday | week | 2 weeks | month | quarter",
        required=True,
        example="week",
    )
    day: MeetingDay | None = spec(
        "哪一天：周会写 monday..sunday 或 周一..周日；月会/季会写 1..28 或 first monday 等",
        "Which day: weekly meetings monday..sunday or 周一..周日; monthly/quarterly 1..28 or e.g. first monday",
        example="wednesday",
    )
    time: Clock | None = spec("开始时间 HH:MM", "Start time HH:MM", required=True, example="15:00")
    duration: Duration | None = spec(
        "时长，如 60m；默认 60m", "Length, e.g. 60m; default 60m", example="60m"
    )
    timezone: TimeZone | None = spec(
        "时区（IANA 名称）；默认取站点配置",
        "Time zone (IANA name); default from the site configuration",
        example="Asia/Shanghai",
    )
    chair: RoleRef = spec(
        "主持人（角色标识）",
        "Chair (role id)",
        required=True,
        example="support-manager",
        default="",
    )
    attendees: list[PartyRef] = spec(
        "参会者（部门或角色标识）", "Attendees (department or role ids)", factory=list
    )
    channel: ChannelRef | None = spec("会议渠道（渠道标识）", "Where it happens (channel id)")
    agenda: list[str] = spec("议程", "Agenda items", factory=list, example="回顾本周投诉")
    template: TemplateRef | None = spec(
        "会议使用的模板（模板标识）", "Template used in the meeting (template id)"
    )
    position: int = internal(0)

    @property
    def minutes(self) -> int:
        """Length of one session; an hour unless `duration` says otherwise."""
        return self.duration.minutes if self.duration else DEFAULT_MEETING_MINUTES


@dataclass(kw_only=True)
class Template(Located):
    id: Id = spec("模板标识", "Template id", required=True, example="complaint-form", default="")
    name: Name = spec(
        "模板名称", "Template name", required=True, example="客户投诉登记表", default=""
    )
    file: str = spec(
        "文件路径（相对于 processes/）",
        "File path, relative to processes/",
        required=True,
        example="templates/complaint-form.xlsx",
        default="",
    )
    description: str | None = spec("何时使用", "When to use it", example="受理投诉时填写")


@dataclass(kw_only=True)
class Problem(Located):
    title: Name = spec(
        "问题", "The problem", required=True, example="需求传递无标准文档", default=""
    )
    step: StepRef | None = spec("发生在哪个步骤（步骤标识）", "Step where it happens (step id)")
    impact: Impact | None = spec("影响：high | medium | low", "Impact: high | medium | low")
    category: str | None = spec(
        "类别：人员 | 设备 | 材料 | 方法 | 环境 | 测量（或自由文本）",
        "Category: people | equipment | material | method | environment | measurement (or free text)",
        example="方法",
    )
    whys: list[str] = spec(
        "5Why 追问链，先写现象",
        "The 5-Why chain, symptom first",
        factory=list,
        example="客户反复来电",
    )
    root_cause: str | None = spec("根本原因", "Root cause", example="没有统一的登记表")
    fix: str | None = spec("改进措施", "The fix", example="启用投诉登记表")
    status: ProblemStatus = spec(
        "状态：open 未解决 | fixed 已解决", "Status: open | fixed", default="open"
    )


@dataclass(kw_only=True)
class Phase(Located):
    phase: Name = spec("阶段名称", "Phase name", required=True, example="筹备启动", default="")
    start: dt.date | None = spec(
        "开始日期 YYYY-MM-DD", "Start date YYYY-MM-DD", required=True, example="2026-01-05"
    )
    end: dt.date | None = spec(
        "结束日期 YYYY-MM-DD", "End date YYYY-MM-DD", required=True, example="2026-02-27"
    )
    owner: RoleRef | None = spec("负责人（角色标识）", "Owner (role id)")
    tasks: list[str] = spec("关键任务", "Key tasks", factory=list, example="培训客服专员")
    outputs: list[str] = spec("交付成果", "Deliverables", factory=list, example="新版投诉登记表")


@dataclass(kw_only=True)
class Process(Located):
    title: Name = spec(
        "流程名称", "Process title", required=True, example="客户投诉处理流程", default=""
    )
    id: Id | None = spec(
        "流程标识；默认为文件名（不含扩展名）",
        "Process id; default: the file name without extension",
        example="complaint-handling",
    )
    aliases: list[str] = spec(
        "别名：大家平时的叫法，搜索和“谁负责？”都能查到（如 报销）",
        "Aliases: the words people use for it, found by search and the finder (e.g. expenses)",
        factory=list,
        example="投诉",
    )
    summary: str | None = spec(
        "一句话概述", "One-paragraph summary", example="从受理投诉到回访客户的全过程"
    )
    owner: RoleRef = spec(
        "流程负责人（DRI，一个角色标识）",
        "Process owner (DRI; one role id)",
        required=True,
        example="support-manager",
        default="",
        list_hint="a process has exactly one owner (DRI); name one role",
    )
    sponsor: RoleRef | None = spec("发起高管（角色标识）", "Executive sponsor (role id)")
    status: Status = spec(
        "状态：draft 草稿 | active 生效 | retired 废止",
        "Status: draft | active | retired",
        default="active",
    )
    version: str | None = spec("版本（自由文本）", "Version (free text)", example='"2.0"')
    effective: dt.date | None = spec(
        "生效日期 YYYY-MM-DD", "Effective date YYYY-MM-DD", example="2026-01-01"
    )
    last_reviewed: dt.date | None = spec(
        "上次复审日期 YYYY-MM-DD", "Last review date YYYY-MM-DD", example="2026-06-30"
    )
    review_every: ReviewInterval | None = spec(
        "复审周期，如 6 months", "Review interval, e.g. 6 months", example="6 months"
    )
    tags: list[str] = spec("标签", "Tags", factory=list, example="客户服务")
    audience: list[AudienceRef] = spec(
        "读者：everyone、new-hire（进入新员工入职路径）或部门/角色标识",
        "Audience: everyone, new-hire (puts it on the onboarding path), or department/role ids",
        factory=list,
        example="new-hire",
    )
    scope: str | None = spec("适用范围", "Scope", example="所有渠道收到的客户投诉")
    team: Team | None = spec("专项优化小组", "The improvement team")
    goals: list[Goal] = spec("可衡量的目标", "Measurable goals", factory=list)
    lanes: list[DepartmentRef] | None = spec(
        "泳道顺序（部门标识）；默认按步骤中首次出现的顺序",
        "Swimlane order (department ids); default: order of first use in steps",
    )
    steps: list[Step] = spec(
        "流程步骤（至少一个）", "The steps (at least one)", required=True, factory=list
    )
    meetings: list[Meeting] = spec("例会机制", "The meeting cadence", factory=list)
    channels: list[Channel] = spec(
        "本流程专用的沟通渠道", "Channels for this process only", factory=list
    )
    templates: list[Template] = spec("可下载的模板", "Documents to download", factory=list)
    problems: list[Problem] = spec(
        "现状问题清单（含 5Why）", "Current-state problems (with 5-Why)", factory=list
    )
    plan: list[Phase] = spec("实施计划", "The improvement plan", factory=list)
    file: str = internal("")  # path relative to processes/, POSIX form
    folder: str = internal("")  # sub-folder relative to processes/, "" at top level
    source_digest: str = internal("")  # of the file's text, as the organization's

    @property
    def current_steps(self) -> list[Step]:
        """The steps of the current flow (a `change: removed` step belongs to the old version only)."""
        return [s for s in self.steps if s.change != "removed"]
