"""The review page: structure of the HTML, then the page as Chromium draws it.

Structure tests read the page with lxml. Browser tests open it in headless
Chromium with a small script appended that records element rectangles into
the DOM (``--dump-dom``) while the same run takes a screenshot; the
assertions then look at the screenshot's pixels inside those rectangles,
and at where the rectangles are (under the right row and column headers,
over the right part of the PDF page).
"""

from __future__ import annotations

import copy
import json
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from lxml import html as lxml_html

from giaparse.checks import run_checks
from giaparse.cli import main
from giaparse.options import ReadOptions
from giaparse.pipeline import parse, read_document
from giaparse.review import build_page, load_source, review_page
from giaparse.review.assets import CELLBOX_RGB, FAIL_RGB, REGION_RGB, WARN_RGB
from giaparse.review.marks import check_cells
from giaparse.review.source import Box, box_of
from giaparse.wording import label

from .conftest import CORPUS, needs

ARITH = CORPUS / "html" / "2019_arith_error.html"
TEXT = CORPUS / "text" / "seed003_xiacheng_2020_tabs.txt"
PDF = CORPUS / "pdf" / "docx_2021_autonumber.noto.pdf"
WIDTH = 1600  # the page's layout depends on the width only; heights are chosen per page


def _load(path: Path):
    data = path.read_bytes()
    opts = ReadOptions()
    report = parse(data, name=str(path), options=opts)
    source = load_source(data, str(path), read_document(data, str(path), opts), opts)
    return report.to_dict(), source


@pytest.fixture(scope="module")
def arith():
    report, source = _load(ARITH)
    return report, build_page(report, source)


@pytest.fixture(scope="module")
def text_page():
    report, source = _load(TEXT)
    return report, build_page(report, source)


@pytest.fixture(scope="module")
def pdf_loaded():
    return _load(PDF)


def _tree(page: str):
    return lxml_html.fromstring(page)


def _classes(el) -> set[str]:
    return set((el.get("class") or "").split())


# ------------------------------------------------------------ structure --

def test_failed_check_cells_carry_the_fail_class(arith):
    report, page = arith
    tree = _tree(page)
    failed = [c for c in report["checks"] if c["status"] == "fail"]
    # The document's deliberate errors: natural-person column balance and sum, and the review total.
    assert {(c["id"], c["subject"]) for c in failed} == {
        ("requests.balance", "natural_person"), ("requests.total_is_sum", "natural_person"),
        ("review_litigation.total", "review")}
    involved = {cell for c in failed for cell in check_cells(c)}
    assert ("requests", "carried_forward", "natural_person") in involved
    assert ("review_litigation", "review", "pending") in involved
    for table, row, column in involved:
        td = tree.get_element_by_id(f"c-{table}-{row}-{column}")
        assert "fail" in _classes(td), (table, row, column)
    fail_ids = {td.get("id") for td in tree.xpath('//td[contains(concat(" ", @class, " "), " fail ")]')}
    assert fail_ids == {f"c-{t}-{r}-{c}" for t, r, c in involved}
    # Not involved: another column of the same rows, another group of table 4.
    assert "fail" not in _classes(tree.get_element_by_id("c-requests-new_received-commercial"))
    assert "fail" not in _classes(tree.get_element_by_id("c-review_litigation-litigation_direct-total"))


def test_failed_checks_listed_with_both_sums_and_difference(arith):
    _, page = arith
    rows = _tree(page).xpath('//tr[@data-check]')
    assert len(rows) == 3
    text = [" ".join(r.text_content().split()) for r in rows]
    assert "= 43" in text[0] and "= 44" in text[0] and text[0].endswith("-1")
    assert "= 41" in text[1] and "= 40" in text[1] and text[1].endswith("1")
    assert "total 6 = 6" in text[2] and "= 4" in text[2] and text[2].endswith("2")


def test_values_are_the_outputs_and_null_is_marked(arith):
    report, page = arith
    tree = _tree(page)
    for row, cells in report["tables"]["requests"].items():
        for column, cell in cells.items():
            td = tree.get_element_by_id(f"c-requests-{row}-{column}")
            if cell["value"] is None:
                assert "null" in _classes(td) and td.text_content() == "null"
            else:
                assert "null" not in _classes(td) and td.text_content() == str(cell["value"])
    # 科研机构 is blank throughout this report: null, not 0.
    assert {k: report["tables"]["requests"]["new_received"]["research"][k] for k in ("value", "raw")} == {"value": None, "raw": ""}


