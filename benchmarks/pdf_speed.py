"""PDF speed (placeholder while the engines are written)."""
from __future__ import annotations

import json
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def real_dir() -> Path | None:
    for base in (REPO.parent, REPO.parent.parent):
        if (base / "shared" / "real").is_dir():
            return base / "shared" / "real"
    return None


def documents() -> list[tuple[Path, dict | None]]:
    out = []
    for pdf in sorted((REPO / "corpus" / "pdf").glob("*.pdf")):
        label = pdf.with_name(pdf.stem + ".label.json")
        if label.exists():
            out.append((pdf, json.loads(label.read_text(encoding="utf-8"))))
    real = real_dir()
    if real:
        for pdf in sorted(real.glob("*.pdf")):
            label = pdf.with_name(pdf.stem + ".label.json")
            out.append((pdf, json.loads(label.read_text(encoding="utf-8")) if label.exists() else None))
    return out
