"""Generate the sample handbook's downloadable template files (processes/templates/).

    .venv/bin/python scripts/make_templates.py [OUTPUT_DIR]     # default: processes/templates

The output is deterministic: running the script twice gives byte-identical
files. Office documents carry fixed document properties (created / modified
2026-01-01), and the zip archives that .xlsx and .docx files are made of are
rewritten with a fixed timestamp and fixed attributes on every entry (same
entry order, same compression), because openpyxl and python-docx stamp entries
with the current time.
"""

from __future__ import annotations

import datetime as dt
import io
import sys
from collections.abc import Callable
from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

# Deterministic Office files: the same helpers the handbook's own exports use.
from process_handbook.artifacts.office import AUTHOR, normalize_zip
from process_handbook.artifacts.office import FIXED_TIME as FIXED_DATE
from process_handbook.artifacts.office import workbook_bytes as save_workbook

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUTPUT = ROOT / "processes" / "templates"

FONT = "微软雅黑"


# --- xlsx helpers --------------------------------------------------------------

THIN = Side(style="thin", color="A6A6A6")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
EXAMPLE_FILL = PatternFill("solid", fgColor="F2F2F2")
TOTAL_FILL = PatternFill("solid", fgColor="FFF2CC")
LABEL_FILL = PatternFill("solid", fgColor="EDEDED")
WRAP = Alignment(wrap_text=True, vertical="center")
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)


def new_workbook(title: str, subject: str) -> Workbook:
    wb = Workbook()
    props = wb.properties
    props.creator = AUTHOR
    props.lastModifiedBy = AUTHOR
    props.title = title
    props.subject = subject
    props.created = FIXED_DATE
    props.modified = FIXED_DATE
    return wb


def font(bold: bool = False, size: int = 10, color: str = "000000", italic: bool = False) -> Font:
    return Font(name=FONT, bold=bold, size=size, color=color, italic=italic)


def title_row(ws: Worksheet, text: str, width: int, row: int = 1) -> None:
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
    cell = ws.cell(row=row, column=1, value=text)
    cell.font = font(bold=True, size=14)
    cell.alignment = Alignment(horizontal="center", vertical="center")
    ws.row_dimensions[row].height = 28


def note_row(ws: Worksheet, text: str, width: int, row: int) -> None:
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
    cell = ws.cell(row=row, column=1, value=text)
    cell.font = font(size=9, color="7F7F7F", italic=True)
    cell.alignment = Alignment(wrap_text=True, vertical="center")
    ws.row_dimensions[row].height = 30


def header(ws: Worksheet, row: int, names: list[str], widths: list[int] | None = None) -> None:
    for col, name in enumerate(names, start=1):
        cell = ws.cell(row=row, column=col, value=name)
        cell.font = font(bold=True)
        cell.fill = HEADER_FILL
        cell.border = BORDER
        cell.alignment = CENTER
    ws.row_dimensions[row].height = 32
    if widths:
        for col, width in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(col)].width = width


def body_row(
    ws: Worksheet, row: int, values: list[object], fill: PatternFill | None = None
) -> None:
    for col, value in enumerate(values, start=1):
        cell = ws.cell(row=row, column=col, value=value)
        cell.font = font()
        cell.border = BORDER
        cell.alignment = WRAP
        if fill is not None:
            cell.fill = fill


def list_validation(ws: Worksheet, options: list[str], cells: str, prompt: str) -> None:
    dv = DataValidation(type="list", formula1='"' + ",".join(options) + '"', allow_blank=True)
    dv.promptTitle = "请选择"
    dv.prompt = prompt
    dv.errorTitle = "无效的值"
    dv.error = "请从下拉列表中选择：" + "、".join(options)
    dv.showInputMessage = True
    dv.showErrorMessage = True
    ws.add_data_validation(dv)
    dv.add(cells)


def form_fields(
    ws: Worksheet, start_row: int, pairs: list[tuple[str, object]], columns: int
) -> int:
    """Label / value pairs laid out two per row across `columns` columns; returns the next free row."""
    half = columns // 2
    row = start_row
    for i in range(0, len(pairs), 2):
        for j, (label, value) in enumerate(pairs[i : i + 2]):
            first = 1 + j * half
            label_cell = ws.cell(row=row, column=first, value=label)
            label_cell.font = font(bold=True)
            label_cell.fill = LABEL_FILL
            label_cell.border = BORDER
            label_cell.alignment = CENTER
            ws.merge_cells(
                start_row=row, start_column=first + 1, end_row=row, end_column=first + half - 1
            )
            value_cell = ws.cell(row=row, column=first + 1, value=value)
            value_cell.font = font(color="7F7F7F")
            value_cell.alignment = WRAP
            for col in range(first + 1, first + half):
                ws.cell(row=row, column=col).border = BORDER
        ws.row_dimensions[row].height = 22
        row += 1
    return row


def instructions_sheet(wb: Workbook, title: str, rows: list[tuple[str, str]]) -> None:
    ws = wb.create_sheet("填写说明")
    title_row(ws, title, 2)
    header(ws, 3, ["项目", "说明"], [18, 80])
    for i, (item, text) in enumerate(rows, start=4):
        body_row(ws, i, [item, text])
        ws.row_dimensions[i].height = 30


# --- xlsx templates ------------------------------------------------------------