def test_warning_cells_are_marked_with_the_message(text_page):
    report, page = text_page
    tree = _tree(page)
    # Seed 003's last row lost cells: 自然人 and 总计 are placed by arithmetic, the
    # five middle columns stay null, under one warning that lists them.
    [warning] = [w for w in report["warnings"] if w["code"] == "cell_ambiguous"]
    assert warning["rows"] == ["carried_forward"]
    assert warning["columns"] == ["commercial", "research", "public_interest", "legal_services", "other_org"]
    warned = [warning]
    for column in warning["columns"]:
        td = tree.get_element_by_id(f"c-requests-carried_forward-{column}")
        assert {"warn", "null"} <= _classes(td)
        assert report["tables"]["requests"]["carried_forward"][column]["value"] is None
        assert warning["message"] in td.get("title")
    for column in ("natural_person", "total"):
        assert "warn" not in _classes(tree.get_element_by_id(f"c-requests-carried_forward-{column}"))
    assert "warn" not in _classes(tree.get_element_by_id("c-requests-total-natural_person"))
    # And as side notes under the table.
    notes = tree.xpath("//section[@id='t-requests']//ul[@class='warnings']/li")
    assert {str(report["warnings"].index(w)) for w in warned} <= {n.get("data-warning") for n in notes}


def test_labels_are_chinese_in_the_template_layout(arith, text_page):
    _, page = arith
    tree = _tree(page)
    headers = [" ".join(th.text_content().split()) for th in tree.xpath("//table[contains(@class,'t3')]//th")]
    assert any(h.startswith("自然人") for h in headers) and any(h.startswith("法律服务机构") for h in headers)
    groups = {th.xpath("string(code)"): int(th.get("rowspan")) for th in tree.xpath("//th[@class='grp']")}
    # 2019 template: 三、本年度办理结果 spans its 20 result rows; （三）不予公开 its 8.
    assert groups == {"results": 20, "denied": 8, "unavailable": 3, "not_processed": 5}
    assert label("requests_group", "denied") == "（三）不予公开"
    item_rows = tree.xpath("//table[contains(@class,'t2')]//th[@class='rl']/code/text()")
    assert "other_admin_services" in item_rows and "centralized_procurement" in item_rows  # 2019 items
    t4 = " ".join(tree.xpath("string(//table[contains(@class,'t4')])").split())
    assert "行政复议" in t4 and "未经复议直接起诉" in t4 and t4.count("尚未审结") == 3


def test_page_is_self_contained(arith, text_page, pdf_loaded):
    pages = [arith[1], text_page[1], build_page(*pdf_loaded)]
    for page in pages:
        assert not re.search(r"https?:|//[a-z0-9.-]+\.[a-z]{2,}/", page, re.I)
        tree = _tree(page)
        assert not tree.xpath("//link | //iframe | //object | //embed | //script[@src]")
        for attr in tree.xpath("//@src | //@href"):
            assert attr.startswith(("data:", "#")), attr


def test_source_url_text_is_not_written_as_a_url():
    from giaparse.review.page import _e

    assert _e("见 https://example.gov.cn/a") == "见 https&#58;//example.gov.cn/a"


def test_pdf_pages_rendered_with_table_regions(pdf_loaded):
    report, source = pdf_loaded
    tree = _tree(build_page(report, source))
    images = tree.xpath("//img[@class='pageimg']")
    assert len(images) == len(source.pages) == 5
    assert all(img.get("src").startswith("data:image/png;base64,") for img in images)
    # Table 3 is on page 4: its source link and the page figure beside it.
    link = tree.xpath("//section[@id='t-requests']//p[@class='srclink']/a")[0]
    assert link.get("href") == "#p4"
    page4 = tree.get_element_by_id("p4")
    assert len(page4.xpath(".//div[@class='region']")) == 1
    assert len(page4.xpath(".//div[@class='regcell']")) > 100


def test_pdf_render_selected_pages_only():
    from giaparse.review.source import render_pdf

    pages = render_pdf(PDF.read_bytes(), ReadOptions(), only={4})
    assert [p.number for p in pages] == [4]
    assert pages[0].png.startswith(b"\x89PNG") and (pages[0].width, pages[0].height) == pytest.approx((595, 842), abs=1)


