"""Chinese labels for the canonical keys, as the templates print them.

One lookup, ``label(kind, key)``. The ``batch`` CLI keeps the same data in
``giaparse.labels``; this module is the review page's copy until the two are
merged (the lead swaps the import, the call stays ``label(kind, key)``).
"""

from __future__ import annotations

_LABELS: dict[str, dict[str, str]] = {
    "table": {
        "proactive": "二、主动公开政府信息情况",
        "requests": "三、收到和处理政府信息公开申请情况",
        "review_litigation": "四、政府信息公开行政复议、行政诉讼情况",
    },
    "proactive_item": {
        "regulations": "规章",
        "normative_documents": "规范性文件",
        "administrative_licensing": "行政许可",
        "other_admin_services": "其他对外管理服务事项",
        "administrative_penalty": "行政处罚",
        "administrative_coercion": "行政强制",
        "administrative_fees": "行政事业性收费",
        "centralized_procurement": "政府集中采购",
    },
    "proactive_field": {
        "new_made": "本年新制作数量",
        "new_published": "本年新公开数量",
        "total_published": "对外公开总数量",
        "prev_items": "上一年项目数量",
        "change": "本年增/减",
        "decisions": "处理决定数量",
        "projects": "采购项目数量",
        "amount": "金额（万元）",
        "issued": "本年制发件数",
        "repealed": "本年废止件数",
        "in_force": "现行有效件数",
    },
    "requests_row": {
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
    },
    # The row groups of table 3 (labels spanning several rows).
    "requests_group": {
        "results": "三、本年度办理结果",
        "denied": "（三）不予公开",
        "unavailable": "（四）无法提供",
        "not_processed": "（五）不予处理",
        "other": "（六）其他处理",
    },
    "requests_column": {
        "natural_person": "自然人",
        "commercial": "商业企业",
        "research": "科研机构",
        "public_interest": "社会公益组织",
        "legal_services": "法律服务机构",
        "other_org": "其他",
        "total": "总计",
    },
    "review_group": {
        "review": "行政复议",
        "litigation_direct": "未经复议直接起诉",
        "litigation_after_review": "复议后起诉",
    },
    "review_result": {
        "upheld": "结果维持",
        "corrected": "结果纠正",
        "other": "其他结果",
        "pending": "尚未审结",
        "total": "总计",
    },
}

KINDS: tuple[str, ...] = tuple(_LABELS)


def label(kind: str, key: str) -> str | None:
    """The Chinese label of canonical ``key`` of ``kind`` (see ``KINDS``), or None."""
    return _LABELS.get(kind, {}).get(key)
