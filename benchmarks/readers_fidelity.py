"""How faithfully each candidate library extracts Chinese documents: PDF and HTML.

PDF: texts are laid out as government PDFs are printed (reportlab's STSong-Light CID font,
running header, — N — page numbers, hard-wrapped indented lines, several pages), then read
back by pypdfium2 and by pdfplumber, each through the same debris cleaner xzcli ships.
Figures: exact paragraphs recovered, characters lost / added / changed against the source
(whitespace ignored), and seconds per page (ratios within this run only: the machine is
shared). HTML: trafilatura against a selectolax baseline (tag and class heuristics, the
densest paragraph block) on government page layouts written for the tests; figures are
body recall and precision in characters, for xzcli's reader (trafilatura's XML, then
portal-furniture lines dropped), trafilatura's own text output, and the selectolax baseline.

Texts: the test fixture, samples/*.txt, and (when present) the first 6,000 characters of a
few documents of the shared corpus. Run: .venv/bin/python benchmarks/readers_fidelity.py
(needs the dev extra: pdfplumber and selectolax besides xzcli[all] and reportlab).
"""

from __future__ import annotations

import difflib
import re
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))
sys.path.insert(0, str(REPO / "benchmarks"))

import make_docs  # noqa: E402
from _measure import CORPUS  # noqa: E402

from xzcli.readers.pdf import clean_pages, pdf_pages, pdfplumber_pages  # noqa: E402

CORPUS_FILES = ["article/xuzhou-hitech-14th-fyp.txt", "national-work-reports/2024.txt",
                "national-work-reports/1990.txt", "five-year-plans/2021-十四五规划纲要.txt"]


def texts() -> list[tuple[str, str, list[make_docs.Block]]]:
    found = [("fixture", make_docs.TITLE, make_docs.BLOCKS)]
    paths = sorted((REPO / "samples").glob("*.txt"))
    paths += [CORPUS / name for name in CORPUS_FILES if (CORPUS / name).is_file()]
    for path in paths:
        lines = [ln.strip() for ln in path.read_text(encoding="utf-8")[:6000].splitlines()]
        lines = [ln for ln in lines if ln]
        blocks: list[make_docs.Block] = [
            ("h1" if len(ln) < 20 and not re.search("[。；]$", ln) else "p", ln)
            for ln in lines[1:]
        ]
        found.append((path.name, lines[0], blocks))
    return found


def compare(expected: str, got: str) -> tuple[int, int, int, int]:
    """Paragraphs recovered exactly; characters lost, added, changed (whitespace ignored)."""
    want = set(expected.splitlines())
    exact = sum(1 for ln in got.splitlines() if ln in want)
    a = re.sub(r"\s+", "", expected)
    b = re.sub(r"\s+", "", got)
    lost = added = changed = 0
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "delete":
            lost += i2 - i1
        elif op == "insert":
            added += j2 - j1
        elif op == "replace":
            changed += max(i2 - i1, j2 - j1)
    return exact, lost, added, changed


def pdf_figures() -> None:
    print("PDF: pypdfium2 vs pdfplumber, same cleaner (clean_pages)")
    print(f"{'text':34} {'lib':10} {'pages':>5} {'paras':>9} {'lost':>5} {'added':>5} "
          f"{'chg':>4} {'raw lost':>8} {'s/page':>7}")
    totals: dict[str, list[float]] = {"pypdfium2": [0, 0, 0, 0, 0, 0, 0], "pdfplumber":
                                      [0, 0, 0, 0, 0, 0, 0]}
    with tempfile.TemporaryDirectory() as tmp:
        for name, title, blocks in texts():
            path = make_docs.make_pdf(Path(tmp) / "doc.pdf", title, blocks)
            data = path.read_bytes()
            expected = title + "\n" + "\n".join(text for _, text in blocks) + "\n"
            for lib, read in (("pypdfium2", pdf_pages), ("pdfplumber", pdfplumber_pages)):
                start = time.perf_counter()
                pages = read(data, name)
                seconds = time.perf_counter() - start
                got = clean_pages(pages)
                exact, lost, added, changed = compare(expected, got)
                # Before cleaning: what the library itself loses (headers and numbers add).
                _, raw_lost, _, _ = compare(expected, "".join(pages))
                paras = expected.count("\n")
                print(f"{name[:34]:34} {lib:10} {len(pages):5} {exact:4}/{paras:<4} {lost:5} "
                      f"{added:5} {changed:4} {raw_lost:8} {seconds / len(pages):7.4f}")
                t = totals[lib]
                for i, v in enumerate((len(pages), exact, paras, lost, added, changed,
                                       seconds)):
                    t[i] += v
    for lib, (pages, exact, paras, lost, added, changed, seconds) in totals.items():
        print(f"total {lib:10}: {int(exact)}/{int(paras)} paragraphs exact, {int(lost)} lost, "
              f"{int(added)} added, {int(changed)} changed characters, "
              f"{seconds / pages * 1000:.1f} ms/page over {int(pages)} pages")
    ratio = (totals["pdfplumber"][6] / totals["pdfplumber"][0]) / (
        totals["pypdfium2"][6] / totals["pypdfium2"][0])
    print(f"pdfplumber takes {ratio:.1f}x the time per page of pypdfium2 (same run)")