def complaint_form() -> bytes:
    wb = new_workbook("客户投诉登记表", "客户投诉处理流程")
    ws = wb.active
    ws.title = "投诉登记"
    columns = [
        ("投诉编号", 14),
        ("受理时间", 17),
        ("客户名称", 20),
        ("联系人", 10),
        ("联系电话", 14),
        ("投诉渠道", 11),
        ("产品型号", 12),
        ("订单号/批次号", 16),
        ("问题描述", 36),
        ("投诉等级", 9),
        ("是否技术问题", 9),
        ("是否存在法律风险", 10),
        ("责任部门", 10),
        ("第一责任人", 11),
        ("处理措施", 32),
        ("答复时间", 17),
        ("处理时长（小时）", 10),
        ("客户满意度", 10),
        ("关闭日期", 12),
        ("备注", 20),
    ]
    width = len(columns)
    title_row(ws, "客户投诉登记表", width)
    note_row(
        ws,
        "受理后 2 小时内登记；灰色行为填写示例，使用前请删除。投诉等级：A 安全/批量/媒体风险，B 影响正常使用，C 一般不满意。"
        "「处理时长」自动按受理时间与答复时间计算。",
        width,
        2,
    )
    header(ws, 3, [c[0] for c in columns], [c[1] for c in columns])
    examples = [
        [
            "TS-2026-0001",
            dt.datetime(2026, 3, 2, 9, 40),
            "华东某连锁超市",
            "王经理",
            "138-0000-0001",
            "电话",
            "HB-200",
            "SO2026021801 / L260210",
            "新到货 50 台中有 6 台开机后屏幕闪烁，影响门店使用",
            "B",
            "是",
            "否",
            "研发部",
            "研发工程师",
            "定位为屏幕排线接触不良；更换 6 台整机，同批次库存全检",
            dt.datetime(2026, 3, 3, 10, 0),
            None,
            "满意",
            dt.date(2026, 3, 10),
            "整改措施转质量部跟踪",
        ],
        [
            "TS-2026-0002",
            dt.datetime(2026, 3, 5, 14, 15),
            "个人客户 李女士",
            "李女士",
            "139-0000-0002",
            "在线客服",
            "HB-100",
            "SO2026022705",
            "快递延误 5 天，客户要求赔偿",
            "C",
            "否",
            "否",
            "销售部",
            "客户经理",
            "致歉并赠送 1 年延保（补偿审批编号 BC-2026-011）",
            dt.datetime(2026, 3, 5, 18, 30),
            None,
            "基本满意",
            dt.date(2026, 3, 12),
            "",
        ],
    ]
    for offset, values in enumerate(examples):
        row = 4 + offset
        values[16] = f'=IF(OR(B{row}="",P{row}=""),"",ROUND((P{row}-B{row})*24,1))'
        body_row(ws, row, values, EXAMPLE_FILL)
    last = 200
    for row in range(6, last + 1):
        body_row(ws, row, [None] * width)
        ws.cell(
            row=row, column=17, value=f'=IF(OR(B{row}="",P{row}=""),"",ROUND((P{row}-B{row})*24,1))'
        )
    for row in range(4, last + 1):
        ws.cell(row=row, column=2).number_format = "yyyy-mm-dd hh:mm"
        ws.cell(row=row, column=16).number_format = "yyyy-mm-dd hh:mm"
        ws.cell(row=row, column=19).number_format = "yyyy-mm-dd"
    list_validation(ws, ["电话", "邮件", "在线客服", "销售转交"], f"F4:F{last}", "投诉来自哪个渠道")
    list_validation(
        ws, ["A", "B", "C"], f"J4:J{last}", "A 安全/批量/媒体风险；B 影响正常使用；C 一般不满意"
    )
    list_validation(ws, ["是", "否"], f"K4:L{last}", "是 / 否")
    list_validation(
        ws,
        ["客服部", "研发部", "质量部", "生产部", "销售部", "法务部"],
        f"M4:M{last}",
        "主导处理的部门",
    )
    list_validation(ws, ["满意", "基本满意", "不满意"], f"R4:R{last}", "回访时客户的评价")
    ws.freeze_panes = "C4"
    ws.auto_filter.ref = f"A3:{get_column_letter(width)}{last}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "3:3"
    instructions_sheet(
        wb,
        "客户投诉登记表 · 填写说明",
        [
            ("投诉编号", "TS-年份-四位流水号，由工单系统自动生成后抄录"),
            ("受理时间", "第一次接到客户投诉的时间，精确到分钟"),
            (
                "投诉等级",
                "A：涉及人身安全、批量质量问题或媒体曝光风险，1 小时内上报运营副总裁并发送重大投诉升级邮件；"
                "B：影响客户正常使用；C：一般不满意",
            ),
            ("是否技术问题", "由客服部经理判定；是 → 研发部定位根因，否 → 直接进入法律风险判断"),
            (
                "是否存在法律风险",
                "涉及人身伤害、合同违约、媒体曝光或客户索赔时填「是」，由法务部评估",
            ),
            ("第一责任人", "对该投诉处理结果负总责的唯一角色"),
            (
                "处理时长",
                "自动计算（受理到答复客户）；目标 72 小时（3 天）以内，首次联系客户不超过 2 小时",
            ),
            ("客户满意度", "方案执行 7 天后电话回访时填写；不满意的投诉重新核实，不得关闭"),
        ],
    )
    return save_workbook(wb)


def sample_test_record() -> bytes:
    wb = new_workbook("样品测试记录表", "新产品上市协作流程")
    ws = wb.active
    ws.title = "样品测试记录"
    width = 8
    title_row(ws, "样品测试记录表", width)
    next_row = form_fields(
        ws,
        2,
        [
            ("产品名称", "（例）HB-300 智能手持终端"),
            ("产品型号", "HB-300"),
            ("样品编号", "EVT-01 ~ EVT-05"),
            ("测试日期", "2026-05-11 ~ 2026-05-15"),
            ("需求规格版本", "V1.2"),
            ("测试人", "质量工程师"),
        ],
        width,
    )
    header_row = next_row + 1
    header(
        ws,
        header_row,
        ["序号", "测试类别", "测试项目", "测试方法", "判定标准", "实测结果", "判定", "备注"],
        [6, 11, 18, 34, 30, 22, 9, 20],
    )
    cases = [
        (
            "外观",
            "外壳表面",
            "距离 30 cm、自然光下目视检查",
            "无划伤、缩水、色差",
            "无异常",
            "合格",
            "",
        ),
        ("外观", "装配间隙", "塞规测量外壳接缝", "间隙 ≤ 0.15 mm", "0.12 mm", "合格", ""),
        ("功能", "开关机", "连续开关机 500 次", "全部正常启动，无死机", "500/500", "合格", ""),
        ("功能", "扫码识别", "标准码 + 污损码各 100 次", "识别率 ≥ 99%", "99.5%", "合格", ""),
        (
            "性能",
            "续航时间",
            "亮度 50%、每 10 秒扫码一次",
            "≥ 10 小时",
            "9.2 小时",
            "不合格",
            "研发优化电源管理",
        ),
        (
            "可靠性",
            "跌落",
            "1.2 m 高度 6 面各跌落 2 次",
            "功能正常，外壳无开裂",
            "功能正常",
            "合格",
            "实验室报告 LAB-2605",
        ),
        (
            "可靠性",
            "高低温",
            "-20 ℃ 与 60 ℃ 各存放 24 小时后开机",
            "功能正常",
            "功能正常",
            "合格",
            "",
        ),
        ("安规", "耐压", "AC 3000 V，1 分钟", "无击穿、无飞弧", "通过", "合格", ""),
    ]
    first = header_row + 1
    for i, case in enumerate(cases, start=1):
        body_row(ws, header_row + i, [i, *case], EXAMPLE_FILL)
    for extra in range(len(cases) + 1, len(cases) + 13):
        body_row(ws, header_row + extra, [extra, None, None, None, None, None, None, None])
    last = header_row + len(cases) + 12
    list_validation(ws, ["合格", "不合格", "待复测"], f"G{first}:G{last}", "按判定标准填写")
    list_validation(
        ws, ["外观", "功能", "性能", "可靠性", "安规", "包装"], f"B{first}:B{last}", "测试类别"
    )
    summary = last + 2
    rows = [
        ("合格项数", f'=COUNTIF(G{first}:G{last},"合格")'),
        ("不合格项数", f'=COUNTIF(G{first}:G{last},"不合格")'),
        ("待复测项数", f'=COUNTIF(G{first}:G{last},"待复测")'),
        (
            "样品结论",
            f'=IF(COUNTA(G{first}:G{last})=0,"",IF(AND(H{summary + 1}=0,H{summary + 2}=0),"合格，可进入试产","不合格，退回研发整改"))',
        ),
    ]
    for i, (label, formula) in enumerate(rows):
        ws.merge_cells(start_row=summary + i, start_column=6, end_row=summary + i, end_column=7)
        label_cell = ws.cell(row=summary + i, column=6, value=label)
        label_cell.font = font(bold=True)
        label_cell.fill = TOTAL_FILL
        label_cell.border = BORDER
        value_cell = ws.cell(row=summary + i, column=8, value=formula)
        value_cell.font = font(bold=True)
        value_cell.border = BORDER
        value_cell.fill = TOTAL_FILL
    sign = summary + len(rows) + 1
    for i, text in enumerate(["测试人签字：", "质量经理判定签字：", "日期："]):
        ws.cell(row=sign + i, column=1, value=text).font = font(bold=True)
    ws.freeze_panes = ws.cell(row=first, column=1)
    ws.page_setup.orientation = "landscape"
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToHeight = 0
    return save_workbook(wb)


MONTHS = [f"{m}月" for m in range(1, 13)]


