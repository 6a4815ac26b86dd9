"""The Chinese label of every canonical key, as the State Council templates print it.

One place for key → label: the long-format exports (``export``), the review
page (``review``) and ``giaparse.labels(table, key)`` read it. The words are kept
once, as the template prints them in its cells (a leaf such as
``1.属于国家秘密``, a group such as ``（三）不予公开``); the full labels of
the long format are composed from them. Where the two editions (2019:
国办公开办函〔2019〕60号, 2021: 〔2021〕30号) word a label differently, the
edition's own wording is given.

    >>> row_label("requests", "denied_state_secret")
    '（三）不予公开 1.属于国家秘密'
    >>> column_label("proactive", "amount", "2021")
    '本年收费金额（单位：万元）'
    >>> labels("requests", "denied_state_secret")
    '1.属于国家秘密'
"""

from __future__ import annotations

__all__ = ["labels", "label", "row_label", "column_label", "KINDS", "REQUEST_GROUP_OF"]

TABLE_LABELS: dict[str, str] = {
    "proactive": "二、主动公开政府信息情况",
    "requests": "三、收到和处理政府信息公开申请情况",
    "review_litigation": "四、政府信息公开行政复议、行政诉讼情况",
}

#: Table 2 rows (信息内容); the ``None`` key is the wording of both editions.
PROACTIVE_ITEMS: dict[str, dict[str | None, str]] = {
    "regulations": {None: "规章"},
    "normative_documents": {"2019": "规范性文件", "2021": "行政规范性文件", None: "规范性文件"},
    "administrative_licensing": {None: "行政许可"},
    "other_admin_services": {None: "其他对外管理服务事项"},
    "administrative_penalty": {None: "行政处罚"},
    "administrative_coercion": {None: "行政强制"},
    "administrative_fees": {None: "行政事业性收费"},
    "centralized_procurement": {None: "政府集中采购"},
}

#: Table 2 columns (fields).
PROACTIVE_FIELDS: dict[str, dict[str | None, str]] = {
    "new_made": {None: "本年新制作数量"},
    "new_published": {None: "本年新公开数量"},
    "total_published": {None: "对外公开总数量"},
    "prev_items": {None: "上一年项目数量"},
    "change": {None: "本年增/减"},
    "decisions": {"2019": "处理决定数量", "2021": "本年处理决定数量", None: "处理决定数量"},
    "projects": {None: "采购项目数量"},
    "amount": {"2019": "采购总金额（单位：万元）", "2021": "本年收费金额（单位：万元）", None: "金额（单位：万元）"},
    "issued": {None: "本年制发件数"},
    "repealed": {None: "本年废止件数"},
    "in_force": {None: "现行有效件数"},
}

#: Table 3's row groups (cells spanning several rows).
REQUEST_GROUPS: dict[str, str] = {
    "results": "三、本年度办理结果",
    "denied": "（三）不予公开",
    "unavailable": "（四）无法提供",
    "not_processed": "（五）不予处理",
    "other": "（六）其他处理",
}

#: Table 3 rows as their own cell prints them.
REQUEST_ROWS: dict[str, str] = {
    "new_received": "一、本年新收政府信息公开申请数量",
    "carried_over": "二、上年结转政府信息公开申请数量",
    "granted": "（一）予以公开",
    "partially_granted": "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    "denied_state_secret": "1.属于国家秘密",
    "denied_prohibited_by_law": "2.其他法律行政法规禁止公开",
    "denied_three_safeties": "3.危及“三安全一稳定”",
    "denied_third_party": "4.保护第三方合法权益",
    "denied_internal_affairs": "5.属于三类内部事务信息",
    "denied_process_info": "6.属于四类过程性信息",
    "denied_enforcement_files": "7.属于行政执法案卷",
    "denied_query_matters": "8.属于行政查询事项",
    "unavailable_not_held": "1.本机关不掌握相关政府信息",
    "unavailable_needs_creation": "2.没有现成信息需要另行制作",
    "unavailable_unclear": "3.补正后申请内容仍不明确",
    "not_processed_complaint": "1.信访举报投诉类申请",
    "not_processed_repeat": "2.重复申请",
    "not_processed_publication": "3.要求提供公开出版物",
    "not_processed_excessive": "4.无正当理由大量反复申请",
    "not_processed_confirmation": "5.要求行政机关确认或重新出具已获取信息",
    "other": "（六）其他处理",
    "other_no_correction": "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "other_no_fee": "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    "other_misc": "3.其他",
    "total": "（七）总计",
    "carried_forward": "四、结转下年度继续办理",
}