# -- HTML --------------------------------------------------------------------------------------
_BOILERPLATE = re.compile(r"nav|menu|breadcrumb|crumb|footer|foot|share|sidebar|related|"
                          r"top|tool|header|search|meta|position|location|copyright", re.I)


def selectolax_baseline(html: str) -> str:
    """Tags and class names that mark page furniture removed, then the element whose
    direct paragraphs hold the most text: the usual hand-written extractor."""
    from selectolax.lexbor import LexborHTMLParser as HTMLParser

    tree = HTMLParser(html)
    for tag in ("script", "style", "nav", "header", "footer", "aside", "form", "noscript"):
        for node in tree.css(tag):
            node.decompose()
    for node in tree.css("[class], [id]"):
        label = f"{node.attributes.get('class') or ''} {node.attributes.get('id') or ''}"
        if _BOILERPLATE.search(label) and node.tag not in ("html", "body"):
            node.decompose()
    best, best_score = None, 0
    for node in tree.css("div, td, article, section"):
        score = sum(len(p.text(strip=True)) for p in node.iter() if p.tag in ("p", "h3", "h2"))
        if score > best_score:
            best, best_score = node, score
    lines = []
    title = tree.css_first("h1")
    if title is not None:
        lines.append(title.text(strip=True))
    if best is not None:
        lines += [p.text(strip=True) for p in best.iter() if p.tag in ("p", "h2", "h3")]
    return "\n".join(ln for ln in lines if ln) + "\n"


def plain_trafilatura(html: str) -> str:
    import trafilatura

    return trafilatura.extract(html, include_tables=True) or ""


def html_figures() -> None:
    from xzcli.readers.html import read_html

    print("\nHTML: xzcli's reader (trafilatura + portal-furniture filter), trafilatura alone, "
          "a selectolax baseline")
    print(f"{'page':22} {'lib':12} {'recall':>7} {'precision':>9}")
    title, blocks = make_docs.TITLE, make_docs.BLOCKS
    body = re.sub(r"\s+", "", title + "".join(text for _, text in blocks))
    pages = {"portal (div layout)": make_docs.gov_page(title, blocks),
             "old portal (tables)": make_docs.table_layout_page(title, blocks)}
    for name, html in pages.items():
        for lib, extract in (("xzcli", lambda h: read_html(h.encode(), "page")[0]),
                             ("trafilatura", plain_trafilatura),
                             ("selectolax", selectolax_baseline)):
            try:
                got = re.sub(r"[\s#]+", "", extract(html))
            except Exception as exc:  # a failure is a figure too
                print(f"{name:22} {lib:12} failed: {exc}")
                continue
            matched = sum(b.size for b in difflib.SequenceMatcher(
                None, body, got, autojunk=False).get_matching_blocks())
            recall = matched / len(body)
            precision = matched / len(got) if got else 0.0
            print(f"{name:22} {lib:12} {recall:7.1%} {precision:9.1%}")


if __name__ == "__main__":
    pdf_figures()
    html_figures()