def budget_sheet() -> bytes:
    wb = new_workbook("预算编制表", "年度预算编制流程")
    # 收入预算
    ws = wb.active
    ws.title = "收入预算"
    names = ["产品线", "区域", "单位", *MONTHS, "全年合计"]
    width = len(names)
    title_row(ws, "2027 年度收入预算（单位：万元）", width)
    note_row(
        ws,
        "由销售部按产品线、区域和月份填写；灰色行为示例。全年合计与合计行自动计算，请勿修改公式。",
        width,
        2,
    )
    header(ws, 3, names, [14, 10, 7, *([9] * 12), 12])
    examples = [
        ("手持终端", "华东", "万元", [120, 110, 150, 160, 170, 180, 175, 170, 190, 200, 210, 260]),
        ("手持终端", "华南", "万元", [80, 70, 100, 105, 110, 115, 110, 110, 120, 130, 140, 170]),
        ("配件与服务", "全国", "万元", [30, 28, 32, 33, 35, 36, 36, 37, 38, 40, 42, 50]),
    ]
    rows = 12
    for i in range(rows):
        row = 4 + i
        if i < len(examples):
            line, region, unit, values = examples[i]
            body_row(ws, row, [line, region, unit, *values], EXAMPLE_FILL)
        else:
            body_row(ws, row, [None, None, "万元", *([None] * 12)])
        total = ws.cell(row=row, column=width, value=f"=SUM(D{row}:O{row})")
        total.font = font(bold=True)
    total_row = 4 + rows
    body_row(ws, total_row, ["合计", None, "万元"], TOTAL_FILL)
    for col in range(4, width + 1):
        letter = get_column_letter(col)
        cell = ws.cell(row=total_row, column=col, value=f"=SUM({letter}4:{letter}{total_row - 1})")
        cell.font = font(bold=True)
        cell.fill = TOTAL_FILL
        cell.border = BORDER
    for row in range(4, total_row + 1):
        for col in range(4, width + 1):
            ws.cell(row=row, column=col).number_format = "#,##0.0"
    ws.freeze_panes = "D4"

    # 费用预算
    ws = wb.create_sheet("费用预算")
    names = ["部门", "费用科目", "科目编码", *MONTHS, "全年合计", "上年实际", "增长率", "测算依据"]
    width = len(names)
    title_row(ws, "2027 年度部门费用预算（单位：万元）", width)
    note_row(
        ws,
        "每个部门按费用科目逐月填写；增长率超过 10% 的科目必须在「测算依据」中说明原因。",
        width,
        2,
    )
    header(ws, 3, names, [12, 14, 10, *([8] * 12), 11, 10, 9, 34])
    examples = [
        ("销售部", "差旅费", "6601.02", [8] * 12, 84, "新增西南区域，出差频次增加"),
        ("销售部", "业务招待费", "6601.05", [3] * 12, 36, "与上年持平"),
        (
            "市场部",
            "广告宣传费",
            "6601.08",
            [5, 5, 20, 10, 10, 10, 5, 5, 25, 10, 10, 15],
            120,
            "新品上市发布会 2 场",
        ),
        (
            "研发部",
            "样机与测试费",
            "6602.11",
            [6, 6, 10, 10, 15, 15, 8, 8, 8, 6, 6, 6],
            95,
            "2 个新产品项目",
        ),
        ("人力资源部", "招聘费", "6602.21", [2] * 12, 20, "计划新增编制 18 人"),
        ("信息技术部", "软件订阅费", "6602.31", [4] * 12, 45, "统一采购协作软件"),
    ]
    rows = 30
    for i in range(rows):
        row = 4 + i
        if i < len(examples):
            dept, item, code, values, last_year, basis = examples[i]
            body_row(
                ws, row, [dept, item, code, *values, None, last_year, None, basis], EXAMPLE_FILL
            )
        else:
            body_row(ws, row, [None] * width)
        ws.cell(row=row, column=16, value=f"=SUM(D{row}:O{row})").font = font(bold=True)
        growth = ws.cell(
            row=row, column=18, value=f'=IF(OR(Q{row}="",Q{row}=0),"",P{row}/Q{row}-1)'
        )
        growth.number_format = "0.0%"
        for col in range(4, 18):
            ws.cell(row=row, column=col).number_format = "#,##0.0"
    total_row = 4 + rows
    body_row(ws, total_row, ["合计"], TOTAL_FILL)
    for col in range(4, 18):
        letter = get_column_letter(col)
        cell = ws.cell(row=total_row, column=col, value=f"=SUM({letter}4:{letter}{total_row - 1})")
        cell.font = font(bold=True)
        cell.fill = TOTAL_FILL
        cell.border = BORDER
        cell.number_format = "#,##0.0"
    departments = [
        "总经办",
        "市场部",
        "销售部",
        "研发部",
        "生产部",
        "质量部",
        "客服部",
        "法务部",
        "财务部",
        "人力资源部",
        "信息技术部",
    ]
    list_validation(ws, departments, f"A4:A{total_row - 1}", "填写预算的部门")
    ws.freeze_panes = "D4"

    # 资本性支出
    ws = wb.create_sheet("资本性支出")
    names = [
        "部门",
        "项目名称",
        "类别",
        "数量",
        "单价（万元）",
        "金额（万元）",
        "计划购置月份",
        "预计使用年限",
        "投资理由与收益",
    ]
    width = len(names)
    title_row(ws, "2027 年度资本性支出预算", width)
    note_row(ws, "单项 5 万元以上的设备、软件和装修投入在此填写；金额自动计算。", width, 2)
    header(ws, 3, names, [12, 24, 10, 8, 12, 12, 12, 12, 40])
    examples = [
        (
            "生产部",
            "自动锁螺丝机",
            "生产设备",
            2,
            18,
            None,
            "3月",
            "8 年",
            "替代人工锁付，HB-300 量产节拍提升 20%",
        ),
        (
            "质量部",
            "高低温试验箱",
            "检测设备",
            1,
            12,
            None,
            "5月",
            "10 年",
            "可靠性测试由外委改为自测，每年节省外委费约 8 万元",
        ),
        (
            "信息技术部",
            "PLM 系统扩容",
            "软件",
            1,
            15,
            None,
            "1月",
            "5 年",
            "支持设计变更流程线上化",
        ),
    ]
    for i in range(15):
        row = 4 + i
        values = list(examples[i]) if i < len(examples) else [None] * width
        body_row(ws, row, values, EXAMPLE_FILL if i < len(examples) else None)
        ws.cell(row=row, column=6, value=f'=IF(OR(D{row}="",E{row}=""),"",D{row}*E{row})')
    list_validation(
        ws, ["生产设备", "检测设备", "办公设备", "软件", "装修"], "C4:C18", "资本性支出类别"
    )
    list_validation(ws, MONTHS, "G4:G18", "计划购置的月份")
    ws.freeze_panes = "B4"

    instructions_sheet(
        wb,
        "预算编制表 · 填写说明",
        [
            ("编制口径", "按权责发生制、不含税金额填写，单位万元，保留一位小数"),
            ("统一假设", "调薪幅度、汇率和原材料价格以财务部随通知下发的《预算编制说明》为准"),
            ("收入预算", "销售部最先完成，生产、采购和市场推广预算以此为基础"),
            ("费用预算", "增长率超过 10% 的科目必须填写测算依据，否则退回"),
            ("资本性支出", "单项 5 万元以上的投入填在「资本性支出」表，不要重复计入费用预算"),
            ("提交方式", "通过 OA 审批流提交，附件命名为「部门-2027预算-版本号.xlsx」"),
        ],
    )
    return save_workbook(wb)


