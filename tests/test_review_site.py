"""The review site and corrections, in headless Chromium (Selenium + Debian's chromedriver).

``giaparse review DIR -o SITE`` over a folder of corpus documents (and one
file that cannot be converted): the index lists every document with its
counts, sorts and filters as a person clicks and types, and links each page.
End to end: on a page, a person enters a cell's right value with a note and
exports the corrections; ``giaparse convert FILE --corrections`` then gives
the value and the checks run again on it.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import tempfile
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from giaparse.cli import main

from .conftest import CORPUS, needs

CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
webdriver = pytest.importorskip("selenium.webdriver", reason="selenium (the dev extra)")
needs_browser = needs("chromium", "chromedriver", "cjk-font")

DOCS = {
    "2019_arith_error.html": CORPUS / "html" / "2019_arith_error.html",       # three failed checks
    "2019_county_utf8.html": CORPUS / "html" / "2019_county_utf8.html",       # a success
    "seed003.txt": CORPUS / "text" / "seed003_xiacheng_2020_tabs.txt",        # ambiguous cells
    "list_page.txt": CORPUS / "flat" / "list_page_reports.txt",               # not a report
}


@pytest.fixture(scope="module")
def browser():
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="giaparse-chromium-")
    downloads = Path(profile) / "downloads"
    downloads.mkdir()
    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for arg in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run",
                f"--user-data-dir={profile}/profile", "--window-size=1400,1000"):
        opts.add_argument(arg)
    opts.add_experimental_option("prefs", {"download.default_directory": str(downloads),
                                           "download.prompt_for_download": False})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=opts)
    driver.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    driver.downloads = downloads
    yield driver
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("reports") / "reports"
    (folder / "sub").mkdir(parents=True)
    for name, path in DOCS.items():
        shutil.copy(path, folder / ("sub" if name.startswith("seed") else "") / name)
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4\n% not really a PDF\n")
    out = tmp_path_factory.mktemp("site")
    done = CliRunner().invoke(main, ["review", str(folder), "-o", str(out), "--jobs", "2"])
    assert done.exit_code == 1, done.output  # the broken file failed; the rest is there
    assert "broken.pdf" in done.stderr
    return folder, out


def _rows(driver):
    return [tr for tr in driver.find_elements("css selector", "#docs tbody tr") if tr.is_displayed()]


def _names(driver):
    return [tr.find_element("css selector", 'td[data-k="name"]').text.split("\n")[0] for tr in _rows(driver)]


def test_site_has_an_index_and_a_page_per_document(site):
    folder, out = site
    rows = {Path(r["name"]).name: r for r in json.loads((out / "index.json").read_text(encoding="utf-8"))}
    assert set(rows) == set(DOCS) | {"broken.pdf"}
    assert rows["broken.pdf"]["status"] == "failure" and rows["broken.pdf"]["page"] is None
    assert rows["2019_arith_error.html"]["failed_checks"] == 3
    assert rows["2019_county_utf8.html"]["status"] == "success" and not rows["2019_county_utf8.html"]["needs_a_look"]
    assert rows["seed003.txt"]["warnings"] == 1 and rows["seed003.txt"]["nulls"] >= 5
    # Pages mirror the inputs under pages/, as convert -o mirrors its outputs.
    assert rows["seed003.txt"]["page"] == "pages/reports/sub/seed003.html"
    for row in rows.values():
        if row["page"]:
            assert (out / row["page"]).is_file()
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "://" not in index and "<link" not in index and " src=" not in index  # offline, self-contained


@needs_browser
def test_index_sorts_filters_and_links_in_chromium(browser, site):
    _, out = site
    browser.get((out / "index.html").as_uri())
    assert len(_rows(browser)) == 5
    assert browser.find_element("id", "shown").text == "5 of 5 shown"
    # Sort by failed checks: a numeric column sorts the largest first, a second click turns it.
    head = browser.find_element("css selector", 'th[data-k="failed_checks"]')
    head.click()
    assert _names(browser)[0].endswith("2019_arith_error.html")
    head.click()
    assert _names(browser)[-1].endswith("2019_arith_error.html")
    # Filter: what needs a look, then text.
    from selenium.webdriver.support.ui import Select

    Select(browser.find_element("id", "show")).select_by_value("look")
    shown = {Path(n).name for n in _names(browser)}
    # (a page that is not a report is worth a look in a folder of reports: maybe it is one, misread)
    assert shown == {"2019_arith_error.html", "seed003.txt", "broken.pdf", "list_page.txt"}
    Select(browser.find_element("id", "show")).select_by_value("")
    box = browser.find_element("id", "q")
    box.send_keys("seed")
    assert [Path(n).name for n in _names(browser)] == ["seed003.txt"]
    assert browser.find_element("id", "shown").text == "1 of 5 shown"
    # The link opens the document's page.
    _rows(browser)[0].find_element("css selector", "a").click()
    assert browser.title.startswith("review:")
    assert browser.find_element("id", "c-requests-carried_forward-commercial").text == "null"


@needs_browser
def test_a_value_entered_on_the_page_is_exported_and_convert_applies_it(browser, site, tmp_path):
    folder, out = site
    page = out / "pages" / "reports" / "2019_arith_error.html"
    browser.get(page.as_uri())
    browser.execute_script("localStorage.clear()")
    browser.get(page.as_uri())
    browser.find_element("id", "fix-by").send_keys("王芳")
    cell = browser.find_element("id", "c-requests-total-natural_person")
    assert cell.text == "41"
    cell.click()
    browser.find_element("id", "fix-value").send_keys("40")
    browser.find_element("id", "fix-note").send_keys("表三总计栏印错")
    browser.find_element("id", "fix-save").click()
    assert "fixed" in cell.get_attribute("class") and cell.text.endswith("40")
    # Confirming a value records the value it has.
    browser.find_element("id", "c-requests-new_received-commercial").click()
    browser.find_element("id", "fix-confirm").click()
    assert browser.find_element("id", "fix-count").text == "(2)"
    browser.find_element("id", "fix-export").click()
    deadline = time.monotonic() + 20
    while not list(browser.downloads.glob("*.jsonl")) and time.monotonic() < deadline:
        time.sleep(0.2)
    [exported] = list(browser.downloads.glob("*.jsonl"))
    lines = [json.loads(line) for line in exported.read_text(encoding="utf-8").splitlines()]
    sha = hashlib.sha256((folder / "2019_arith_error.html").read_bytes()).hexdigest()
    today = browser.execute_script("const d=new Date();return d.getFullYear()+'-'+String(d.getMonth()+1)"
                                   ".padStart(2,'0')+'-'+String(d.getDate()).padStart(2,'0');")
    assert lines == [
        {"sha256": sha, "cell": "requests.total.natural_person", "value": 40, "by": "王芳", "at": today,
         "note": "表三总计栏印错"},
        {"sha256": sha, "cell": "requests.new_received.commercial", "value": 5, "by": "王芳", "at": today,
         "note": ""}]
    assert list(lines[0]) == ["sha256", "cell", "value", "by", "at", "note"]
    # The next run keeps it: the value, a person's source, and the checks run again on it.
    done = CliRunner().invoke(main, ["convert", str(folder / "2019_arith_error.html"), "--corrections",
                                     str(exported)])
    assert done.exit_code == 0, done.output
    report = json.loads(done.stdout)
    fixed = report["tables"]["requests"]["total"]["natural_person"]
    assert fixed["value"] == 40 and fixed["raw"] == "41"
    assert fixed["source"]["placement"] == "human" and fixed["source"]["note"] == "表三总计栏印错"
    status = {(c["id"], c["subject"]): c["status"] for c in report["checks"]}
    assert status[("requests.total_is_sum", "natural_person")] == "pass"
    assert status[("requests.balance", "natural_person")] == "pass"
    assert "human" in report["tables"]["requests"]["new_received"]["commercial"]["confirmed_by"]
    # And the site built with the file shows the corrected cell as a person's.
    again = tmp_path / "site"
    done = CliRunner().invoke(main, ["review", str(folder / "2019_arith_error.html"), str(folder / "sub"), "-o",
                                     str(again), "--corrections", str(exported)])
    assert done.exit_code == 0, done.output
    rows = {Path(r["name"]).name: r for r in json.loads((again / "index.json").read_text(encoding="utf-8"))}
    assert rows["2019_arith_error.html"]["corrected"] == 2 and rows["2019_arith_error.html"]["failed_checks"] == 1


def test_ocr_pages_are_counted_from_the_readers_warning():
    from giaparse.batch import convert_one
    from giaparse.review.site import document_row

    pytest.importorskip("rapidocr_onnxruntime", reason="the ocr extra (pip install -e '.[ocr]')")
    scan = CORPUS / "scan" / "scan000_gbk_euc_h_no_tounicode.pdf"  # two scanned pages (make_scans.py)
    row = document_row(convert_one(scan), scan.name, None)
    assert row.ocr_pages == 2 and row.needs_a_look
