"""The two State Council templates as data.

国办公开办函〔2019〕60号 (reports for 2019–2020) and 〔2021〕30号 (2021 on).
Each row/column is a canonical key and a pattern matched against the
label's comparison key (``text.normalise.label_key`` of the label with its
outline number removed). Patterns are ordered: the first match wins, so the
specific come before the general.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import regex


@cache
def compiled(pattern: str) -> regex.Pattern[str]:
    """Patterns are data; compile each once (regex's own cache lookup is slow)."""
    return regex.compile(pattern)


@dataclass(frozen=True)
class LabelSpec:
    """A canonical key and the label pattern that finds it."""

    key: str
    pattern: str
    #: Pattern an ancestor label must match (for leaves as vague as 其他).
    parent: str | None = None

    def matches(self, label: str, ancestors: tuple[str, ...] = ()) -> bool:
        if not compiled(self.pattern).search(label):
            return False
        return self.parent is None or any(compiled(self.parent).search(a) for a in ancestors)


@dataclass(frozen=True)
class ItemSpec:
    """A row of table 2 and the fields (columns) it has in this template."""

    key: str
    pattern: str
    fields: tuple[str, ...]


@dataclass(frozen=True)
class TemplateTable:
    """Everything the mapper needs to know about one template edition."""

    edition: str
    proactive_items: tuple[ItemSpec, ...]
    request_rows: tuple[LabelSpec, ...]
    #: Unit of table 2's money column when the cell and header name none.
    amount_unit: str | None
    #: A row some reports print in place of several template rows, and those rows
    #: (a 2021 report printing （六）其他处理 as one row: ``other``).
    merged_rows: tuple[tuple[LabelSpec, tuple[str, ...]], ...] = ()

    def item(self, key: str) -> ItemSpec:
        return next(i for i in self.proactive_items if i.key == key)


# Table 2 columns, by header label.
PROACTIVE_FIELDS: tuple[LabelSpec, ...] = (
    LabelSpec("new_made", r"新制作"),
    LabelSpec("new_published", r"新公开"),
    LabelSpec("total_published", r"公开总"),
    LabelSpec("prev_items", r"上一?年.*项目"),
    LabelSpec("change", r"增.?减|增加.?减少"),
    LabelSpec("projects", r"采购项目"),
    LabelSpec("amount", r"金额"),
    LabelSpec("decisions", r"处理决定"),
    LabelSpec("issued", r"制发"),
    LabelSpec("repealed", r"废止"),
    LabelSpec("in_force", r"现行有效"),
)

_DOC_FIELDS_2019 = ("new_made", "new_published", "total_published")
_SERVICE_FIELDS_2019 = ("prev_items", "change", "decisions")
_DOC_FIELDS_2021 = ("issued", "repealed", "in_force")

# Table 3 rows shared by both editions, in template order.
_REQUEST_ROWS_HEAD: tuple[LabelSpec, ...] = (
    LabelSpec("new_received", r"本年新收"),
    LabelSpec("carried_over", r"上年结转"),
    LabelSpec("granted", r"^予以公开"),
    LabelSpec("partially_granted", r"^部分公开"),
    LabelSpec("denied_state_secret", r"国家秘密"),
    LabelSpec("denied_prohibited_by_law", r"法律行政法规禁止|法律法规禁止|禁止公开"),
    LabelSpec("denied_three_safeties", r"三安全一稳定|危及"),
    LabelSpec("denied_third_party", r"第三方"),
    LabelSpec("denied_internal_affairs", r"内部事务"),
    LabelSpec("denied_process_info", r"过程性"),
    LabelSpec("denied_enforcement_files", r"执法案卷"),
    LabelSpec("denied_query_matters", r"查询事项"),
    LabelSpec("unavailable_not_held", r"不掌握"),
    LabelSpec("unavailable_needs_creation", r"另行制作|现成信息"),
    LabelSpec("unavailable_unclear", r"仍不明确|补正后"),
    LabelSpec("not_processed_complaint", r"信访|举报|投诉"),
    LabelSpec("not_processed_repeat", r"重复申请"),
    LabelSpec("not_processed_publication", r"出版物"),
    LabelSpec("not_processed_excessive", r"大量反复|反复申请"),
    LabelSpec("not_processed_confirmation", r"确认或重新出具|重新出具"),
)
_REQUEST_ROWS_TAIL: tuple[LabelSpec, ...] = (
    LabelSpec("total", r"^(总计|合计)$"),
    LabelSpec("carried_forward", r"结转下年度|下年度继续"),
)

# Table 3 columns (applicants), in template order.
REQUEST_COLUMNS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("natural_person", ("自然人",)),
    ("commercial", ("商业企业",)),
    ("research", ("科研机构",)),
    ("public_interest", ("社会公益组织", "公益组织")),
    ("legal_services", ("法律服务机构",)),
    ("other_org", ("其他", "其他组织")),
    ("total", ("总计", "合计")),
)