def purchase_request_form() -> bytes:
    wb = new_workbook("采购申请单", "采购申请流程")
    ws = wb.active
    ws.title = "采购申请单"
    width = 10
    title_row(ws, "采购申请单", width)
    next_row = form_fields(
        ws,
        2,
        [
            ("申请部门", "生产部"),
            ("申请人", "（姓名）"),
            ("申请日期", "YYYY-MM-DD"),
            ("申请单号", "CG-2026-0001（OA 自动生成）"),
            ("预算科目", "例：5001 直接材料"),
            ("是否在预算内", "是 / 否（否则须运营副总裁特批）"),
        ],
        width,
    )
    header_row = next_row + 1
    header(
        ws,
        header_row,
        [
            "序号",
            "物料编码",
            "物料名称",
            "规格型号",
            "单位",
            "数量",
            "预估单价（元）",
            "预估金额（元）",
            "需求日期",
            "用途说明",
        ],
        [6, 14, 16, 20, 6, 8, 12, 14, 12, 30],
    )
    examples = [
        (
            "1.02.0315",
            "主控芯片",
            "ARM Cortex-A55 四核",
            "片",
            2000,
            68.5,
            "2026-06-15",
            "HB-300 首批量产（交期 10 周，需提前下单）",
        ),
        (
            "2.01.1120",
            "外壳上盖",
            "PC+ABS 黑色 HB-300",
            "件",
            2000,
            12.8,
            "2026-06-20",
            "HB-300 首批量产",
        ),
    ]
    first = header_row + 1
    for i in range(10):
        row = first + i
        values = [i + 1, *examples[i]] if i < len(examples) else [i + 1, *([None] * 9)]
        # the amount column (8) is a formula; shift the sample's later values past it
        if i < len(examples):
            values = [*values[:7], None, *values[7:]]
        body_row(ws, row, values, EXAMPLE_FILL if i < len(examples) else None)
        ws.cell(
            row=row, column=8, value=f'=IF(OR(F{row}="",G{row}=""),"",F{row}*G{row})'
        ).number_format = "#,##0.00"
        ws.cell(row=row, column=7).number_format = "#,##0.00"
    last = first + 9
    total = last + 1
    ws.merge_cells(start_row=total, start_column=1, end_row=total, end_column=7)
    cell = ws.cell(row=total, column=1, value="合计金额（元）")
    cell.font = font(bold=True)
    cell.fill = TOTAL_FILL
    cell.alignment = CENTER
    amount = ws.cell(row=total, column=8, value=f"=SUM(H{first}:H{last})")
    amount.font = font(bold=True)
    amount.fill = TOTAL_FILL
    amount.number_format = "#,##0.00"
    for col in range(1, width + 1):
        ws.cell(row=total, column=col).border = BORDER
    approvals = total + 2
    header(ws, approvals, ["审批环节", "审批人", "", "意见", "", "", "", "签字", "日期", ""])
    ws.merge_cells(start_row=approvals, start_column=2, end_row=approvals, end_column=3)
    ws.merge_cells(start_row=approvals, start_column=4, end_row=approvals, end_column=7)
    ws.merge_cells(start_row=approvals, start_column=9, end_row=approvals, end_column=10)
    for i, (step, who) in enumerate(
        [
            ("部门审核", "生产经理"),
            ("预算校验", "预算专员"),
            ("超预算特批", "运营副总裁（超预算时）"),
            ("询价比价", "采购专员"),
            ("合同审核", "法务经理"),
            ("付款审批", "财务经理"),
        ],
        start=1,
    ):
        row = approvals + i
        body_row(ws, row, [step, who, None, None, None, None, None, None, None, None])
        ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=3)
        ws.merge_cells(start_row=row, start_column=4, end_row=row, end_column=7)
        ws.merge_cells(start_row=row, start_column=9, end_row=row, end_column=10)
        ws.row_dimensions[row].height = 24
    note_row(
        ws,
        "说明：单笔 1,000 元以下的办公用品按行政报销办理，不走本申请单；询价须至少三家合格供应商。",
        width,
        approvals + 8,
    )
    ws.page_setup.orientation = "landscape"
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToHeight = 0
    return save_workbook(wb)


def compensation_form() -> bytes:
    wb = new_workbook("客户补偿申请单", "客户补偿审批流程")
    ws = wb.active
    ws.title = "补偿申请"
    width = 6
    title_row(ws, "客户补偿申请单", width)
    for col, w in enumerate([16, 20, 16, 16, 20, 20], start=1):
        ws.column_dimensions[get_column_letter(col)].width = w
    row = form_fields(
        ws,
        2,
        [
            ("投诉编号", "TS-2026-0001"),
            ("申请日期", "YYYY-MM-DD"),
            ("客户名称", "华东某连锁超市"),
            ("客户经理", "（姓名）"),
            ("订单号", "SO2026021801"),
            ("订单金额（元）", 186000),
        ],
        width,
    )
    section = [
        ("问题概述", "新到货 50 台中 6 台屏幕闪烁，影响门店营业"),
        ("责任判定", "产品质量问题（研发部问题分析报告 RA-2026-007）"),
        ("补偿方式", "换货"),
        ("补偿金额（元）", 22800),
        ("金额测算依据", "6 台整机 × 3,800 元；另赠送同批次 44 台延保 1 年（服务补偿，不计现金）"),
    ]
    option_cell = ""
    amount_cell = ""
    for label, value in section:
        label_cell = ws.cell(row=row, column=1, value=label)
        label_cell.font = font(bold=True)
        label_cell.fill = LABEL_FILL
        label_cell.border = BORDER
        label_cell.alignment = CENTER
        ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=width)
        value_cell = ws.cell(row=row, column=2, value=value)
        value_cell.font = font()
        value_cell.alignment = WRAP
        for col in range(2, width + 1):
            ws.cell(row=row, column=col).border = BORDER
        ws.row_dimensions[row].height = 30
        if label == "补偿方式":
            option_cell = f"B{row}"
        if label == "补偿金额（元）":
            amount_cell = f"B{row}"
            value_cell.number_format = "#,##0"
        row += 1
    list_validation(
        ws, ["退款", "换货", "折扣", "服务补偿", "现金赔偿"], option_cell, "优先选择换货或服务补偿"
    )
    label_cell = ws.cell(row=row, column=1, value="审批路径（自动）")
    label_cell.font = font(bold=True)
    label_cell.fill = TOTAL_FILL
    label_cell.border = BORDER
    ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=width)
    path = ws.cell(
        row=row,
        column=2,
        value=f'=IF({amount_cell}="","",IF({amount_cell}>50000,"超过 5 万元：财务复核 → 总经理审批","5 万元及以下：销售总监审批"))',
    )
    path.font = font(bold=True, color="C00000")
    path.fill = TOTAL_FILL
    row += 2
    header(ws, row, ["审批环节", "审批人", "意见", "", "签字", "日期"])
    ws.merge_cells(start_row=row, start_column=3, end_row=row, end_column=4)
    for step, who in [
        ("金额判断", "销售经理"),
        ("销售总监审批", "销售总监（5 万元及以下）"),
        ("财务复核", "财务经理（超过 5 万元）"),
        ("总经理审批", "总经理（超过 5 万元）"),
        ("执行与归档", "会计"),
    ]:
        row += 1
        body_row(ws, row, [step, who, None, None, None, None])
        ws.merge_cells(start_row=row, start_column=3, end_row=row, end_column=4)
        ws.row_dimensions[row].height = 24
    return save_workbook(wb)