#: The innermost group a table-3 row sits in (the key's own prefix says which).
REQUEST_GROUP_OF: dict[str, str] = {
    **{k: "results" for k in ("granted", "partially_granted")},
    **{k: g for k in REQUEST_ROWS for g in ("denied", "unavailable", "not_processed") if k.startswith(g + "_")},
    **{k: "other" for k in ("other_no_correction", "other_no_fee", "other_misc")},
}

#: Table 3 columns (申请人情况) and the header over five of them.
REQUEST_COLUMNS: dict[str, str] = {
    "natural_person": "自然人",
    "commercial": "商业企业",
    "research": "科研机构",
    "public_interest": "社会公益组织",
    "legal_services": "法律服务机构",
    "other_org": "其他",
    "total": "总计",
}
_ORGANISATIONS = "法人或其他组织"

#: Table 4 groups and results, and the header over two of the groups.
REVIEW_GROUPS: dict[str, str] = {
    "review": "行政复议",
    "litigation_direct": "未经复议直接起诉",
    "litigation_after_review": "复议后起诉",
}
_LITIGATION = "行政诉讼"
REVIEW_RESULTS: dict[str, str] = {
    "upheld": "结果维持",
    "corrected": "结果纠正",
    "other": "其他结果",
    "pending": "尚未审结",
    "total": "总计",
}


def _edition(table: dict[str | None, str], edition: str | None) -> str:
    return table.get(edition, table[None])


def labels(table: str, key: str, template: str | None = None) -> str | None:
    """The label the template prints in ``key``'s own cell (a row, item, field, column,
    group or result of ``table``), or None: ``labels("requests", "denied_state_secret")``
    → ``1.属于国家秘密``; ``labels("requests", "commercial")`` → ``商业企业``."""
    if table == "proactive":
        entry = PROACTIVE_ITEMS.get(key) or PROACTIVE_FIELDS.get(key)
        return _edition(entry, template) if entry else None
    if table == "requests":
        return REQUEST_ROWS.get(key) or REQUEST_COLUMNS.get(key) or REQUEST_GROUPS.get(key)
    if table == "review_litigation":
        return REVIEW_GROUPS.get(key) or REVIEW_RESULTS.get(key)
    return None


def row_label(table: str, row: str, template: str | None = None) -> str | None:
    """The full label of a row key (item, row or group), with the group it sits in:
    ``（三）不予公开 1.属于国家秘密``; None if unknown. For the long-format exports."""
    if table == "proactive":
        entry = PROACTIVE_ITEMS.get(row)
        return _edition(entry, template) if entry else None
    if table == "requests":
        leaf = REQUEST_ROWS.get(row)
        group = REQUEST_GROUP_OF.get(row)
        return f"{REQUEST_GROUPS[group]} {leaf}" if leaf and group else leaf
    if table == "review_litigation":
        leaf = REVIEW_GROUPS.get(row)
        return f"{_LITIGATION} {leaf}" if leaf and row != "review" else leaf
    return None


def column_label(table: str, column: str, template: str | None = None) -> str | None:
    """The full label of a column key (field, applicant or result), with the header
    over it: ``法人或其他组织 商业企业``; None if unknown."""
    if table == "proactive":
        entry = PROACTIVE_FIELDS.get(column)
        return _edition(entry, template) if entry else None
    if table == "requests":
        leaf = REQUEST_COLUMNS.get(column)
        return f"{_ORGANISATIONS} {leaf}" if leaf and column not in ("natural_person", "total") else leaf
    if table == "review_litigation":
        return REVIEW_RESULTS.get(column)
    return None


#: Kinds of key, for the review page's one-argument lookup.
_BY_KIND: dict[str, dict] = {
    "table": TABLE_LABELS,
    "proactive_item": {k: v[None] for k, v in PROACTIVE_ITEMS.items()},
    "proactive_field": {k: v[None] for k, v in PROACTIVE_FIELDS.items()},
    "requests_row": REQUEST_ROWS,
    "requests_group": REQUEST_GROUPS,
    "requests_column": REQUEST_COLUMNS,
    "review_group": REVIEW_GROUPS,
    "review_result": REVIEW_RESULTS,
}
KINDS: tuple[str, ...] = tuple(_BY_KIND)


def label(kind: str, key: str) -> str | None:
    """The cell label of ``key`` of ``kind`` (one of ``KINDS``), or None."""
    return _BY_KIND.get(kind, {}).get(key)