# Table 4: groups (found among a column's ancestors) and results (its leaf).
REVIEW_GROUPS: tuple[LabelSpec, ...] = (
    LabelSpec("litigation_after_review", r"复议后"),
    LabelSpec("litigation_direct", r"未经复议|直接起诉"),
    LabelSpec("review", r"行政复议"),
)
REVIEW_RESULTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("upheld", ("结果维持", "维持")),
    ("corrected", ("结果纠正", "纠正")),
    ("other", ("其他结果",)),
    ("pending", ("尚未审结", "未审结")),
    ("total", ("总计", "合计")),
)
REVIEW_GROUP_ORDER = ("review", "litigation_direct", "litigation_after_review")

TEMPLATE_2019 = TemplateTable(
    edition="2019",
    proactive_items=(
        ItemSpec("regulations", r"^规章$", _DOC_FIELDS_2019),
        ItemSpec("normative_documents", r"^(行政)?规范性文件$", _DOC_FIELDS_2019),
        ItemSpec("administrative_licensing", r"^行政许可$", _SERVICE_FIELDS_2019),
        ItemSpec("other_admin_services", r"^其他对外管理服务事项$|对外管理服务", _SERVICE_FIELDS_2019),
        ItemSpec("administrative_penalty", r"^行政处罚$", _SERVICE_FIELDS_2019),
        ItemSpec("administrative_coercion", r"^行政强制$", _SERVICE_FIELDS_2019),
        ItemSpec("administrative_fees", r"行政事业性收费", ("prev_items", "change")),
        ItemSpec("centralized_procurement", r"政府集中采购", ("projects", "amount")),
    ),
    request_rows=_REQUEST_ROWS_HEAD + (LabelSpec("other", r"^其他处理$"),) + _REQUEST_ROWS_TAIL,
    amount_unit=None,
)

TEMPLATE_2021 = TemplateTable(
    edition="2021",
    proactive_items=(
        ItemSpec("regulations", r"^规章$", _DOC_FIELDS_2021),
        ItemSpec("normative_documents", r"^(行政)?规范性文件$", _DOC_FIELDS_2021),
        ItemSpec("administrative_licensing", r"^行政许可$", ("decisions",)),
        ItemSpec("administrative_penalty", r"^行政处罚$", ("decisions",)),
        ItemSpec("administrative_coercion", r"^行政强制$", ("decisions",)),
        ItemSpec("administrative_fees", r"行政事业性收费", ("amount",)),
    ),
    request_rows=_REQUEST_ROWS_HEAD
    + (
        LabelSpec("other_no_correction", r"不补正"),
        LabelSpec("other_no_fee", r"缴纳费用|收费通知"),
        LabelSpec("other_misc", r"^其他$", parent=r"^其他(处理)?$"),
    )
    + _REQUEST_ROWS_TAIL,
    amount_unit="万元",
    merged_rows=((LabelSpec("other", r"^其他处理$"), ("other_no_correction", "other_no_fee", "other_misc")),),
)