# --- docx helpers --------------------------------------------------------------


def new_document(title: str, subject: str) -> Document:
    doc = Document()
    props = doc.core_properties
    props.author = AUTHOR
    props.last_modified_by = AUTHOR
    props.title = title
    props.subject = subject
    props.keywords = "流程手册, 模板"
    props.comments = "由 scripts/make_templates.py 生成"
    props.category = "模板"
    props.revision = 1
    props.created = FIXED_DATE
    props.modified = FIXED_DATE
    props.last_printed = FIXED_DATE
    for name in (
        "Normal",
        "Title",
        "Heading 1",
        "Heading 2",
        "Heading 3",
        "List Bullet",
        "List Number",
        "Table Grid",
    ):
        style = doc.styles[name]
        style.font.name = FONT
        rpr = style.element.get_or_add_rPr()
        rfonts = rpr.find(qn("w:rFonts"))
        if rfonts is None:
            rfonts = rpr.makeelement(qn("w:rFonts"), {})
            rpr.append(rfonts)
        rfonts.set(qn("w:eastAsia"), FONT)
        rfonts.set(qn("w:ascii"), FONT)
        rfonts.set(qn("w:hAnsi"), FONT)
    doc.styles["Normal"].font.size = Pt(10.5)
    return doc


def save_document(doc: Document) -> bytes:
    buffer = io.BytesIO()
    doc.save(buffer)
    return normalize_zip(buffer.getvalue())


def heading(doc: Document, text: str, level: int = 1) -> None:
    paragraph = doc.add_heading(text, level=level)
    for run in paragraph.runs:
        run.font.color.rgb = RGBColor(0x1F, 0x3A, 0x5F)


def guidance(doc: Document, text: str) -> None:
    """An italic grey hint that the writer replaces."""
    run = doc.add_paragraph().add_run(text)
    run.italic = True
    run.font.size = Pt(9)
    run.font.color.rgb = RGBColor(0x7F, 0x7F, 0x7F)


def table(
    doc: Document, rows: list[list[str]], widths: list[float] | None = None, header_row: bool = True
) -> None:
    t = doc.add_table(rows=len(rows), cols=len(rows[0]))
    t.style = doc.styles["Table Grid"]
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            cell = t.cell(r, c)
            cell.text = value
            if header_row and r == 0:
                for run in cell.paragraphs[0].runs:
                    run.bold = True
                shading = cell._tc.get_or_add_tcPr().makeelement(
                    qn("w:shd"),
                    {qn("w:val"): "clear", qn("w:color"): "auto", qn("w:fill"): "DDEBF7"},
                )
                cell._tc.get_or_add_tcPr().append(shading)
    if widths:
        from docx.shared import Cm

        for row in t.rows:
            for c, width in enumerate(widths):
                row.cells[c].width = Cm(width)
    doc.add_paragraph()


def info_table(doc: Document, pairs: list[tuple[str, str]]) -> None:
    """Two label/value pairs per row."""
    rows: list[list[str]] = []
    for i in range(0, len(pairs), 2):
        row: list[str] = []
        for label, value in pairs[i : i + 2]:
            row += [label, value]
        while len(row) < 4:
            row.append("")
        rows.append(row)
    t = doc.add_table(rows=len(rows), cols=4)
    t.style = doc.styles["Table Grid"]
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            cell = t.cell(r, c)
            cell.text = value
            if c % 2 == 0:
                for run in cell.paragraphs[0].runs:
                    run.bold = True
    doc.add_paragraph()


def doc_title(doc: Document, text: str, subtitle: str | None = None) -> None:
    title = doc.add_paragraph(style="Title")
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.add_run(text)
    if subtitle:
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = p.add_run(subtitle)
        run.font.size = Pt(9)
        run.font.color.rgb = RGBColor(0x7F, 0x7F, 0x7F)


def bullets(doc: Document, items: list[str], numbered: bool = False) -> None:
    for item in items:
        doc.add_paragraph(item, style="List Number" if numbered else "List Bullet")


# --- docx templates ------------------------------------------------------------


def weekly_report() -> bytes:
    doc = new_document("项目周报模板", "跨部门项目每周进展汇报")
    doc_title(
        doc,
        "项目周报",
        "每周五 18:00 前通过「周报邮件」发送，抄送部门负责人；灰色斜体为填写提示，完成后删除",
    )
    info_table(
        doc,
        [
            ("项目名称", "（例）HB-300 新产品上市"),
            ("报告周期", "2026-05-11 ~ 2026-05-15（第 20 周）"),
            ("填写人", "（姓名 / 角色）"),
            ("项目阶段", "市场调研 / 需求 / 研发 / 试产 / 上市"),
            ("整体状态", "☐ 正常  ☐ 有风险  ☐ 严重延误（勾选一项）"),
            ("计划上市日期", "YYYY-MM-DD"),
        ],
    )
    heading(doc, "一、本周进展")
    guidance(doc, "列出本周计划内的工作事项，状态写：已完成 / 进行中（百分比）/ 延期（原因）。")
    table(
        doc,
        [
            ["序号", "工作事项", "负责人", "计划完成", "实际状态"],
            [
                "1",
                "（例）样品测试 8 项完成 7 项",
                "质量工程师",
                "05-15",
                "进行中 90%，续航项复测中",
            ],
            ["2", "", "", "", ""],
            ["3", "", "", "", ""],
        ],
        [1.2, 6.5, 2.5, 2.2, 4.0],
    )
    heading(doc, "二、下周计划")
    table(
        doc,
        [
            ["序号", "工作事项", "负责人", "计划完成", "需要的支持"],
            ["1", "", "", "", ""],
            ["2", "", "", "", ""],
        ],
        [1.2, 6.5, 2.5, 2.2, 4.0],
    )
    heading(doc, "三、风险与问题")
    guidance(doc, "影响写 高 / 中 / 低；高影响问题须同时登记到项目问题清单，并在周会上讨论。")
    table(
        doc,
        [
            ["问题描述", "影响", "应对措施", "第一责任人", "期限"],
            [
                "（例）主控芯片交期 10 周，可能影响首批量产",
                "高",
                "按预测提前下单 2,000 片",
                "采购专员",
                "05-20",
            ],
            ["", "", "", "", ""],
        ],
        [5.5, 1.5, 5.0, 2.5, 2.0],
    )
    heading(doc, "四、需要协调的事项")
    guidance(doc, "写清需要哪个部门、在什么时间前、提供什么；无则写「无」。")
    bullets(doc, ["", ""])
    heading(doc, "五、关键指标")
    table(
        doc,
        [
            ["指标", "目标", "本周", "上周", "说明"],
            ["里程碑按期完成率", "≥ 90%", "", "", ""],
            ["未关闭问题数", "—", "", "", ""],
            ["试产良率（试产阶段）", "≥ 95%", "", "", ""],
        ],
        [4.5, 2.0, 2.0, 2.0, 5.5],
    )
    return save_document(doc)


