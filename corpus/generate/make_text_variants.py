"""Re-encoded copies of the plain-text seeds, with their labels.

Run from the repository root::

    python corpus/generate/make_text_variants.py

Deterministic and stdlib only. Each variant is a seed's text, byte for byte
the same characters, written in another encoding that reports really come
in (GB18030 from older CMSs, UTF-16 from Windows tools, UTF-8 with a BOM
from Notepad). The label is the seed's label with ``source`` pointing at the
new file: the figures are the same because the text is the same.
"""

from __future__ import annotations

import codecs
import json
import sys
from pathlib import Path

TEXT = Path("corpus/text")

# (seed file, variant file, encoding, byte-order mark to prepend)
VARIANTS: list[tuple[str, str, str, bytes]] = [
    ("seed004_hangzhou_office_2024_pipes.txt", "seed004_gb18030.txt", "gb18030", b""),
    ("seed003_xiacheng_2020_tabs.txt", "seed003_utf16le_bom.txt", "utf-16-le", codecs.BOM_UTF16_LE),
    ("seed001_anning_2020_pipes.txt", "seed001_utf8_bom.txt", "utf-8", codecs.BOM_UTF8),
    ("seed001_anning_2020_pipes.txt", "seed001_utf16be_nobom.txt", "utf-16-be", b""),
]

MAX_BYTES = 100_000


def _label_path(doc: Path) -> Path:
    return doc.with_name(doc.stem + ".label.json")


def make_variant(seed_name: str, variant_name: str, encoding: str, bom: bytes) -> Path:
    seed = TEXT / seed_name
    # newline="" keeps the seed's line endings exactly as they are.
    with seed.open(encoding="utf-8", newline="") as fh:
        text = fh.read()
    data = bom + text.encode(encoding)
    if len(data) >= MAX_BYTES:
        raise SystemExit(f"{variant_name}: {len(data)} bytes, over the {MAX_BYTES} limit")
    # Round trip: the variant must decode to exactly the seed's text.
    assert data[len(bom):].decode(encoding) == text, variant_name
    out = TEXT / variant_name
    out.write_bytes(data)

    label = json.loads(_label_path(seed).read_text(encoding="utf-8"))
    label["source"] = variant_name
    label["labelled_by"] = (
        f"{label['labelled_by']} (label of {seed_name}: the same text, re-encoded as "
        f"{encoding}{' with BOM' if bom else ''})"
    )
    _label_path(out).write_text(json.dumps(label, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return out


def main() -> int:
    if not TEXT.is_dir():
        print("run from the repository root (corpus/text not found)", file=sys.stderr)
        return 2
    for seed_name, variant_name, encoding, bom in VARIANTS:
        out = make_variant(seed_name, variant_name, encoding, bom)
        print(f"wrote {out} ({out.stat().st_size} bytes, {encoding}{' + BOM' if bom else ''})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