TEMPLATES: dict[str, TemplateTable] = {"2019": TEMPLATE_2019, "2021": TEMPLATE_2021}

# The template's own wording of each row, numbered as printed: what the tolerant
# comparison (``match.nearest_row``) measures a deviating label against.
ROW_LABELS: dict[str, tuple[str, ...]] = {
    "new_received": ("一、本年新收政府信息公开申请数量",),
    "carried_over": ("二、上年结转政府信息公开申请数量",),
    "granted": ("（一）予以公开",),
    "partially_granted": ("（二）部分公开", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
    "denied_state_secret": ("1.属于国家秘密",),
    "denied_prohibited_by_law": ("2.其他法律行政法规禁止公开",),
    "denied_three_safeties": ("3.危及“三安全一稳定”",),
    "denied_third_party": ("4.保护第三方合法权益",),
    "denied_internal_affairs": ("5.属于三类内部事务信息",),
    "denied_process_info": ("6.属于四类过程性信息",),
    "denied_enforcement_files": ("7.属于行政执法案卷",),
    "denied_query_matters": ("8.属于行政查询事项",),
    "unavailable_not_held": ("1.本机关不掌握相关政府信息",),
    "unavailable_needs_creation": ("2.没有现成信息需要另行制作",),
    "unavailable_unclear": ("3.补正后申请内容仍不明确",),
    "not_processed_complaint": ("1.信访举报投诉类申请",),
    "not_processed_repeat": ("2.重复申请",),
    "not_processed_publication": ("3.要求提供公开出版物",),
    "not_processed_excessive": ("4.无正当理由大量反复申请",),
    "not_processed_confirmation": ("5.要求行政机关确认或重新出具已获取信息",),
    "other": ("（六）其他处理",),
    "other_no_correction": ("1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",),
    "other_no_fee": ("2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",),
    "other_misc": ("3.其他",),
    "total": ("（七）总计",),
    "carried_forward": ("四、结转下年度继续办理",),
    # table 2 items
    "regulations": ("规章",),
    "normative_documents": ("规范性文件", "行政规范性文件"),
    "administrative_licensing": ("行政许可",),
    "other_admin_services": ("其他对外管理服务事项",),
    "administrative_penalty": ("行政处罚",),
    "administrative_coercion": ("行政强制",),
    "administrative_fees": ("行政事业性收费",),
    "centralized_procurement": ("政府集中采购",),
}

# Words that tell the editions apart (label keys).
EDITION_MARKERS: dict[str, tuple[str, ...]] = {
    "2019": ("本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量", "其他对外管理服务事项",
             "政府集中采购"),
    "2021": ("本年制发件数", "本年废止件数", "现行有效件数", "本年收费金额", "逾期不补正", "收费通知"),
}

# Words that recognise each statistical table (label keys).
TABLE_MARKERS: dict[str, tuple[str, ...]] = {
    "proactive": ("第二十条", "信息内容", "规章", "规范性文件", "行政许可", "行政处罚", "行政强制",
                  "行政事业性收费", "政府集中采购", "制发件数", "新制作数量", "处理决定数量"),
    "requests": ("本年新收", "上年结转", "申请人情况", "自然人", "予以公开", "不予公开", "无法提供",
                 "不予处理", "结转下年度", "法人或其他组织", "商业企业"),
    "review_litigation": ("行政复议", "行政诉讼", "结果维持", "结果纠正", "尚未审结", "直接起诉", "复议后起诉"),
}
TABLE_ORDER = ("proactive", "requests", "review_litigation")

# The six parts: key, pattern on the heading's label key (number removed).
PARTS: tuple[tuple[int, str, str], ...] = (
    (1, "overview", r"总体情况|基本情况|工作情况$|工作概述|概述|总体"),
    (2, "proactive", r"主动公开"),
    (3, "requests", r"收到和处理|依申请公开|申请情况"),
    (4, "review_litigation", r"行政复议|行政诉讼"),
    (5, "problems", r"问题|改进"),
    (6, "other", r"其他需要报告|其他事项"),
)