def test_box_coordinate_origins():
    top_left = Box(1, 100, 200, 300, 260, "TOPLEFT")
    bottom_left = Box(1, 100, 842 - 200, 300, 842 - 260, "BOTTOMLEFT")
    assert top_left.percent(595, 842) == pytest.approx(bottom_left.percent(595, 842))
    assert top_left.percent(595, 842)[:2] == pytest.approx((100 * 100 / 595, 100 * 200 / 842))
    nested = box_of({"page_no": 2, "bbox": {"l": 1, "t": 9, "r": 3, "b": 4, "coord_origin": "BOTTOMLEFT"}})
    assert nested == Box(2, 1, 9, 3, 4, "BOTTOMLEFT")
    assert box_of({"table": 0, "row": 1, "column": 2}) is None


def test_check_cells_by_axis():
    row_check = {"id": "requests.row_total", "subject": "granted",
                 "left": {"terms": {"total": 3}}, "right": {"terms": {"natural_person": 1, "commercial": 1}}}
    assert check_cells(row_check) == [("requests", "granted", "total"), ("requests", "granted", "natural_person"),
                                      ("requests", "granted", "commercial")]
    column_check = {"id": "requests.balance", "subject": "research",
                    "left": {"terms": {"new_received": 1}}, "right": {"terms": {"total": 1}}}
    assert check_cells(column_check) == [("requests", "new_received", "research"), ("requests", "total", "research")]
    assert check_cells({"id": "series.carry_over", "subject": "x"}) == []


def test_page_follows_the_checks_it_is_given(arith):
    # The page follows the checks it is given: break one row sum in the output.
    report = copy.deepcopy(arith[0])
    report["tables"]["requests"]["granted"]["total"] = {"value": 99, "raw": "99"}
    report["checks"] = run_checks(report["tables"])
    _, source = _load(ARITH)
    tree = _tree(build_page(report, source))
    row = [td for td in tree.xpath("//td[@data-cell]") if td.get("data-cell").startswith("requests|granted|")]
    marked = {td.get("data-cell").split("|")[2] for td in row if "fail" in _classes(td)}
    # research is null there, so row_total is skipped: only the total column's
    # total_is_sum (and balance, via the total row) now fails, and it reaches this row in one cell.
    assert marked == {"natural_person", "total"}  # natural_person: the report's own failing column


# ------------------------------------------------------------------ CLI --

