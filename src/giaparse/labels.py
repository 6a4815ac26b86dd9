"""The Chinese label of every canonical key, as the State Council templates print it.

One place for key → label (the long-format exports use it; a later
``giaparse.labels(...)`` will expose it). The keys are those of the canonical
JSON (``tables.proactive`` items and fields, ``tables.requests`` rows and
columns, ``tables.review_litigation`` groups and results); where the two
editions (2019: 国办公开办函〔2019〕60号, 2021: 〔2021〕30号) word a label
differently, the edition's own wording is given.

    >>> row_label("requests", "denied_state_secret")
    '（三）不予公开 1.属于国家秘密'
    >>> column_label("proactive", "amount", "2021")
    '本年收费金额（单位：万元）'
"""

from __future__ import annotations

TABLE_LABELS: dict[str, str] = {
    "proactive": "二、主动公开政府信息情况",
    "requests": "三、收到和处理政府信息公开申请情况",
    "review_litigation": "四、政府信息公开行政复议、行政诉讼情况",
}

#: Table 2 rows (信息内容); ``None`` edition key = both editions.
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

_DENIED = "（三）不予公开 "
_UNAVAILABLE = "（四）无法提供 "
_NOT_PROCESSED = "（五）不予处理 "
_OTHER = "（六）其他处理 "

#: Table 3 rows, with their group heading where the row is one of several.
REQUEST_ROWS: dict[str, str] = {
    "new_received": "一、本年新收政府信息公开申请数量",
    "carried_over": "二、上年结转政府信息公开申请数量",
    "granted": "三、本年度办理结果 （一）予以公开",
    "partially_granted": "三、本年度办理结果 （二）部分公开",
    "denied_state_secret": _DENIED + "1.属于国家秘密",
    "denied_prohibited_by_law": _DENIED + "2.其他法律行政法规禁止公开",
    "denied_three_safeties": _DENIED + "3.危及“三安全一稳定”",
    "denied_third_party": _DENIED + "4.保护第三方合法权益",
    "denied_internal_affairs": _DENIED + "5.属于三类内部事务信息",
    "denied_process_info": _DENIED + "6.属于四类过程性信息",
    "denied_enforcement_files": _DENIED + "7.属于行政执法案卷",
    "denied_query_matters": _DENIED + "8.属于行政查询事项",
    "unavailable_not_held": _UNAVAILABLE + "1.本机关不掌握相关政府信息",
    "unavailable_needs_creation": _UNAVAILABLE + "2.没有现成信息需要另行制作",
    "unavailable_unclear": _UNAVAILABLE + "3.补正后申请内容仍不明确",
    "not_processed_complaint": _NOT_PROCESSED + "1.信访举报投诉类申请",
    "not_processed_repeat": _NOT_PROCESSED + "2.重复申请",
    "not_processed_publication": _NOT_PROCESSED + "3.要求提供公开出版物",
    "not_processed_excessive": _NOT_PROCESSED + "4.无正当理由大量反复申请",
    "not_processed_confirmation": _NOT_PROCESSED + "5.要求行政机关确认或重新出具已获取信息",
    "other": "（六）其他处理",
    "other_no_correction": _OTHER + "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "other_no_fee": _OTHER + "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    "other_misc": _OTHER + "3.其他",
    "total": "（七）总计",
    "carried_forward": "四、结转下年度继续办理",
}

#: Table 3 columns (申请人情况).
REQUEST_COLUMNS: dict[str, str] = {
    "natural_person": "自然人",
    "commercial": "法人或其他组织 商业企业",
    "research": "法人或其他组织 科研机构",
    "public_interest": "法人或其他组织 社会公益组织",
    "legal_services": "法人或其他组织 法律服务机构",
    "other_org": "法人或其他组织 其他",
    "total": "总计",
}

#: Table 4 groups (rows of the long format) and results (its columns).
REVIEW_GROUPS: dict[str, str] = {
    "review": "行政复议",
    "litigation_direct": "行政诉讼 未经复议直接起诉",
    "litigation_after_review": "行政诉讼 复议后起诉",
}
REVIEW_RESULTS: dict[str, str] = {
    "upheld": "结果维持",
    "corrected": "结果纠正",
    "other": "其他结果",
    "pending": "尚未审结",
    "total": "总计",
}


def _edition(table: dict[str | None, str], key_edition: str | None) -> str:
    return table.get(key_edition, table[None])


def row_label(table: str, row: str, template: str | None = None) -> str | None:
    """The Chinese label of a row key of ``table`` (item, row or group); None if unknown."""
    if table == "proactive":
        entry = PROACTIVE_ITEMS.get(row)
        return _edition(entry, template) if entry else None
    if table == "requests":
        return REQUEST_ROWS.get(row)
    if table == "review_litigation":
        return REVIEW_GROUPS.get(row)
    return None


def column_label(table: str, column: str, template: str | None = None) -> str | None:
    """The Chinese label of a column key of ``table`` (field, applicant or result); None if unknown."""
    if table == "proactive":
        entry = PROACTIVE_FIELDS.get(column)
        return _edition(entry, template) if entry else None
    if table == "requests":
        return REQUEST_COLUMNS.get(column)
    if table == "review_litigation":
        return REVIEW_RESULTS.get(column)
    return None