def requirements_spec() -> bytes:
    doc = new_document("需求规格说明书", "新产品上市协作流程 · 需求阶段")
    doc_title(doc, "需求规格说明书", "需求评审前提交；每条功能需求都必须写验收标准，否则评审退回")
    info_table(
        doc,
        [
            ("产品名称", ""),
            ("产品型号", ""),
            ("文档版本", "V1.0"),
            ("编写人", "产品经理"),
            ("编写日期", "YYYY-MM-DD"),
            ("评审状态", "草稿 / 评审中 / 已通过"),
        ],
    )
    heading(doc, "修订记录", 2)
    table(
        doc,
        [
            ["版本", "日期", "修订人", "修订内容"],
            ["V1.0", "", "", "初稿"],
            ["", "", "", ""],
        ],
        [2.0, 3.0, 3.0, 8.0],
    )
    heading(doc, "1. 背景与目标")
    guidance(
        doc,
        "为什么做这个产品：市场机会、客户痛点、公司战略，引用《市场调研报告》的结论。写出可衡量的商业目标，例如：上市第一年销量 2 万台，毛利率 ≥ 35%。",
    )
    heading(doc, "2. 目标用户与使用场景")
    table(
        doc,
        [
            ["用户类型", "典型场景", "核心诉求"],
            ["（例）连锁超市店员", "收银台与仓库扫码盘点", "扫码快、一整天不用充电"],
            ["", "", ""],
        ],
        [4.0, 6.0, 6.0],
    )
    heading(doc, "3. 产品定位与竞品对比")
    table(
        doc,
        [
            ["对比项", "本产品（目标）", "竞品 A", "竞品 B"],
            ["价格", "", "", ""],
            ["续航", "", "", ""],
            ["关键差异", "", "", ""],
        ],
        [3.5, 4.5, 4.0, 4.0],
    )
    heading(doc, "4. 功能需求")
    guidance(
        doc,
        "优先级：P0 必须有（缺少不能上市）；P1 应该有；P2 可以有。验收标准必须可测试，质量部据此编写样品测试记录表。",
    )
    table(
        doc,
        [
            ["编号", "需求描述", "优先级", "验收标准", "来源"],
            [
                "FR-001",
                "（例）支持一维码和二维码扫描",
                "P0",
                "标准码与污损码各 100 次，识别率 ≥ 99%",
                "客户访谈",
            ],
            [
                "FR-002",
                "（例）整机续航",
                "P0",
                "亮度 50%、每 10 秒扫码一次，续航 ≥ 10 小时",
                "竞品对比",
            ],
            ["FR-003", "", "", "", ""],
        ],
        [1.8, 5.0, 1.6, 5.6, 2.0],
    )
    heading(doc, "5. 性能、可靠性与合规要求")
    bullets(
        doc,
        [
            "可靠性：1.2 m 跌落、-20 ℃ ~ 60 ℃ 存储后功能正常",
            "安规与认证：列出目标市场需要的认证（如 CCC、CE）",
            "环保：符合 RoHS",
        ],
    )
    heading(doc, "6. 成本与上市时间")
    table(
        doc,
        [
            ["项目", "目标", "说明"],
            ["目标 BOM 成本", "", ""],
            ["目标售价", "", ""],
            ["计划上市日期", "", "立项到上市目标 120 天"],
        ],
        [4.0, 4.0, 8.0],
    )
    heading(doc, "7. 约束与依赖")
    guidance(
        doc, "写出长交期物料（交期 ≥ 8 周）、外部认证、合作方等依赖，评审时由生产部和采购确认。"
    )
    heading(doc, "8. 评审记录")
    table(
        doc,
        [
            ["评审部门", "评审人", "意见（通过 / 有条件通过 / 不通过）", "签字", "日期"],
            ["市场部", "市场总监", "", "", ""],
            ["研发部", "研发总监", "", "", ""],
            ["生产部", "生产经理", "", "", ""],
            ["质量部", "质量经理", "", "", ""],
        ],
        [2.5, 2.5, 6.0, 2.5, 2.5],
    )
    return save_document(doc)


def market_research_report() -> bytes:
    doc = new_document("市场调研报告模板", "新产品上市协作流程 · 市场调研")
    doc_title(doc, "市场调研报告", "调研结束时提交，作为立项和编写需求规格说明书的依据")
    info_table(
        doc,
        [
            ("调研主题", ""),
            ("调研周期", "YYYY-MM-DD ~ YYYY-MM-DD"),
            ("调研负责人", "市场调研专员"),
            ("报告日期", "YYYY-MM-DD"),
        ],
    )
    heading(doc, "1. 调研概要")
    guidance(doc, "用 3～5 句话写出结论：机会是什么、有多大、我们凭什么赢、建议是否立项。")
    heading(doc, "2. 市场规模与趋势")
    table(
        doc,
        [
            ["指标", "去年", "今年（预估）", "明年（预测）", "数据来源"],
            ["市场规模（亿元）", "", "", "", ""],
            ["年增长率", "", "", "", ""],
            ["目标细分市场占比", "", "", "", ""],
        ],
        [4.0, 2.5, 3.0, 3.0, 3.5],
    )
    heading(doc, "3. 竞品分析")
    guidance(doc, "至少分析 3 家主要竞品。")
    table(
        doc,
        [
            ["竞品", "主要型号", "价格区间", "核心卖点", "主要短板", "渠道"],
            ["竞品 A", "", "", "", "", ""],
            ["竞品 B", "", "", "", "", ""],
            ["竞品 C", "", "", "", "", ""],
        ],
        [2.0, 2.5, 2.5, 3.5, 3.5, 2.0],
    )
    heading(doc, "4. 客户访谈结论")
    guidance(doc, "访谈不少于 10 位目标客户；销售部提供近一年的丢单原因。")
    table(
        doc,
        [
            ["序号", "客户类型", "访谈对象", "主要痛点", "对新产品的期望"],
            ["1", "", "", "", ""],
            ["2", "", "", "", ""],
        ],
        [1.2, 3.0, 3.0, 4.5, 4.5],
    )
    heading(doc, "5. 机会与风险")
    table(
        doc,
        [
            ["类型", "描述", "应对建议"],
            ["机会", "", ""],
            ["风险", "", ""],
        ],
        [2.0, 7.0, 7.0],
    )
    heading(doc, "6. 立项建议")
    bullets(doc, ["建议：立项 / 暂缓 / 不立项", "目标上市时间：", "关键成功因素："])
    return save_document(doc)


def probation_plan() -> bytes:
    doc = new_document("试用期目标与评估表", "新员工入职流程")
    doc_title(
        doc,
        "试用期目标与评估表",
        "入职前由用人部门经理填写目标；转正前 2 周完成评估，交人力资源部审核",
    )
    info_table(
        doc,
        [
            ("员工姓名", ""),
            ("部门 / 岗位", ""),
            ("入职日期", "YYYY-MM-DD"),
            ("试用期截止", "YYYY-MM-DD"),
            ("用人部门经理", ""),
            ("入职导师", ""),
        ],
    )
    heading(doc, "一、试用期目标")
    guidance(
        doc,
        "3～5 个目标，权重合计 100%；每个目标写清衡量标准，避免「熟悉业务」这类无法评估的描述。",
    )
    table(
        doc,
        [
            ["序号", "目标", "衡量标准", "权重", "完成时间"],
            [
                "1",
                "（例）独立完成客户投诉受理与登记",
                "连续 2 周登记准确率 100%，2 小时内回复客户",
                "30%",
                "入职第 4 周",
            ],
            ["2", "", "", "", ""],
            ["3", "", "", "", ""],
            ["4", "", "", "", ""],
        ],
        [1.2, 5.0, 5.8, 1.8, 2.5],
    )
    heading(doc, "二、30 天沟通记录")
    table(
        doc,
        [
            ["沟通日期", "目标进展", "遇到的问题", "需要的支持", "下一步"],
            ["", "", "", "", ""],
        ],
        [2.5, 3.5, 3.5, 3.5, 3.3],
    )
    heading(doc, "三、转正评估")
    guidance(doc, "评分 1～5 分：5 远超预期，4 超出预期，3 达到预期，2 部分达到，1 未达到。")
    table(
        doc,
        [
            ["评估维度", "权重", "自评", "经理评分", "评语"],
            ["目标完成情况", "50%", "", "", ""],
            ["专业能力", "20%", "", "", ""],
            ["学习能力", "10%", "", "", ""],
            ["团队协作", "10%", "", "", ""],
            ["职业素养与价值观", "10%", "", "", ""],
            ["加权总分", "100%", "", "", ""],
        ],
        [4.0, 1.8, 1.8, 2.2, 6.5],
    )
    heading(doc, "四、评估结论")
    doc.add_paragraph("☐ 按期转正        ☐ 延长试用期（至 ____ 年 __ 月 __ 日）        ☐ 不予录用")
    table(
        doc,
        [
            ["签字", "员工本人", "入职导师", "用人部门经理", "人力资源经理"],
            ["签名 / 日期", "", "", "", ""],
        ],
        [2.8, 3.4, 3.4, 3.4, 3.4],
    )
    return save_document(doc)


