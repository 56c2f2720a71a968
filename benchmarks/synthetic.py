"""Synthetic but realistic handbooks for the benchmarks (deterministic: one seed, one handbook).

    .venv/bin/python benchmarks/synthetic.py N OUT_DIR [--seed S] [--steps MIN-MAX]

Writes OUT_DIR/organization.yml (30 departments, 200 roles, shared channels and
tools) and N process files spread over a few sub-folders, each with about 15
steps: decisions (a branch that skips a step, a rejection that ends the process,
a rework loop back to an earlier step), sometimes a subprocess link and a step
of the previous version, RACI, meetings of every cadence, templates with small
real files, goals, problems with 5-Why chains, a team and a plan. The result
validates without a single diagnostic on `TODAY` (`handbook validate --today`).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

#: The date the handbook is meant to be checked on: no review is overdue then.
TODAY = dt.date(2026, 11, 23)

DEPARTMENTS = [
    ("executive", "总经办"),
    ("strategy", "战略发展部"),
    ("marketing", "市场部"),
    ("brand", "品牌部"),
    ("sales", "销售部"),
    ("channel-sales", "渠道销售部"),
    ("key-accounts", "大客户部"),
    ("support", "客服部"),
    ("rnd", "研发部"),
    ("product", "产品部"),
    ("design", "设计部"),
    ("testing", "测试部"),
    ("production", "生产部"),
    ("process-eng", "工艺部"),
    ("quality", "质量部"),
    ("purchasing", "采购部"),
    ("supply-chain", "供应链管理部"),
    ("logistics", "仓储物流部"),
    ("finance", "财务部"),
    ("audit", "审计部"),
    ("legal", "法务部"),
    ("hr", "人力资源部"),
    ("training", "培训中心"),
    ("admin", "行政部"),
    ("it", "信息技术部"),
    ("infosec", "信息安全部"),
    ("facilities", "设施管理部"),
    ("ehs", "安全环保部"),
    ("pmo", "项目管理办公室"),
    ("international", "国际业务部"),
]
#: Role titles, most senior first; the first 20 departments get 7 roles, the last 10 get 6: 200 roles.
TITLES = [
    ("director", "总监"),
    ("manager", "经理"),
    ("supervisor", "主管"),
    ("lead", "组长"),
    ("specialist", "专员"),
    ("analyst", "分析师"),
    ("assistant", "助理"),
]
DUTIES = ["统筹", "负责", "执行", "协调", "审核", "跟踪", "支持"]
CHANNELS = [
    ("dept-group", "部门钉钉群", "钉钉"),
    ("project-group", "项目协作群", "钉钉"),
    ("wecom", "企业微信群", "企业微信"),
    ("email", "工作邮件", "邮件"),
    ("video-meeting", "视频会议", "腾讯会议"),
    ("meeting-room", "大会议室", "线下会议"),
    ("hotline", "内部热线", "电话"),
    ("notice-board", "公司公告栏", "OA 公告"),
]
TOOLS = [
    ("oa", "OA 办公系统"),
    ("erp", "ERP 系统"),
    ("crm", "CRM 客户管理"),
    ("feishu-base", "飞书多维表格"),
    ("ticket", "工单系统"),
    ("plm", "PLM 产品数据管理"),
    ("qms", "QMS 质量管理系统"),
    ("wms", "WMS 仓储系统"),
    ("dingtalk-approval", "钉钉审批"),
    ("ehr", "人力资源系统"),
    ("fssc", "财务共享平台"),
    ("clm", "合同管理系统"),
]
#: Sub-folders processes are spread over ("" is the top level); department ids show as department names.
FOLDERS = [
    "",
    "finance",
    "hr",
    "sales",
    "sales/international",
    "rnd",
    "production",
    "quality",
    "purchasing",
    "it",
]
TOPICS = [
    ("purchase-request", "采购申请"),
    ("contract-review", "合同评审"),
    ("expense-claim", "费用报销"),
    ("new-hire", "新员工入职"),
    ("resignation", "员工离职"),
    ("quote-approval", "报价审批"),
    ("complaint", "客户投诉处理"),
    ("engineering-change", "设计变更"),
    ("supplier-onboarding", "供应商准入"),
    ("incoming-inspection", "来料检验"),
    ("budget", "年度预算编制"),
    ("payment", "付款审批"),
    ("product-launch", "新产品上市"),
    ("sample-request", "样品申请"),
    ("return", "退货处理"),
    ("account-request", "系统账号申请"),
    ("training-plan", "培训计划"),
    ("asset-transfer", "固定资产调拨"),
    ("nonconformance", "不合格品处理"),
    ("price-change", "价格调整"),
    ("tender", "招投标管理"),
    ("marketing-campaign", "市场活动"),
    ("travel", "出差申请"),
    ("seal-use", "印章使用"),
]
QUALIFIERS = ["", "华东区", "华南区", "海外", "年度", "紧急", "标准", "集团", "分公司", "重点客户"]
VERBS = [
    ("submit", "提交"),
    ("review", "审核"),
    ("confirm", "确认"),
    ("register", "登记"),
    ("assess", "评估"),
    ("recheck", "复核"),
    ("approve", "批准"),
    ("draft", "编制"),
    ("publish", "发布"),
    ("archive", "归档"),
    ("notify", "通知"),
    ("execute", "执行"),
    ("verify", "核对"),
    ("collect", "汇总"),
    ("track", "跟踪"),
]
OBJECTS = [
    ("request", "申请单"),
    ("requirement", "需求"),
    ("budget", "预算"),
    ("contract", "合同"),
    ("quote", "报价"),
    ("plan", "方案"),
    ("sample", "样品"),
    ("order", "订单"),
    ("payment", "付款申请"),
    ("receipt", "入库单"),
    ("report", "检验报告"),
    ("change", "变更单"),
    ("invoice", "发票"),
    ("account", "账号权限"),
    ("schedule", "排期"),
    ("minutes", "会议纪要"),
]
QUESTIONS = [
    "是否通过审核？",
    "是否符合要求？",
    "是否超出预算？",
    "资料是否齐全？",
    "是否需要复评？",
    "结果是否合格？",
]
DURATIONS = ["30m", "2h", "4h", "1d", "2d", "3d", "1w"]
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "周一", "周三", "周五"]
MONTH_DAYS = [
    1,
    5,
    10,
    15,
    20,
    25,
    "first monday",
    "second tuesday",
    "last friday",
    "third wednesday",
]
CADENCES = ["day", "weekday", "week", "2 weeks", "month", "quarter"]
MEETING_NAMES = {
    "day": "每日站会",
    "weekday": "工作日晨会",
    "week": "周例会",
    "2 weeks": "双周复盘会",
    "month": "月度经营分析会",
    "quarter": "季度评审会",
}
AGENDA = [
    "上期决议跟踪",
    "本期数据回顾",
    "重点问题讨论",
    "风险与应对",
    "下期工作安排",
    "跨部门协调事项",
    "客户反馈",
    "改进措施进展",
]
TAGS = [
    "审批",
    "财务",
    "人事",
    "客户",
    "质量",
    "采购",
    "合规",
    "生产",
    "研发",
    "IT",
    "售后",
    "行政",
]
METRICS = [
    ("处理周期", "天", (7, 3)),
    ("一次通过率", "%", (70, 95)),
    ("按时完成率", "%", (80, 98)),
    ("平均响应时间", "小时", (24, 4)),
    ("返工次数", "次", (5, 1)),
    ("客户满意度", "%", (78, 92)),
]
CATEGORIES = ["人员", "设备", "材料", "方法", "环境", "测量"]
WHYS = [
    "交付经常延期",
    "上游资料到达晚",
    "需求反复变更",
    "没有统一的模板",
    "职责划分不清",
    "审批人经常出差",
    "系统之间数据不同步",
    "新员工不熟悉流程",
    "缺少检查清单",
    "沟通依赖口头传达",
]
TEMPLATE_KINDS = [
    ("md", "# {name}\n\n| 项目 | 内容 |\n| --- | --- |\n| 申请人 | |\n| 日期 | |\n| 说明 | |\n"),
    ("csv", "\ufeff序号,项目,内容,负责人\n1,,,\n2,,,\n"),
    ("txt", "{name}\n\n填写说明：请完整填写各栏，提交前由部门负责人确认。\n"),
]


@dataclass(frozen=True)
class Organization:
    departments: list[tuple[str, str]]
    roles: dict[str, list[tuple[str, str]]]  # department id → [(role id, role name)]

    def role_ids(self, department: str) -> list[str]:
        return [role for role, _ in self.roles[department]]


def organization() -> Organization:
    roles = {
        dept: [(f"{dept}-{key}", f"{name}{title}") for key, title in TITLES[: 7 if i < 20 else 6]]
        for i, (dept, name) in enumerate(DEPARTMENTS)
    }
    return Organization(DEPARTMENTS, roles)


def organization_yaml(org: Organization) -> dict[str, Any]:
    return {
        "departments": [
            {
                "id": dept,
                "name": name,
                "description": f"负责{name.removesuffix('部')}相关工作的计划、执行与改进",
                "contact": f"钉钉群「{name}」，分机 {8000 + i}",
            }
            for i, (dept, name) in enumerate(org.departments)
        ],
        "roles": [
            {
                "id": role,
                "name": name,
                "department": dept,
                "description": f"{DUTIES[j % len(DUTIES)]}{name[:-2]}的日常工作",
            }
            for dept, _ in org.departments
            for j, (role, name) in enumerate(org.roles[dept])
        ],
        "channels": [
            {"id": cid, "name": name, "tool": tool, "purpose": f"通过{tool}同步进展"}
            for cid, name, tool in CHANNELS
        ],
        "tools": [
            {"id": tid, "name": name, "url": f"https://{tid}.example.invalid/"}
            for tid, name in TOOLS
        ],
    }


class ProcessWriter:
    """Draws one process file (as data) from the shared random generator."""

    def __init__(self, rng: random.Random, org: Organization, process_ids: list[str]) -> None:
        self.rng = rng
        self.org = org
        self.process_ids = process_ids

    def process(
        self, index: int, steps: tuple[int, int]
    ) -> tuple[str, dict[str, Any], dict[str, str]]:
        """The process's folder, its YAML data, and its template files {path: text}."""
        rng = self.rng
        pid = self.process_ids[index]
        topic = TOPICS[index % len(TOPICS)][1]
        folder = FOLDERS[index % len(FOLDERS)]
        lanes = rng.sample([d for d, _ in self.org.departments], rng.randint(3, 5))
        owner = self.org.role_ids(lanes[0])[1]
        files, templates = self._templates(pid, folder)
        data: dict[str, Any] = {
            "title": f"{rng.choice(QUALIFIERS)}{topic}流程",
            "id": pid,
            "summary": f"{'、'.join(self._dept_name(d) for d in lanes)}协同完成{topic}，明确每一步的主导部门与第一责任人。",
            "owner": owner,
            "sponsor": rng.choice(self.org.role_ids("executive")[:2]),
            "status": rng.choices(["active", "draft", "retired"], [90, 7, 3])[0],
            "version": f"{rng.randint(1, 4)}.{rng.randint(0, 9)}",
            "effective": TODAY - dt.timedelta(days=rng.randint(200, 900)),
            "last_reviewed": TODAY - dt.timedelta(days=rng.randint(0, 170)),
            "review_every": rng.choice(["6 months", "1 year", "12 个月"]),
            "tags": rng.sample(TAGS, rng.randint(1, 3)),
            "audience": ["everyone"]
            + (["new-hire"] if rng.random() < 0.05 else [])
            + rng.sample(lanes, 1),
            "scope": f"适用于公司各部门及分支机构的{topic}；不含特殊审批事项。",
        }
        if rng.random() < 0.5:
            data["team"] = {
                "leader": data["sponsor"],
                "members": [self.org.role_ids(d)[1] for d in lanes],
                "specialist": "executive-specialist",
            }
        data["goals"] = [self._goal() for _ in range(rng.randint(1, 3))]
        if rng.random() < 0.5:
            data["lanes"] = lanes
        data["steps"] = self._steps(pid, lanes, templates, rng.randint(*steps))
        channels = (
            [
                {
                    "id": f"{pid}-group",
                    "name": f"{topic}专项群",
                    "tool": "钉钉",
                    "rule": "重要事项须@对应负责人",
                }
            ]
            if rng.random() < 0.5
            else []
        )
        data["meetings"] = [
            self._meeting(index + j, lanes, channels, templates) for j in range(rng.randint(1, 3))
        ]
        if channels:
            data["channels"] = channels
        data["templates"] = templates
        current = [s["id"] for s in data["steps"] if s.get("change") != "removed"]
        data["problems"] = [self._problem(current) for _ in range(rng.randint(0, 2))]
        if rng.random() < 0.3:
            data["plan"] = self._plan(lanes)
        return folder, data, files

    def _dept_name(self, dept: str) -> str:
        return dict(self.org.departments)[dept]

    def _templates(self, pid: str, folder: str) -> tuple[dict[str, str], list[dict[str, str]]]:
        files: dict[str, str] = {}
        templates = []
        for n in range(self.rng.randint(1, 3)):
            ext, text = self.rng.choice(TEMPLATE_KINDS)
            name = f"{self.rng.choice(OBJECTS)[1]}模板"
            path = f"templates/{folder or 'common'}/{pid}-{n + 1}.{ext}"
            files[path] = text.format(name=name)
            templates.append(
                {
                    "id": f"form-{n + 1}",
                    "name": name,
                    "file": path,
                    "description": "按要求填写后提交",
                }
            )
        return files, templates

    def _goal(self) -> dict[str, str]:
        metric, unit, (baseline, target) = self.rng.choice(METRICS)
        current = baseline + (target - baseline) * self.rng.randint(20, 90) // 100
        sep = "" if unit == "%" else " "
        return {
            "metric": metric,
            "baseline": f"{baseline}{sep}{unit}",
            "target": f"{target}{sep}{unit}",
            "current": f"{current}{sep}{unit}",
        }

    def _steps(
        self, pid: str, lanes: list[str], templates: list[dict[str, str]], count: int
    ) -> list[dict[str, Any]]:
        rng = self.rng
        ids: list[str] = []
        for i in range(count):
            verb, obj = rng.choice(VERBS), rng.choice(OBJECTS)
            ident = f"{verb[0]}-{obj[0]}"
            ids.append(ident if ident not in ids else f"{ident}-{i + 1}")
        step_lanes = self._lanes(lanes, count)
        # Decisions every ~5 steps: the last one is a rework loop, the others skip a step or reject.
        decisions = list(range(2 + rng.randint(0, 1), count - 2, 5))
        steps = []
        for i, ident in enumerate(ids):
            lane = step_lanes[i]
            roles = self.org.role_ids(lane)
            step: dict[str, Any] = {
                "id": ident,
                "name": "",
                "lane": lane,
                "owner": rng.choice(roles[1:5]),
            }
            if i in decisions:
                step.update(self._decision(ids, i, last=i == decisions[-1]))
            else:
                step["name"] = (
                    f"{dict(VERBS)[ident.split('-')[0]]}{dict(OBJECTS)[ident.split('-')[1]]}"
                )
                others = [p for p in self.process_ids if p != pid]
                if others and rng.random() < 0.07:
                    step.update({"kind": "subprocess", "process": rng.choice(others)})
            self._raci(step, lanes, roles)
            if rng.random() < 0.6:
                step["description"] = self._description(step["name"])
            step["inputs"] = [rng.choice(["上一步的输出", "客户邮件", templates[0]["id"]])]
            step["outputs"] = [rng.choice([f"{step['name']}记录", templates[-1]["id"]])]
            step["duration"] = rng.choice(DURATIONS)
            step["tools"] = rng.sample([t for t, _ in TOOLS], rng.randint(0, 2))
            if i and rng.random() < 0.15:
                step["change"] = rng.choice(["new", "changed"])
            steps.append(step)
        steps[-1]["next"] = "end"
        if rng.random() < 0.3:  # a step of the previous version, dropped from the current flow
            at = rng.randint(1, count - 1)
            old = {
                "id": f"legacy-check-{at}",
                "name": "纸质单据签字确认",
                "lane": steps[at]["lane"],
                "owner": steps[at]["owner"],
                "change": "removed",
                "next": steps[at]["id"],
            }
            steps.insert(at, old)
        return steps

    def _lanes(self, lanes: list[str], count: int) -> list[str]:
        """A lane per step: work stays in a department for a few steps, then is handed over."""
        step_lanes = [lanes[0]]
        for _ in range(count - 1):
            here = step_lanes[-1]
            step_lanes.append(
                here
                if self.rng.random() < 0.6
                else self.rng.choice([d for d in lanes if d != here])
            )
        for lane in lanes:  # every lane of the process takes at least one step
            if lane not in step_lanes:
                spare = [i for i in range(1, count) if step_lanes.count(step_lanes[i]) > 1]
                step_lanes[self.rng.choice(spare)] = lane
        return step_lanes

    def _decision(self, ids: list[str], i: int, *, last: bool) -> dict[str, Any]:
        if last:
            branches = [
                {"to": ids[i + 1], "when": "合格"},
                {"to": ids[i - 2], "when": "不合格，退回修改"},
            ]
        elif self.rng.random() < 0.5:
            branches = [{"to": ids[i + 1], "when": "是"}, {"to": ids[i + 2], "when": "否，跳过"}]
        else:
            branches = [{"to": ids[i + 1], "when": "同意"}, {"to": "end", "when": "驳回"}]
        return {"name": self.rng.choice(QUESTIONS), "kind": "decision", "next": branches}

    def _raci(self, step: dict[str, Any], lanes: list[str], roles: list[str]) -> None:
        rng = self.rng
        others = [d for d in lanes if d != step["lane"]]
        if others and rng.random() < 0.5:
            step["support"] = rng.sample(others, 1)
        if rng.random() < 0.3:
            step["responsible"] = (
                [step["owner"], roles[-1]] if roles[-1] != step["owner"] else [step["owner"]]
            )
        if rng.random() < 0.5:
            step["consulted"] = [rng.choice(self.org.role_ids(rng.choice(lanes)))]
        if rng.random() < 0.5:
            step["informed"] = [rng.choice([*lanes, self.org.role_ids(step["lane"])[0]])]

    def _description(self, name: str) -> str:
        tool = self.rng.choice(TOOLS)[1]
        text = f"在 **{self.rng.randint(1, 5)} 个工作日内**完成{name}，并在{tool}中登记结果。\n"
        if self.rng.random() < 0.5:
            text += "\n- 核对金额、数量与附件\n- 有疑问时先与申请人确认\n"
        if self.rng.random() < 0.2:
            text += f"\n详见[管理制度](https://wiki.example.invalid/policy/{self.rng.randint(100, 999)})。\n"
        return text

    def _meeting(
        self,
        n: int,
        lanes: list[str],
        channels: list[dict[str, str]],
        templates: list[dict[str, str]],
    ) -> dict[str, Any]:
        rng = self.rng
        every = CADENCES[n % len(CADENCES)]
        meeting: dict[str, Any] = {
            "id": f"{every.replace(' ', '-')}-meeting",
            "name": MEETING_NAMES[every],
            "every": every,
        }
        if every in ("week", "2 weeks"):
            meeting["day"] = rng.choice(WEEKDAYS)
        elif every in ("month", "quarter"):
            meeting["day"] = rng.choice(MONTH_DAYS)
        meeting["time"] = f"{rng.randint(8, 17)}:{rng.choice(['00', '30'])}"
        meeting["duration"] = rng.choice(["15m", "30m", "60m", "90m"])
        if rng.random() < 0.3:
            meeting["timezone"] = "Asia/Shanghai"
        meeting["chair"] = self.org.role_ids(lanes[0])[1]
        meeting["attendees"] = [*rng.sample(lanes, 2), self.org.role_ids(lanes[-1])[2]]
        meeting["channel"] = rng.choice([c["id"] for c in channels] + [c[0] for c in CHANNELS[3:6]])
        meeting["agenda"] = rng.sample(AGENDA, rng.randint(2, 4))
        if rng.random() < 0.5:
            meeting["template"] = rng.choice(templates)["id"]
        return meeting

    def _problem(self, steps: list[str]) -> dict[str, Any]:
        rng = self.rng
        whys = rng.sample(WHYS, rng.randint(3, 5))
        status = rng.choice(["open", "fixed"])
        return {
            "title": whys[0],
            "step": rng.choice(steps),
            "impact": rng.choice(["high", "medium", "low"]),
            "category": rng.choice(CATEGORIES),
            "whys": whys,
            "root_cause": whys[-1],
            "fix": "制定标准模板并纳入月度检查",
            "status": status,
        }

    def _plan(self, lanes: list[str]) -> list[dict[str, Any]]:
        start = TODAY - dt.timedelta(days=self.rng.randint(60, 300))
        phases = []
        for n, name in enumerate(["现状诊断", "流程优化", "试运行与推广"]):
            end = start + dt.timedelta(days=self.rng.randint(14, 45))
            phases.append(
                {
                    "phase": name,
                    "start": start,
                    "end": end,
                    "owner": self.org.role_ids(lanes[n % len(lanes)])[1],
                    "tasks": ["访谈相关部门", "整理问题清单"],
                    "outputs": [f"{name}报告"],
                }
            )
            start = end + dt.timedelta(days=1)
        return phases


