"""Write samples/published/: one short policy text (written for the tests) as it is published,
a PDF, a Word document and a government web page, plus a metadata sidecar.

Run: .venv/bin/python scripts/make_samples.py (needs reportlab and python-docx: the test extra).
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

import make_docs  # noqa: E402

OUT = REPO / "samples" / "published"
NAME = "2024-滨江市-实施意见"

if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    make_docs.make_pdf(OUT / f"{NAME}.pdf")
    make_docs.make_docx(OUT / f"{NAME}.docx")
    (OUT / f"{NAME}.html").write_text(make_docs.gov_page(), encoding="utf-8")
    (OUT / "meta.csv").write_text(
        "file,issuer,kind\n"
        f"{NAME}.pdf,市人民政府,正式文件\n"
        f"{NAME}.docx,市发展改革委,征求意见稿\n"
        f"{NAME}.html,市人民政府,网页转载\n", encoding="utf-8")
    for path in sorted(OUT.iterdir()):
        print(path.relative_to(REPO), path.stat().st_size)