# --- markdown templates --------------------------------------------------------

ONBOARDING_CHECKLIST = """\
# 入职清单

欢迎加入！本清单帮助你和各部门在入职前后把事情一次做好。
入职当天上午 **9:00** 到人力资源部报到；有任何问题，请联系你的人事专员。

## 一、入职前请准备（新员工）

- [ ] 身份证原件及复印件 2 份
- [ ] 最高学历、学位证书原件及复印件
- [ ] 上家单位离职证明原件
- [ ] 近 3 个月内的入职体检报告
- [ ] 本人名下的银行卡（用于工资发放）及开户行信息
- [ ] 近期一寸白底证件照 2 张（电子版发给人事专员）
- [ ] 在 eHR 中填写个人信息、紧急联系人和社保公积金信息

> 材料不齐的，请在入职后 **7 天内**补交，否则会影响社保缴纳和工资发放。

## 二、入职前各部门准备（入职前 3 个工作日在「入职准备群」通知）

| 事项 | 负责部门 / 角色 | 完成时间 | 完成后 |
|---|---|---|---|
| 发送入职通知和本清单，建立 eHR 档案 | 人力资源部 · 人事专员 | 接受录用后 1 个工作日内 | 在群里回复「已就绪」 |
| 开通邮箱、钉钉、OA 和岗位所需系统账号 | 信息技术部 · IT 运维工程师 | 入职前 1 天 | 在群里回复「已就绪」 |
| 安装并测试电脑 | 信息技术部 · IT 运维工程师 | 入职前 1 天 | 在群里回复「已就绪」 |
| 准备工位、办公用品和门禁卡 | 总经办 · 行政专员 | 入职前 1 天 | 在群里回复「已就绪」 |
| 指定入职导师，填写《试用期目标与评估表》 | 用人部门 · 用人部门经理 | 入职前 1 天 | 发给人事专员 |

## 三、入职第一天

- [ ] 到人力资源部报到，核验材料原件
- [ ] 签订劳动合同和保密协议
- [ ] 领取电脑、门禁卡和《员工手册》
- [ ] 登录邮箱、钉钉和 OA，修改初始密码并开启两步验证
- [ ] 加入部门钉钉群，认识入职导师
- [ ] 与用人部门经理确认试用期目标

## 四、第一周

- [ ] 参加新员工入职培训（公司介绍、规章制度、信息安全），通过信息安全考试
- [ ] 阅读本流程手册中与你岗位有关的流程
- [ ] 由入职导师介绍部门职责、常用工具和协作方式
- [ ] 完成第一项岗位实操任务

## 五、第一个月

- [ ] 完成部门岗位培训，入职导师在岗位培训记录上签字
- [ ] 参加一次新员工双周座谈会，反馈入职体验
- [ ] 与用人部门经理进行 30 天沟通，回顾试用期目标进展

## 六、试用期结束前 2 周

- [ ] 按《试用期目标与评估表》完成自评
- [ ] 用人部门经理完成评分，人力资源部审核并办理转正

## 常用联系方式

| 事项 | 联系谁 | 方式 |
|---|---|---|
| 入职手续、合同、社保公积金 | 人事专员 | 钉钉群「人力资源部」 |
| 账号、电脑、网络 | IT 运维工程师 | 钉钉「IT 服务台」应用，分机 8800 |
| 工位、门禁卡、办公用品 | 行政专员 | 钉钉群「总经办」，分机 8000 |
| 岗位工作与试用期目标 | 用人部门经理 / 入职导师 | 部门钉钉群 |
"""

LAUNCH_CHECKLIST = """\
# 上市准备检查清单

产品名称：________　　型号：________　　计划上市日期：________

上市发布前由产品经理逐项确认，新品上市月度决策会上检查完成情况。
**所有「必须」项完成后才能正式发布**；未完成项写明原因、补救措施和完成日期。

## 一、产品与质量

| 检查项 | 要求 | 负责角色 | 必须 | 状态 |
|---|---|---|---|---|
| 需求规格说明书已评审通过 | 四方评审签字齐全 | 产品经理 | 是 | ☐ |
| 样品测试全部合格 | 样品测试记录表结论为「合格」 | 质量经理 | 是 | ☐ |
| 试产良率达标 | 首批试产良率 ≥ 95% | 质量经理 | 是 | ☐ |
| 认证证书已取得 | 目标市场所需认证（如 CCC、CE） | 研发项目经理 | 是 | ☐ |
| 已知问题清单已评估 | 无未关闭的高影响问题 | 研发项目经理 | 是 | ☐ |

## 二、生产与供应

| 检查项 | 要求 | 负责角色 | 必须 | 状态 |
|---|---|---|---|---|
| 量产物料已到货 | 满足首批 2 个月销售预测 | 采购专员 | 是 | ☐ |
| 长交期物料已备货 | 交期 ≥ 8 周的物料按预测提前下单 | 采购专员 | 是 | ☐ |
| 工艺文件与作业指导书受控 | PLM 中为正式版本 | 工艺工程师 | 是 | ☐ |
| 首批成品入库 | 数量与上市计划一致 | 生产经理 | 是 | ☐ |

## 三、销售与渠道

| 检查项 | 要求 | 负责角色 | 必须 | 状态 |
|---|---|---|---|---|
| 价格体系已审批 | 出厂价、渠道价、零售价 | 销售总监 | 是 | ☐ |
| 销售培训完成 | 销售人员产品知识考试 ≥ 80 分 | 销售经理 | 是 | ☐ |
| CRM 中已上架产品与报价 | 可正常下单 | 销售经理 | 是 | ☐ |
| 重点客户拜访计划 | 首批 20 家重点客户 | 客户经理 | 否 | ☐ |

## 四、市场推广

| 检查项 | 要求 | 负责角色 | 必须 | 状态 |
|---|---|---|---|---|
| 产品手册与宣传物料 | 性能数据与测试报告一致 | 产品经理 | 是 | ☐ |
| 官网与电商页面 | 发布当天上线 | 市场总监 | 是 | ☐ |
| 发布会或线上直播方案 | 时间、场地、嘉宾已确认 | 市场总监 | 否 | ☐ |

## 五、客服与售后

| 检查项 | 要求 | 负责角色 | 必须 | 状态 |
|---|---|---|---|---|
| 客服培训完成 | 客服专员产品知识考试 ≥ 80 分 | 客服部经理 | 是 | ☐ |
| 常见问题解答已发布 | 工单系统知识库可检索 | 客服部经理 | 是 | ☐ |
| 备品备件已到位 | 维修备件满足 3 个月需求 | 生产经理 | 否 | ☐ |

## 六、法务与合规

| 检查项 | 要求 | 负责角色 | 必须 | 状态 |
|---|---|---|---|---|
| 宣传材料法务审核 | 无绝对化用语，性能数据有依据 | 法务经理 | 是 | ☐ |
| 商标与专利检索 | 产品名称无侵权风险 | 法务经理 | 是 | ☐ |
| 用户协议与保修条款 | 已更新并随产品提供 | 合规专员 | 否 | ☐ |

## 确认

| 角色 | 签字 | 日期 |
|---|---|---|
| 产品经理 |  |  |
| 市场总监 |  |  |
| 运营副总裁 |  |  |
"""

