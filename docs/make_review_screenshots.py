"""Regenerate docs/review_index.png and docs/review_corrected.png.

    python docs/make_review_screenshots.py      # needs chromium, chromium-driver, selenium, Pillow

* review_index.png: the index of a review site over a few corpus documents
  (``giaparse review`` on a folder), sorted by failed checks.
* review_corrected.png: the review page of corpus/html/2019_arith_error.html
  (its arithmetic fails by design) after a person entered 40 as 三、本年度办理结果
  （七）总计 › 自然人 with a note: the corrected cell, the inspector with the
  correction form, and the corrections list ready to export.

Headless Chromium through Selenium, as tests/test_review_site.py drives it.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = ["html/2019_arith_error.html", "html/2019_county_utf8.html", "html/2021_text_disagrees.html",
        "text/seed003_xiacheng_2020_tabs.txt", "flat/gen_digit_run_rows_2021.txt",
        "pdf/docx_2021_autonumber.noto.pdf", "real/hebei_jyt_2023.txt", "real/hongze_2023.pdf"]


def _browser(profile: Path):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for arg in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run",
                f"--user-data-dir={profile}", "--hide-scrollbars", "--force-device-scale-factor=1"):
        opts.add_argument(arg)
    return webdriver.Chrome(service=Service(shutil.which("chromedriver") or "/usr/bin/chromedriver"), options=opts)


def _save(png: bytes, target: Path, box: tuple[int, int, int, int] | None = None) -> None:
    import io

    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("RGB")
    if box is not None:
        image = image.crop(box)
    image.convert("P", palette=Image.Palette.ADAPTIVE, colors=96).save(target, optimize=True)
    print(f"wrote {target} ({target.stat().st_size // 1024} KB)")


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "reports"
        for rel in DOCS:
            target = folder / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(ROOT / "corpus" / rel, target)
        site = Path(tmp) / "site"
        subprocess.run([sys.executable, "-m", "giaparse", "review", str(folder), "-o", str(site), "-q"], check=True)
        driver = _browser(Path(tmp) / "profile")
        try:
            driver.set_window_size(1280, 520)
            driver.get((site / "index.html").as_uri())
            driver.find_element("css selector", 'th[data-k="failed_checks"]').click()
            _save(driver.get_screenshot_as_png(), ROOT / "docs" / "review_index.png")

            driver.set_window_size(1280, 2400)
            driver.get((site / "pages" / "reports" / "html" / "2019_arith_error.html").as_uri())
            driver.execute_script("localStorage.clear(); Element.prototype.scrollIntoView = function () {};")
            driver.find_element("id", "fix-by").send_keys("王芳")
            cell = driver.find_element("id", "c-requests-total-natural_person")
            cell.click()
            driver.find_element("id", "fix-value").send_keys("40")
            driver.find_element("id", "fix-note").send_keys("表三（七）总计 自然人 印为41，各项相加为40")
            driver.find_element("id", "fix-save").click()
            # For the picture: the inspector and the corrections list right under the corrected cell,
            # the window scrolled to the table's rows above it (headless Chromium shoots the viewport).
            box = driver.execute_script("""
                const c = document.getElementById('c-requests-total-natural_person');
                const i = document.getElementById('inspector'), f = document.getElementById('corrections');
                const below = c.getBoundingClientRect().bottom + scrollY;
                Object.assign(i.style, {position: 'absolute', top: (below + 12) + 'px', bottom: 'auto',
                                        maxHeight: 'none'});
                const under = i.getBoundingClientRect().bottom + scrollY;
                Object.assign(f.style, {position: 'absolute', top: (under + 8) + 'px', left: '16px', width: '900px',
                                        background: '#fff', border: '1px solid #999', padding: '0 8px'});
                const from = below - 150;
                window.scrollTo(0, from);
                return [from, f.getBoundingClientRect().bottom + scrollY];""")
            start, end = box
            driver.set_window_size(1280, int(end - start) + 240)  # the viewport is smaller than the window
            driver.execute_script(f"window.scrollTo(0, {start})")
            shot = driver.get_screenshot_as_png()
            _save(shot, ROOT / "docs" / "review_corrected.png", (0, 0, 1280, int(end - start) + 8))
        finally:
            driver.quit()


if __name__ == "__main__":
    main()
