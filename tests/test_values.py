"""Cell text to number (contract: "Value form")."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from giaparse.diagnostics import WarningCode
from giaparse.values import CellValue, normalise_value


def _exact(value, expected):
    """Equal and of the same type (3 is not 3.0 in the output)."""
    assert value == expected and type(value) is type(expected), (value, expected)


# --- counts ---------------------------------------------------------------

@pytest.mark.parametrize(
    "raw, expected",
    [
        ("0", 0),
        ("12", 12),
        ("增3", 3),
        ("减183", -183),
        ("增加3", 3),
        ("减少2", -2),
        ("+5", 5),
        ("-87", -87),
        ("\u221287", -87),          # typographic minus
        ("－87", -87),              # full-width hyphen-minus
        ("＋5", 5),
        ("588项", 588),
        ("3件", 3),
        ("3（件）", 3),
        ("3(件)", 3),
        ("12个", 12),
        ("7人次", 7),
        ("\u30000", 0),             # full-width space before 0
        ("１２３", 123),
        ("１２．５", 12.5),
        ("1,234", 1234),
        ("1，234", 1234),
        ("１，２３４", 1234),
        ("1,234,567.5", 1234567.5),
        ("1 234", 1234),            # whitespace inside is ignored
        ("1\n2", 12),               # a cell broken over lines
        ("\u00a05\u00a0", 5),
        ("3.0", 3),                 # whole result: int
        ("0.5", 0.5),
        ("1.9万", 19000),
        ("1.95万件", 19500),
        ("2.5", 2.5),
        ("5万元", 5),               # money unit outside money fields: dropped, number as written
    ],
)
def test_count_values(raw, expected):
    cell = normalise_value(raw)
    _exact(cell.value, expected)
    assert cell.problem is None
    assert cell.raw == raw.strip()


@pytest.mark.parametrize(
    "raw",
    ["", "   ", "\u3000", "-", "—", "——", "–", "－", "--", "/", "／", "\\", "无", "N/A", "n/a", " — ", "―", "\u2212"],
)
def test_null_tokens_are_null_without_problem(raw):
    cell = normalise_value(raw)
    assert cell.value is None
    assert cell.problem is None
    assert cell.raw == raw.strip()


@pytest.mark.parametrize(
    "raw",
    ["见附件", "约3", "3-5", "abc", "3%", "3。", "1,23", "3()", ".5", "5.", "增", "３件件", "٣", "①", "1e5", "减-3"],
)
def test_unreadable_keeps_raw(raw):
    cell = normalise_value(f"  {raw} ")
    assert cell.value is None
    assert cell.raw == raw
    assert cell.problem is WarningCode.CELL_UNREADABLE
    assert cell.detail


def test_missing_cell():
    cell = normalise_value(None)
    assert cell == CellValue(None, None, WarningCode.CELL_MISSING, cell.detail)
    assert cell.detail
    assert cell.to_dict() == {"value": None, "raw": None}


def test_to_dict_has_only_value_and_raw():
    assert normalise_value(" 增3 ").to_dict() == {"value": 3, "raw": "增3"}
    assert normalise_value("见附件").to_dict() == {"value": None, "raw": "见附件"}


def test_absurdly_long_number_is_unreadable():
    cell = normalise_value("1" * 5000)
    assert cell.value is None and cell.problem is WarningCode.CELL_UNREADABLE


# --- money ----------------------------------------------------------------

@pytest.mark.parametrize(
    "raw, header, expected",
    [
        ("1732.633648万元", None, 1732.633648),
        ("202529227.9元", None, 20252.92279),
        ("3亿元", None, 30000),
        ("5000千元", None, 500),
        ("5万元", None, 5),
        ("500元", None, 0.05),
        ("5万", None, 5),                    # 5万 in a money column is 5万元
        ("1.2亿", None, 12000),
        ("１７３２．６万元", None, 1732.6),
        ("3（万元）", None, 3),
        ("12.5", "万元", 12.5),
        ("12", "（万元）", 12),
        ("125000", "元", 12.5),
        ("30", "千元", 3),
        ("2", "亿元", 20000),
        ("12万元", "元", 12),                # the cell's own unit wins over the header
    ],
)
def test_money(raw, header, expected):
    cell = normalise_value(raw, money=True, header_unit=header)
    _exact(cell.value, expected)
    assert cell.problem is None


def test_money_exact_decimal():
    # Not 202529227.9 / 10000 in floats (which is 20252.922790000003).
    assert normalise_value("202529227.9元", money=True).value == float("20252.92279")


@pytest.mark.parametrize("raw, expected", [("12.5", 12.5), ("300", 300), ("增3", 3)])
def test_money_without_any_unit_keeps_number_and_warns(raw, expected):
    cell = normalise_value(raw, money=True)
    _exact(cell.value, expected)
    assert cell.problem is WarningCode.UNIT_MISSING
    assert raw in cell.detail


def test_money_unknown_header_unit_warns():
    cell = normalise_value("7", money=True, header_unit="美元")
    _exact(cell.value, 7)
    assert cell.problem is WarningCode.UNIT_MISSING


@pytest.mark.parametrize("raw", ["", "—", "无", "/"])
def test_money_null(raw):
    cell = normalise_value(raw, money=True)
    assert cell.value is None and cell.problem is None


def test_money_unreadable():
    cell = normalise_value("见附件", money=True, header_unit="万元")
    assert cell.value is None and cell.problem is WarningCode.CELL_UNREADABLE


# --- properties -----------------------------------------------------------

ints = st.integers(min_value=-(10**40), max_value=10**40)
whitespace = st.text(alphabet=" \t\n\r\u00a0\u3000", max_size=4)


def _full_width(s: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if c.isascii() and c != " " else c for c in s)


@given(ints)
def test_any_int_reads_back(n):
    _exact(normalise_value(str(n)).value, n)


@given(st.integers(min_value=0, max_value=10**30))
def test_increase_decrease(n):
    _exact(normalise_value(f"增{n}").value, n)
    _exact(normalise_value(f"减{n}").value, -n)
    _exact(normalise_value(f"增加{n}").value, n)
    _exact(normalise_value(f"减少{n}").value, -n)


@given(ints)
def test_full_width_equals_ascii(n):
    _exact(normalise_value(_full_width(str(n))).value, n)


@given(st.integers(min_value=0, max_value=10**15), st.integers(min_value=0, max_value=99))
def test_full_width_decimals(whole, frac):
    text = f"{whole}.{frac:02d}"
    assert normalise_value(_full_width(text)).value == normalise_value(text).value


@given(st.integers(min_value=0, max_value=10**15))
def test_thousands_separators(n):
    assert normalise_value(f"{n:,}").value == n
    assert normalise_value(f"{n:,}".replace(",", "，")).value == n


@given(
    st.one_of(ints.map(str), st.sampled_from(["增3", "588项", "—", "见附件", "1.5万", "1732.633648万元"])),
    whitespace,
    whitespace,
    st.booleans(),
)
def test_surrounding_whitespace_never_matters(text, before, after, money):
    a = normalise_value(text, money=money)
    b = normalise_value(before + text + after, money=money)
    assert (a.value, a.raw, a.problem) == (b.value, b.raw, b.problem)


@given(st.text(), st.booleans(), st.one_of(st.none(), st.text(max_size=4), st.sampled_from(["元", "万元"])))
def test_never_raises_and_raw_is_stripped(text, money, header):
    cell = normalise_value(text, money=money, header_unit=header)
    assert cell.raw == text.strip()
    assert cell.value is None or type(cell.value) in (int, float)
    assert cell.problem in (None, WarningCode.CELL_UNREADABLE, WarningCode.UNIT_MISSING)
    if cell.problem is WarningCode.CELL_UNREADABLE:
        assert cell.value is None
    if cell.problem is WarningCode.UNIT_MISSING:
        assert money and cell.value is not None


@given(
    st.integers(min_value=0, max_value=10**12),
    st.integers(min_value=0, max_value=9999),
)
def test_money_yuan_is_wan_over_10000(whole, frac):
    text = f"{whole}.{frac:04d}" if frac else str(whole)
    in_yuan = normalise_value(f"{text}元", money=True).value
    in_wan = normalise_value(f"{text}万元", money=True).value
    assert in_wan == normalise_value(text).value
    expected = Decimal(text) / 10000
    assert in_yuan == (int(expected) if expected == expected.to_integral_value() else float(expected))
    # and via the column header instead of the cell
    assert normalise_value(text, money=True, header_unit="元").value == in_yuan