def write_handbook(
    count: int, out: Path, *, seed: int = 1, steps: tuple[int, int] = (12, 18)
) -> list[Path]:
    """Write organization.yml and `count` processes into `out`; the process files written."""
    rng = random.Random(seed)
    org = organization()
    out.mkdir(parents=True, exist_ok=True)
    _dump(out / "organization.yml", organization_yaml(org))
    process_ids = [f"{TOPICS[i % len(TOPICS)][0]}-{i + 1:04d}" for i in range(count)]
    writer = ProcessWriter(rng, org, process_ids)
    written = []
    for index in range(count):
        folder, data, files = writer.process(index, steps)
        for relative, text in files.items():
            (out / relative).parent.mkdir(parents=True, exist_ok=True)
            (out / relative).write_text(text, encoding="utf-8")
        path = out / folder / f"{data['id']}.yml"
        path.parent.mkdir(parents=True, exist_ok=True)
        _dump(path, data)
        written.append(path)
    return written


def _dump(path: Path, data: dict[str, Any]) -> None:
    path.write_text(
        yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=120), encoding="utf-8"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int, metavar="N", help="number of processes")
    parser.add_argument("out", type=Path, metavar="OUT_DIR", help="the processes folder to write")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument(
        "--steps", default="12-18", metavar="MIN-MAX", help="steps per process (default 12-18)"
    )
    args = parser.parse_args()
    low, _, high = args.steps.partition("-")
    written = write_handbook(
        args.count, args.out, seed=args.seed, steps=(int(low), int(high or low))
    )
    print(f"wrote {len(written)} processes to {args.out}")


if __name__ == "__main__":
    main()
