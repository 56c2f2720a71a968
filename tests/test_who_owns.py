""" "Who owns this?" in the core: people and their contacts, aliases, the finder's data, labels.

The browser side (search, the finder, checklists, wide tables) is test_who_owns_browser.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import TODAY, LoadFiles
from process_handbook import paths
from process_handbook.i18n.labels import Labels
from process_handbook.model import ChatLink, MailAddress, PhoneNumber, ValueProblem
from process_handbook.model.values import ReviewInterval
from process_handbook.options import BuildOptions
from process_handbook.pipeline import Build, build
from process_handbook.rendering.text import inline
from sitekit import REPO, page_text, section

ENGLISH = REPO / "tests" / "handbooks" / "english"


# --- contact values ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "address"),
    [("wang@example.com", "wang@example.com"), ("mailto:li.na@example.cn", "li.na@example.cn")],
)
def test_a_mail_address_is_kept_without_mailto(text: str, address: str) -> None:
    mail = MailAddress.parse(text)
    assert str(mail) == address and mail.link == f"mailto:{address}"


@pytest.mark.parametrize("text", ["王经理", "wang@", "wang at example.com", "<a@b.cn>", "a@b"])
def test_a_mail_that_is_no_mail_is_refused(text: str) -> None:
    with pytest.raises(ValueProblem, match="not an e-mail address"):
        MailAddress.parse(text)


@pytest.mark.parametrize(
    ("text", "link"),
    [
        ("+86 21 5555 0100", "tel:+862155550100"),
        ("400-000-0000", "tel:4000000000"),
        ("8000", "tel:8000"),
        ("8000 转 12", "tel:8000"),
        ("010-1234 ext. 5", "tel:0101234"),
    ],
)
def test_a_phone_number_as_people_dial_it(text: str, link: str) -> None:
    phone = PhoneNumber.parse(text)
    assert str(phone) == text and phone.link == link


@pytest.mark.parametrize("text", ["分机八零零", "12", "call me", "+86 21 5555 0100 !"])
def test_a_phone_number_with_no_number_is_refused(text: str) -> None:
    with pytest.raises(ValueProblem, match="not a phone number"):
        PhoneNumber.parse(text)


@pytest.mark.parametrize(
    "text",
    ["https://example.invalid/chat/wang", "dingtalk://dingtalkclient/action/sendmsg?dingtalk_id=w"],
)
def test_a_chat_link_opens_a_chat(text: str) -> None:
    assert str(ChatLink.parse(text)) == text


@pytest.mark.parametrize(
    "text", ["钉钉群「客服部」", "www.example.invalid", "javascript://%0Aalert(1)", "data://x"]
)
def test_a_chat_link_that_is_no_link_is_refused(text: str) -> None:
    with pytest.raises(ValueProblem, match="not a chat link") as problem:
        ChatLink.parse(text)
    assert "https://" in problem.value.hint


def test_a_role_without_holders_stays_valid(load_files: LoadFiles) -> None:
    loaded = load_files(
        {
            "p.yml": "title: 流程\nowner: support-manager\nsteps:\n  - {name: 受理, lane: support, owner: support-specialist}\n"
        }
    )
    assert not loaded.errors
    assert all(r.holders == [] for r in loaded.handbook.organization.roles)


# --- the sample: people and aliases on the pages ----------------------------------------


def test_aliases_are_shown_on_the_process_page_and_the_step(sample: Build) -> None:
    text = page_text(sample, "processes/expense-reimbursement.md")
    summary = text.split("\n## ", 1)[0]
    assert "**别名**：报销、报账、差旅报销" in summary  # outside the card: search finds it
    card = text.split("{#step-submit}", 1)[1].split("\n### ", 1)[0]
    assert '<div><dt data-search-exclude="true">别名</dt> <dd>填报销单、贴发票</dd></div>' in card


def test_a_step_card_shows_who_holds_the_owner_role_and_how_to_reach_them(sample: Build) -> None:
    card = page_text(sample, "processes/expense-reimbursement.md").split("{#step-pay}", 1)[1]
    owner = card.split("</div>", 1)[0]
    assert '<a href="../../roles/finance-manager/">财务经理</a>' in owner
    assert '<span class="ph-person">王经理 <a class="ph-contact" href="tel:8101">8101</a>' in owner
    assert 'href="mailto:wang.finance@example.invalid"' in owner
    assert (
        'href="dingtalk://dingtalkclient/action/sendmsg?dingtalk&#95;id&#61;wang-finance"' in owner
    )


def test_every_term_of_the_glossary_is_linked_from_the_process_pages(sample: Build) -> None:
    glossary = page_text(sample, "glossary/index.md")
    terms = Labels("zh").terms
    for term in terms:
        assert f"## {inline(term['term'])} {{#term-{term['id']}}}" in glossary
    linked = {
        link.split('"', 1)[0]
        for page in sample.pages
        if page.path.startswith("processes/")
        for link in page.content.split('href="../../glossary/#term-')[1:]
    }
    assert linked == {t["id"] for t in terms}


def test_search_is_fed_sections_that_answer(sample: Build) -> None:
    process = page_text(sample, "processes/complaint-handling.md")
    assert process.startswith("---\nsearch:\n  boost: 3\n---\n")
    # the facts card, the tables and the diagrams stay out of the search index
    assert '<dl class="ph-facts ph-card ph-head" data-search-exclude="true">' in process
    for heading in ("职责分工表", "RACI 矩阵"):
        assert '<div class="ph-table' in section(process, heading).split("\n\n")[1]
        assert 'data-search-exclude="true"' in section(process, heading).split("\n\n")[1]
    for overview in (
        "processes/index.md",
        "departments/index.md",
        "roles/index.md",
        "metrics/index.md",
    ):
        assert "---\nsearch:\n  exclude: true\n---\n" in page_text(sample, overview)


# --- the finder's data ------------------------------------------------------------------


def test_the_finder_data_holds_every_current_step_with_its_owner_and_people(sample: Build) -> None:
    asset = next(a for a in sample.assets if a.path == "assets/process-handbook/finder.json")
    data = json.loads(asset.read())
    handbook = sample.handbook
    processes = [p for p in handbook.processes if p.status != "retired"]
    steps = [(p, s) for p in processes for s in p.current_steps]
    assert len(data["steps"]) == len(steps)
    for row, (process, step) in zip(data["steps"], steps):
        name, where, anchor, owner, lead, support, aliases = row
        assert name == step.name and aliases == step.aliases
        assert data["processes"][where][:2] == [process.title, f"processes/{process.id}/"]
        assert anchor == f"step-{step.id}"
        role = handbook.roles[step.owner]
        assert data["roles"][owner][:2] == [role.name, f"roles/{role.id}/"]
        assert [h["name"] for h in data["roles"][owner][2]] == [h.name for h in role.holders]
        assert data["departments"][lead][0] == handbook.departments[step.lane].name
        assert [data["departments"][i][2] for i in support] == step.support
    wang = next(r for r in data["roles"] if r[0] == "财务经理")[2][0]
    assert wang == {
        "name": "王经理",
        "phone": "8101",
        "tel": "tel:8101",
        "mail": "wang.finance@example.invalid",
        "chat": "dingtalk://dingtalkclient/action/sendmsg?dingtalk_id=wang-finance",
    }
    assert (
        data["labels"]["finder_none"]
        == "没有找到包含「{query}」的步骤。试试更短的词，或用上方的搜索。"
    )


def test_the_finder_data_is_byte_identical_and_follows_the_url_style(sample: Build) -> None:
    again = build(REPO / "processes", BuildOptions(today=TODAY))
    path = "assets/process-handbook/finder.json"
    first = next(a for a in sample.assets if a.path == path).read()
    assert next(a for a in again.assets if a.path == path).read() == first
    flat = build(REPO / "processes", BuildOptions(today=TODAY, directory_urls=False))
    data = json.loads(next(a for a in flat.assets if a.path == path).read())
    assert data["processes"][0][1] == "processes/complaint-handling.html"


def test_the_finder_data_of_an_english_handbook_is_in_english() -> None:
    result = build(ENGLISH, BuildOptions(language="en", today=TODAY))
    assert result.ok, [d.format() for d in result.diagnostics]
    data = json.loads(next(a for a in result.assets if a.path.endswith("finder.json")).read())
    assert data["labels"]["finder_count"] == {"one": "{n} step found", "other": "{n} steps found"}
    assert data["labels"]["accountable"] == "Accountable owner"


# --- labels ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("en", "1d", "1 day"),
        ("en", "2d", "2 days"),
        ("en", "1w", "1 week"),
        ("en", "3w", "3 weeks"),
        ("zh", "1d", "1 天"),
        ("zh", "2w", "2 周"),
    ],
)
def test_time_limits_have_correct_plurals(language: str, text: str, expected: str) -> None:
    from process_handbook.model import Duration

    assert Labels(language).duration(Duration.parse(text)) == expected


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("zh", "6 months", "6 个月"),
        ("zh", "1 year", "1 年"),
        ("zh", "90 days", "90 天"),
        ("en", "1 year", "1 year"),
        ("en", "6 个月", "6 months"),
        ("en", "1 week", "1 week"),
    ],
)
def test_review_intervals_are_written_in_the_page_language(
    language: str, text: str, expected: str
) -> None:
    assert Labels(language).interval(ReviewInterval.parse(text)) == expected


def test_english_pages_say_1_day_and_chinese_pages_have_no_english_interval(sample: Build) -> None:
    english = build(ENGLISH, BuildOptions(language="en", today=TODAY))
    text = page_text(english, "processes/expense-claims.md")
    assert "<dd>1 day</dd>" in text and "<dd>2 days</dd>" in text
    assert not re.search(r"\b1 days\b", text)
    # the format and codes references quote what a file may say (`review_every: 6 months`)
    quoting = {paths.FORMAT_REFERENCE, paths.CODES_REFERENCE}
    for page in (p for p in sample.pages if p.path not in quoting):
        for word in ("months", "month", "year", "years", "1 days"):
            assert f" {word} " not in page.content.replace("|", " "), (page.path, word)


def test_the_overdue_badge_counts_one_day_in_english(tmp_path: Path) -> None:
    english = build(
        ENGLISH, BuildOptions(language="en", today=TODAY.replace(year=2027, month=9, day=2))
    )
    assert "Review overdue by 1 day<" in page_text(english, "processes/expense-claims.md")


@pytest.mark.site
def test_the_search_index_holds_answers_not_walls_of_text(sample_site: Path) -> None:
    index = json.loads((sample_site / "search" / "search_index.json").read_text("utf-8"))
    docs = {d["location"]: d for d in index["docs"]}

    def text(location: str) -> str:
        return docs[location]["text"].replace("\u200b", "")

    # overview pages are not searched: what they list is found on its own pages
    for overview in ("processes/", "departments/", "roles/", "responsibility/", "goals/"):
        assert not any(loc.split("#")[0] == overview for loc in docs), overview
    # a process's own result is its summary (and aliases), not its facts card
    article = text("processes/expense-reimbursement/")
    assert article.startswith("<p>员工因公产生的差旅")
    assert "报账" in article and "版本" not in article and "生效日期" not in article
    # a step's result starts with its owner, who that is, and the lead department
    step = text("processes/expense-reimbursement/#step-pay")
    assert step.startswith("第一责任人 财务经理 王经理 8101"), step
    assert "主导部门 财务部" in step
    assert docs["processes/expense-reimbursement/#step-pay"]["title"].replace("\u200b", "") == (
        "付款到员工工资卡"
    )
    # the facts after the owner and the lead department are found by their values; their
    # labels, the same in every card, stay out
    assert "时限" not in step and "执行（R）" not in step and "工具" not in step
    assert "3 天" in step and "会计" in step and "ERP" in step
    assert max(len(d["text"]) for d in docs.values() if d["location"].startswith("roles/")) < 400
    # the sections of a process page that hold tables, diagrams, legends every page shares or
    # lists repeating its steps stay out: a search for "RACI" does not list every process
    repeating = (
        "swimlane",
        "responsibility",
        "raci",
        "steps",
        "metrics",
        "meetings",
        "compare",
        "steps-new",
        "steps-changed",
        "retimed-steps",
        "fishbone",
    )
    on_process_pages = [loc for loc in docs if loc.startswith("processes/") and "#" in loc]
    assert {loc.split("#", 1)[1] for loc in on_process_pages} >= {"step-pay", "problems", "goals"}
    assert not [loc for loc in on_process_pages if loc.split("#", 1)[1] in repeating]
    assert "泳道图：每条泳道" not in text("processes/complaint-handling/")
    meeting = text("processes/complaint-handling/#meeting-weekly-review")
    assert "添加到日历" not in meeting and "参会者" not in meeting
    # a zero-width space only where it divides two words
    for doc in docs.values():
        for field in ("title", "text"):
            value = doc[field]
            assert not value.startswith("\u200b") and not value.endswith("\u200b")
            for idle in (" \u200b", "\u200b ", ">\u200b", "\u200b<", "\u200b\u200b"):
                assert idle not in value, (doc["location"], value)
    assert "付款\u200b后" in docs["processes/expense-reimbursement/#step-pay"]["text"]


@pytest.mark.parametrize(
    ("target", "directory_urls", "url"),
    [
        ("roles/r.md", True, "../../roles/r/"),
        ("roles/r.md#owned", False, "../roles/r.html#owned"),
        ("processes/p.md#step-a", True, "#step-a"),
        ("downloads/templates/reply.md", True, "../../downloads/templates/reply.md"),  # a file
        ("glossary/index.md#term-raci", True, "../../glossary/#term-raci"),
    ],
)
def test_links_in_html_blocks_are_the_urls_a_browser_follows(
    target: str, directory_urls: bool, url: str
) -> None:
    from process_handbook.paths import href

    assert href("processes/p.md", target, directory_urls) == url