def test_cli_review_writes_the_page(tmp_path):
    from click.testing import CliRunner

    out = tmp_path / "page.html"
    result = CliRunner().invoke(main, ["review", str(ARITH), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_cli_review_bad_input_is_one_line(tmp_path):
    from click.testing import CliRunner

    result = CliRunner().invoke(main, ["review", str(CORPUS / "pdf" / "scanned_no_text_layer.pdf"),
                                       "-o", str(tmp_path / "x.html")])
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"giaparse: error: {CORPUS / 'pdf' / 'scanned_no_text_layer.pdf'}: no text layer")
    assert not (tmp_path / "x.html").exists()
    missing = CliRunner().invoke(main, ["review", str(tmp_path / "nope.txt"), "-o", str(tmp_path / "x.html")])
    assert missing.exit_code == 1 and missing.output.count("\n") == 1 and "no such file" in missing.output


def test_review_page_function_reads_a_path():
    page = review_page(TEXT)
    assert 'id="L1"' in page and "c-requests-new_received-natural_person" in page


# -------------------------------------------------------------- browser --

CHROMIUM = next((p for p in (shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome")) if p), None)
needs_chromium = needs("chromium", "cjk-font")  # the review page's browser tests (Chromium aborts with no font)

# Appended to the page under test: record rectangles into the DOM for --dump-dom.
_GEOMETRY = """<script>window.addEventListener('load',function(){
function R(e){var r=e.getBoundingClientRect();return [r.left,r.top,r.width,r.height];}
var o={height:document.documentElement.scrollHeight,cells:{},heads:{},pages:{},regions:[],cellboxes:{}};
document.querySelectorAll('td[data-cell]').forEach(function(e){o.cells[e.id]=R(e);});
document.querySelectorAll('table.t3 th, table.t4 th').forEach(function(e){var k=e.querySelector('code.key');
  if(k){(o.heads[k.textContent]=o.heads[k.textContent]||[]).push(R(e));}});
document.querySelectorAll('figure.page').forEach(function(f){o.pages[f.id]=R(f.querySelector('img'));
  f.querySelectorAll('.region').forEach(function(b){o.regions.push([f.id].concat(R(b)));});});
document.querySelectorAll('.cellbox').forEach(function(b){o.cellboxes[b.dataset.for]=R(b);});
ACTIONS
var p=document.createElement('pre');p.id='geometry';p.textContent=JSON.stringify(o);document.body.appendChild(p);});
</script>"""


def _chromium(page: str, actions: str = "", screenshot: bool = True, height: int = 2400):
    """Open ``page`` in headless Chromium; return (geometry dict, screenshot as a PIL image or None)."""
    from PIL import Image

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "page.html"
        path.write_text(page.replace("</body>", _GEOMETRY.replace("ACTIONS", actions) + "</body>"), encoding="utf-8")
        shot = Path(tmp) / "shot.png"
        args = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--hide-scrollbars", "--force-device-scale-factor=1", "--force-color-profile=srgb",
                f"--user-data-dir={tmp}/profile", f"--window-size={WIDTH},{height}", "--dump-dom"]
        if screenshot:
            args.append(f"--screenshot={shot}")
        done = subprocess.run(args + [path.as_uri()], capture_output=True, text=True, timeout=120)
        found = re.search(r'<pre id="geometry">(.*?)</pre>', done.stdout, re.S)
        assert found, f"chromium gave no geometry (exit {done.returncode}): {done.stderr[-500:]}"
        geometry = json.loads(lxml_html.fromstring(found.group(0)).text_content())
        image = Image.open(shot).convert("RGB") if screenshot else None
        if image is not None:
            image.load()
    return geometry, image


def _pixels(image) -> list:
    """The image's pixels in order (Pillow 12 renamed getdata; older versions only have that)."""
    flat = getattr(image, "get_flattened_data", None)
    return list(flat() if flat is not None else image.getdata())


def _share(image, rect, rgb, inset: int = 3) -> float:
    """Fraction of the pixels inside ``rect`` (left, top, width, height) that are exactly ``rgb``."""
    left, top, width, height = rect
    box = (round(left) + inset, round(top) + inset, round(left + width) - inset, round(top + height) - inset)
    assert box[2] > box[0] and box[3] > box[1] and box[3] <= image.height, f"rect {rect} not in the screenshot"
    pixels = _pixels(image.crop(box))
    return sum(1 for p in pixels if p == rgb) / len(pixels)


def _edge_drawn(image, rect, rgb, side: str) -> float:
    """Fraction of positions along the ``side`` ("left"/"top") edge of ``rect`` where a pixel
    within 2 px of the edge has colour ``rgb`` (borders at fractional offsets are antialiased)."""
    left, top, width, height = rect

    def near(p) -> bool:
        return sum(abs(a - b) for a, b in zip(p, rgb, strict=False)) < 60

    if side == "left":
        across = range(round(top) + 3, round(top + height) - 3)
        hits = [any(near(image.getpixel((x, y))) for x in range(int(left) - 1, int(left) + 3)) for y in across]
    else:
        across = range(round(left) + 3, round(left + width) - 3)
        hits = [any(near(image.getpixel((x, y))) for y in range(int(top) - 1, int(top) + 3)) for x in across]
    return sum(hits) / len(hits)


def _centre(rect):
    return rect[0] + rect[2] / 2, rect[1] + rect[3] / 2


def _inside(point, rect) -> bool:
    return rect[0] <= point[0] <= rect[0] + rect[2] and rect[1] <= point[1] <= rect[1] + rect[3]


@needs_chromium
def test_browser_highlighted_cells_where_they_should_be(arith):
    report, page = arith
    geometry, image = _chromium(page, height=3000)
    heads = geometry["heads"]
    for check in (c for c in report["checks"] if c["status"] == "fail"):
        for table, row, column in check_cells(check):
            rect = geometry["cells"][f"c-{table}-{row}-{column}"]
            assert _share(image, rect, FAIL_RGB) > 0.5, (table, row, column)
            if table == "requests":
                # Under its column header, level with its row label.
                x, y = _centre(rect)
                assert any(h[0] <= x <= h[0] + h[2] for h in heads[column]), column
                assert any(h[1] <= y <= h[1] + h[3] for h in heads[row]), row
    # The same colour nowhere in cells that no failed check involves.
    for cid in ("c-requests-new_received-commercial", "c-requests-total-total",
                "c-review_litigation-litigation_direct-upheld"):
        assert _share(image, geometry["cells"][cid], FAIL_RGB) == 0, cid
    # The pink cells form the natural-person column: one x for all requests cells.
    xs = {round(geometry["cells"][f"c-requests-{r}-natural_person"][0]) for r in report["tables"]["requests"]}
    assert len(xs) == 1


@needs_chromium
def test_browser_warning_cells_coloured(text_page):
    report, page = text_page
    geometry, image = _chromium(page)
    warned = {c for w in report["warnings"] if w["code"] == "cell_ambiguous" and w.get("rows") == ["carried_forward"]
              for c in w["columns"]}
    assert len(warned) == 5
    for column in report["tables"]["requests"]["carried_forward"]:
        share = _share(image, geometry["cells"][f"c-requests-carried_forward-{column}"], WARN_RGB)
        assert share > 0.5 if column in warned else share == 0
    assert _share(image, geometry["cells"]["c-requests-total-natural_person"], WARN_RGB) == 0


@needs_chromium
def test_browser_pdf_boxes_lie_over_the_page_image(pdf_loaded):
    report, source = pdf_loaded
    # The cell's own provenance, as the PDF reader recorded it.
    cell_source = report["tables"]["requests"]["total"]["total"]["source"]
    number = cell_source["page"]
    page = next(p for p in source.pages if p.number == number)
    region, cells = page.regions[0]
    bbox = cell_source["bbox"]
    assert bbox["coord_origin"] == "TOPLEFT"
    # It is one of the cells pdfplumber's own table finder sees on that page (its boxes, to a point).
    cell_box = min(cells, key=lambda c: abs(c.l - bbox["l"]) + abs(c.t - bbox["t"]) + abs(c.r - bbox["r"])
                   + abs(c.b - bbox["b"]))
    assert (cell_box.l, cell_box.t, cell_box.r, cell_box.b) == pytest.approx(
        (bbox["l"], bbox["t"], bbox["r"], bbox["b"]), abs=1.0)
    geometry, image = _chromium(build_page(report, source))
    img = geometry["pages"][f"p{number}"]
    regions = [r[1:] for r in geometry["regions"] if r[0] == f"p{number}"]
    assert len(regions) == len(page.regions)
    left, top, width, height = regions[0]
    # Where pdfplumber's table bbox says, scaled to the displayed image.
    sx, sy = img[2] / page.width, img[3] / page.height
    assert left == pytest.approx(img[0] + region.l * sx, abs=1.5)
    assert top == pytest.approx(img[1] + region.t * sy, abs=1.5)
    assert width == pytest.approx((region.r - region.l) * sx, abs=1.5)
    assert height == pytest.approx((region.b - region.t) * sy, abs=1.5)
    assert img[0] <= left and left + width <= img[0] + img[2] and img[1] <= top and top + height <= img[1] + img[3]
    # Drawn in the region colour, over the rendered table (dark ink of the page inside the box).
    assert _edge_drawn(image, regions[0], REGION_RGB, "left") > 0.9
    inner = image.crop((round(left) + 4, round(top) + 4, round(left + width) - 4, round(top + height) - 4)).convert("L")
    assert sum(1 for p in _pixels(inner) if p < 100) > 500
    # The cell's box is drawn where the provenance says, on the rendered page.
    drawn = geometry["cellboxes"]["c-requests-total-total"]
    assert drawn[0] == pytest.approx(img[0] + bbox["l"] * sx, abs=1.5)
    assert drawn[1] == pytest.approx(img[1] + bbox["t"] * sy, abs=1.5)
    assert drawn[2] == pytest.approx((bbox["r"] - bbox["l"]) * sx, abs=1.5)
    assert _edge_drawn(image, drawn, CELLBOX_RGB, "top") > 0.9
    # Every cell of the three tables with a value has a box drawn on its page.
    valued = [cid for cid, (t, r, c) in _cell_ids(report) if _cell(report, t, r, c)["value"] is not None]
    assert valued and all(cid in geometry["cellboxes"] for cid in valued)


def _cell_ids(report):
    for table, rows in report["tables"].items():
        body = rows["items"] if table == "proactive" else rows
        for row, cells in body.items():
            for column in cells:
                yield f"c-{table}-{row}-{column}", (table, row, column)


def _cell(report, table, row, column):
    body = report["tables"][table]
    return (body["items"] if table == "proactive" else body)[row][column]


def test_box_of_reads_both_coordinate_origins():
    top_left = box_of({"page": 2, "bbox": {"l": 10, "t": 20, "r": 50, "b": 40, "coord_origin": "TOPLEFT"}})
    bottom_left = box_of({"page": 2, "bbox": {"l": 10, "t": 80, "r": 50, "b": 60, "coord_origin": "BOTTOMLEFT"}})
    # On a 100-pt-high page both name the rectangle 20..40 pt from the top.
    assert top_left.percent(200, 100) == pytest.approx(bottom_left.percent(200, 100))
    assert top_left.percent(200, 100) == pytest.approx((5.0, 20.0, 20.0, 20.0))


@needs_chromium
def test_browser_click_shows_the_source_location(arith):
    report, page = arith
    cell = report["tables"]["requests"]["granted"]["natural_person"]
    where = cell["source"]  # the HTML reader's own: table, row, column, xpath
    actions = """
      function clickAndRecord(id,key){document.getElementById(id).click();
        o[key]={inspector:document.getElementById('insp').textContent,
                focus:Array.from(document.querySelectorAll('.focus')).map(function(e){
                  return e.id||(e.tagName+':'+(e.dataset.sr||'')+','+(e.dataset.sc||'')+':'+e.textContent);})};}
      clickAndRecord('c-requests-granted-natural_person','with_source');"""
    geometry, _ = _chromium(page, actions, screenshot=False)
    with_source = geometry["with_source"]
    assert where["xpath"] in with_source["inspector"]
    # The source grid's cell at that table/row/column is marked, and it holds the cell's raw text.
    assert f"TD:{where['row']},{where['column']}:{cell['raw']}" in with_source["focus"]
    assert "c-requests-granted-natural_person" in with_source["focus"]


@needs_chromium
def test_browser_click_marks_source_lines(text_page):
    report, page = text_page
    where = report["tables"]["requests"]["granted"]["total"]["source"]  # the text reader's own line numbers
    first, last = where["lines"]
    actions = """document.getElementById('c-requests-granted-total').click();
      o.focus=Array.from(document.querySelectorAll('.focus')).map(function(e){return e.id;});"""
    geometry, _ = _chromium(page, actions, screenshot=False)
    assert geometry["focus"] == ["c-requests-granted-total"] + [f"L{n}" for n in range(first, last + 1)]
    lines = TEXT.read_bytes().decode("utf-8").splitlines()
    assert report["tables"]["requests"]["granted"]["total"]["raw"] in lines[first - 1]


def test_not_a_report_page_says_the_tables_are_absent():
    report, source = _load(CORPUS / "text" / "seed002_linhai_2021_workplan.txt")
    assert report["document"]["kind"] == "other" and not report["tables"]
    tree = _tree(build_page(report, source))
    assert len(tree.xpath("//p[@class='absent-table']")) == 3
    assert not tree.xpath("//td[@data-cell]")
    assert "not_a_report" in tree.get_element_by_id("warnings").text_content()


def test_text_vs_table_failure_outlines_its_cell_and_quotes_the_sentence():
    # The corpus page written to disagree: its text says 52 requests and 5 reviews; the tables say 49 and 3.
    report, source = _load(CORPUS / "html" / "2021_text_disagrees.html")
    failed = [c for c in report["checks"] if c["id"] == "text_vs_table" and c["status"] == "fail"]
    assert {c["subject"] for c in failed} == {"requests.new_received.total", "review_litigation.review.total"}
    tree = _tree(build_page(report, source))
    for cid in ("c-requests-new_received-total", "c-review_litigation-review-total"):
        assert "fail" in _classes(tree.get_element_by_id(cid)), cid
    quoted = " ".join(tr.text_content() for tr in tree.xpath("//tr[@class='sentence']"))
    assert all(c["sentence"] in quoted for c in failed)
