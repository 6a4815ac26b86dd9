"""Regenerate docs/review.png: the review page of a corpus PDF, one failed cell clicked.

    python docs/make_screenshot.py            # needs chromium (apt-get install chromium) and Pillow

The page is corpus/pdf/docx_2019_hard_cases.noto.pdf's (its arithmetic fails three
checks by design). The cell 一、本年新收 › 自然人 is clicked: the picture is table 3
beside its rendered source page, with the cell's box drawn on the page, and the
inspector that the click opened. Headless Chromium only captures the top of a
page, so the window is made tall, the inspector put under the table, and that part cut out.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from giaparse.review import review_page

ROOT = Path(__file__).resolve().parent.parent
PDF = ROOT / "corpus" / "pdf" / "docx_2019_hard_cases.noto.pdf"
CELL = "c-requests-new_received-natural_person"
WIDTH, HEIGHT, SHOWN = 1280, 9000, 900

_SCRIPT = """<script>
Element.prototype.scrollIntoView = function () {};   /* keep the page where it is */
document.getElementById('CELL').click();
const r = e => { const b = e.getBoundingClientRect(); return [b.left, b.top + scrollY, b.width, b.height]; };
const section = r(document.getElementById('CELL').closest('.pair') || document.getElementById('CELL').closest('section'));
const insp = document.getElementById('inspector');   /* put it right under the part shown */
Object.assign(insp.style, {position: 'absolute', top: (section[1] + SHOWN) + 'px', bottom: 'auto', maxHeight: 'none'});
const pre = document.createElement('pre'); pre.id = 'geo';
pre.textContent = JSON.stringify({section: section, inspector: r(insp)});
document.body.appendChild(pre);
</script></body>"""


def main() -> None:
    from PIL import Image

    chromium = next(p for p in map(shutil.which, ("chromium", "chromium-browser", "google-chrome")) if p)
    page = review_page(PDF).replace("</body>", _SCRIPT.replace("CELL", CELL).replace("SHOWN", str(SHOWN)))
    with tempfile.TemporaryDirectory() as tmp:
        html, shot = Path(tmp) / "page.html", Path(tmp) / "shot.png"
        html.write_text(page, encoding="utf-8")
        done = subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                               "--force-device-scale-factor=1", f"--user-data-dir={tmp}/profile",
                               f"--window-size={WIDTH},{HEIGHT}", "--dump-dom", f"--screenshot={shot}",
                               html.as_uri()], check=True, capture_output=True, text=True, timeout=180)
        geo = json.loads(re.search(r'<pre id="geo">(.*?)</pre>', done.stdout, re.S).group(1).replace("&quot;", '"'))
        image = Image.open(shot).convert("RGB")
        _, top, _, _ = geo["section"]
        _, i_top, _, i_height = geo["inspector"]
        out = image.crop((0, int(top), WIDTH, int(i_top + i_height)))
        target = ROOT / "docs" / "review.png"
        out.convert("P", palette=Image.Palette.ADAPTIVE, colors=96).save(target, optimize=True)  # ~3x smaller
    print(f"wrote {target} ({target.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()