COMPLAINT_REPLY = """\
# 客户答复函模板

> 使用说明：书面答复客户时使用。方括号【】中的内容按实际情况填写，发出前删除本说明。
> 涉及法律风险的投诉（人身伤害、合同违约、媒体曝光、客户索赔），答复内容须先经**法务经理**审核，并使用法务给出的对外口径。

---

**关于【投诉编号 TS-2026-0001】的答复函**

尊敬的【客户名称 / 联系人】：

您好！感谢您于【2026 年 3 月 2 日】通过【电话 / 邮件 / 在线客服】向我们反映【产品型号 HB-200】【问题简述：部分设备开机后屏幕闪烁】的问题。对于给您带来的不便，我们深表歉意。

**一、问题原因**

经我公司【研发部 / 质量部】检测分析，该问题的原因是：【用客户能理解的语言说明原因，例如：同一批次产品的屏幕排线在装配时存在接触不良】。

**二、处理方案**

1. 【对您的处理：例如为您更换 6 台整机，预计于 3 月 6 日前送达】
2. 【补偿内容：例如为同批次其余 44 台设备免费延长保修 1 年】
3. 【如需您配合的事项：例如请保留故障设备，我们将安排上门取回】

**三、改进措施**

为避免同类问题再次发生，我们已【例如：改进屏幕排线的装配工艺，并对同批次库存全部重新检验】。

如您对以上方案有任何疑问，请随时联系我们：

- 客服专员：【姓名】，电话【400-000-0000 转分机】
- 客户经理：【姓名】，电话【手机号】

我们将在方案执行 7 天后与您电话回访。再次感谢您的理解与支持！

此致
敬礼

【公司名称】客服部
【YYYY 年 MM 月 DD 日】
"""

BUDGET_GUIDELINE = """\
# 预算编制说明（2027 年度）

本说明随预算编制通知一起下发，各部门编制预算时以此为准。填写使用《预算编制表》，通过 **OA 审批流**提交。

## 一、编制原则

1. **目标导向**：以总经理办公会确定的年度经营目标为前提，先定目标、后编预算。
2. **统一口径**：按权责发生制、不含税金额填写，单位万元，保留一位小数。
3. **先收入后成本**：销售部先完成销售预测，生产、采购和市场推广预算以此为基础。
4. **有据可查**：增长率超过 10% 的费用科目必须写明测算依据。

## 二、统一假设

| 假设项 | 取值 | 说明 |
|---|---|---|
| 平均调薪幅度 | 5% | 由人力资源部在人力成本预算中统一测算，各部门不另行计算 |
| 美元汇率 | 1 美元 = 7.10 元人民币 | 进口物料与海外销售统一使用 |
| 主要原材料价格 | 与本年 9 月均价持平 | 芯片类物料上浮 3% |
| 社保公积金基数 | 按当地最新基数 | 人力资源部统一测算 |
| 差旅标准 | 按《差旅费管理办法》 | 不得高于现行标准 |

## 三、时间表

| 时间 | 事项 | 负责 |
|---|---|---|
| 9 月最后一周 | 总经理办公会确定年度经营目标 | 总经办 |
| 10 月第 2 周 | 下发预算编制通知、本说明和预算编制表 | 财务部 · 预算专员 |
| 10 月第 4 周前 | 提交销售预测与销售费用预算 | 销售部 |
| 11 月第 2 周前 | 提交市场、生产与采购、研发、人力成本、信息化及其他部门预算 | 各部门 |
| 11 月第 3 周 | 财务部汇总编制公司预算草案 | 财务部 |
| 11 月第 4 周 | 总经理办公会审议预算；未通过的退回调整 | 总经办 |
| 12 月 20 日前 | 下达年度预算，在 ERP 中设置预算控制 | 财务部 · 财务总监 |

> 预算编制周期（下发通知到下达预算）目标为 60 天以内。

## 四、各部门提交内容

| 部门 | 提交内容 |
|---|---|
| 销售部 | 分产品线、区域、月份的销售预测；销售费用预算 |
| 市场部 | 市场推广预算（发布会、广告、展会） |
| 生产部 | 生产计划、原材料采购、制造费用与设备投资预算（含质量部检验与质量成本） |
| 研发部 | 按项目列出人力、样机、认证与测试费用 |
| 人力资源部 | 全公司人力成本、招聘与培训费用 |
| 信息技术部 | 软件订阅、硬件更新与信息化项目 |
| 质量部、客服部、法务部、总经办、财务部 | 部门费用预算，直接提交财务部 |

## 五、注意事项

- 单项 5 万元以上的设备、软件和装修投入填在「资本性支出」表，不要重复计入费用预算。
- 预算退回调整时，财务部会列出调整清单；请在 3 个工作日内确认并重新提交。
- 预算下达后，执行情况在每季度的预算执行季度分析会上分析；偏差超过 10% 须说明原因。
- 有疑问请联系财务部对口预算专员（钉钉群「财务部」）。
"""


def markdown(content: str) -> Callable[[], bytes]:
    """A Markdown template: UTF-8 text with LF line endings, exactly as written here."""
    return lambda: content.encode("utf-8")


# --- registry ------------------------------------------------------------------

#: Every generated file, relative to the output folder, and how to make it.
TEMPLATES: dict[str, Callable[[], bytes]] = {
    "complaint-form.xlsx": complaint_form,
    "weekly-report.docx": weekly_report,
    "finance/budget-guideline.md": markdown(BUDGET_GUIDELINE),
    "finance/budget-sheet.xlsx": budget_sheet,
    "finance/purchase-request-form.xlsx": purchase_request_form,
    "hr/onboarding-checklist.md": markdown(ONBOARDING_CHECKLIST),
    "hr/probation-plan.docx": probation_plan,
    "new-product/launch-checklist.md": markdown(LAUNCH_CHECKLIST),
    "new-product/market-research-report.docx": market_research_report,
    "new-product/requirements-spec.docx": requirements_spec,
    "new-product/sample-test-record.xlsx": sample_test_record,
    "sales/compensation-form.xlsx": compensation_form,
    "support/complaint-reply.md": markdown(COMPLAINT_REPLY),
}


def generate(output: Path) -> list[Path]:
    """Write every template under `output`; returns the files written, in a stable order."""
    written: list[Path] = []
    for relative, make in TEMPLATES.items():
        path = output / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(make())
        written.append(path)
    return written


def main(argv: list[str]) -> int:
    if len(argv) > 2 or (len(argv) == 2 and argv[1] in ("-h", "--help")):
        print(__doc__.strip().splitlines()[0])
        print("usage: make_templates.py [OUTPUT_DIR]   (default: processes/templates)")
        return 0 if len(argv) == 2 else 2
    output = Path(argv[1]) if len(argv) == 2 else DEFAULT_OUTPUT
    for path in generate(output):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
