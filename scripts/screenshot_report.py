"""Render `xzcli report` pages in headless Chromium to PNG screenshots, and check them.

For the reference article and for the national work reports 2015-2026 (from the shared corpus):
builds the report, opens it in headless Chromium driven over the DevTools protocol (through
`--remote-debugging-pipe`, so nothing but the standard library is needed), and

- saves the page at 1280 px wide as tiles of 1280x1000 (`<name>-screen-NN.png`), and the print
  layout (A4 width, print CSS) as tiles too (`<name>-print-NN.png`);
- prints it to PDF as Chromium's print dialog would (A4, the page's print CSS), and, when
  poppler's `pdftoppm` is there, turns the first pages into PNGs (`<name>-pdf-N.png`);
- records every network request the page makes while it loads and settles: the only one allowed
  is the page's own file:// URL; anything else is printed and the script exits 1 (two control
  pages show the check bites: one that loads an image and a style sheet must be caught, and
  under the report's Content-Security-Policy both must be blocked before they leave);
- checks the page is no wider than the window at 1280 and 1024 px (nothing pushed off-screen);
- names the platform fonts Chromium actually used for the title and a summary sentence (a CJK
  font, not a fallback box glyph);
- checks the HTML itself: a Content-Security-Policy meta tag, no src attribute, no href but
  in-page #anchors, no url( in the CSS.

It is a development tool, never run in CI. Needs Debian's `chromium` and a CJK font
(`apt-get install -y chromium fonts-noto-cjk`; `poppler-utils` for the PDF pages).

    python scripts/screenshot_report.py [--out DIR] [--corpus DIR] [--chromium PATH]
"""

from __future__ import annotations

import argparse
import base64
import fcntl
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
TILE = 1000


class DevTools:
    """A DevTools protocol session over the pipe Chromium reads on fd 3 and writes on fd 4."""

    def __init__(self, chromium: str, profile: str) -> None:
        to_child_r, self._to_child = os.pipe()
        self._from_child, from_child_w = os.pipe()

        def plumb() -> None:  # in the child, before exec: the pipe ends become fds 3 and 4
            a = fcntl.fcntl(to_child_r, fcntl.F_DUPFD, 10)
            b = fcntl.fcntl(from_child_w, fcntl.F_DUPFD, 10)
            os.dup2(a, 3)
            os.dup2(b, 4)

        args = [chromium, "--headless=new", "--remote-debugging-pipe", "--no-sandbox",
                "--disable-gpu", "--no-first-run", "--no-default-browser-check",
                "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-extensions", "--hide-scrollbars",
                "--force-device-scale-factor=1", f"--user-data-dir={profile}", "about:blank"]
        self.proc = subprocess.Popen(args, preexec_fn=plumb, close_fds=False,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_child_r)
        os.close(from_child_w)
        self._buffer = b""
        self._next_id = 0
        self.events: list[dict[str, Any]] = []

    def _read_message(self) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            chunk = os.read(self._from_child, 1 << 20)
            if not chunk:
                raise RuntimeError("chromium closed the DevTools pipe")
            self._buffer += chunk
        raw, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(raw)

    def call(self, method: str, session: str | None = None, **params: Any) -> dict[str, Any]:
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        os.write(self._to_child, json.dumps(message).encode() + b"\0")
        while True:
            reply = self._read_message()
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    def wait_for(self, method: str, timeout: float = 30.0) -> dict[str, Any]:
        for i, event in enumerate(self.events):
            if event.get("method") == method:
                return self.events.pop(i)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            event = self._read_message()
            if event.get("method") == method:
                return event
            self.events.append(event)
        raise RuntimeError(f"no {method} within {timeout} s")

    def close(self) -> None:
        try:
            self.call("Browser.close")
        except (RuntimeError, OSError):
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def static_checks(html: str) -> list[str]:
    """Problems in the page's source that would let it reach the network."""
    problems = []
    if not re.search(r'<meta http-equiv="Content-Security-Policy" content="default-src '
                     r"'none'; style-src 'unsafe-inline'; img-src data:\">", html):
        problems.append("no Content-Security-Policy meta tag")
    if re.search(r"\ssrc\s*=", html, re.IGNORECASE):
        problems.append("a src attribute")
    for href in re.findall(r'\shref\s*=\s*"([^"]*)"', html, re.IGNORECASE):
        if not href.startswith("#"):
            problems.append(f"href {href!r}")
    if re.search(r"url\s*\(", html, re.IGNORECASE):
        problems.append("url( in the page")
    if re.search(r"<script|<link|<iframe|<object|<embed|<img", html, re.IGNORECASE):
        problems.append("an element that loads something")
    return problems


def shoot(tools: DevTools, page: Path, out: Path, name: str, pictures: bool = True
          ) -> dict[str, Any]:
    target = tools.call("Target.createTarget", url="about:blank")["targetId"]
    session = tools.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
    for domain in ("Page", "Network", "DOM", "CSS", "Runtime", "Log"):
        tools.call(f"{domain}.enable", session)
    tools.events.clear()
    url = page.resolve().as_uri()
    findings: dict[str, Any] = {"page": str(page)}
    widths = {}
    for width in (1024, 1280):
        tools.call("Emulation.setDeviceMetricsOverride", session, width=width, height=900,
                   deviceScaleFactor=1, mobile=False)
        tools.call("Page.navigate", session, url=url)
        tools.wait_for("Page.loadEventFired")
        time.sleep(0.5)  # let anything late (there should be nothing) show up
        value = tools.call("Runtime.evaluate", session, returnByValue=True,
                           expression="document.documentElement.scrollWidth")["result"]["value"]
        widths[width] = value
    findings["scroll_width"] = widths
    requests = [e["params"]["request"]["url"] for e in tools.events
                if e.get("method") == "Network.requestWillBeSent"]
    findings["requests"] = sorted(set(requests))
    findings["foreign_requests"] = sorted({u for u in requests if u != url})
    # Chromium announces a request the CSP then stops (loadingFailed, blockedReason "csp"):
    # the check above counts even attempts; this says which attempts never left.
    urls = {e["params"]["requestId"]: e["params"]["request"]["url"] for e in tools.events
            if e.get("method") == "Network.requestWillBeSent"}
    findings["blocked"] = sorted({urls.get(e["params"]["requestId"], "?") for e in tools.events
                                  if e.get("method") == "Network.loadingFailed"
                                  and e["params"].get("blockedReason")})
    findings["console"] = sorted({e["params"]["entry"]["text"] for e in tools.events
                                  if e.get("method") == "Log.entryAdded"})
    if not pictures:
        tools.call("Target.closeTarget", targetId=target)
        return findings
    findings["fonts"] = {}
    root = tools.call("DOM.getDocument", session, depth=0)["root"]["nodeId"]
    for selector in ("h1", "ol.summary li", "#dispersion-table td", "svg.chart text"):
        node = tools.call("DOM.querySelector", session, nodeId=root, selector=selector)["nodeId"]
        if node:
            fonts = tools.call("CSS.getPlatformFontsForNode", session, nodeId=node)["fonts"]
            findings["fonts"][selector] = [f"{f['familyName']} ({f['glyphCount']} glyphs)"
                                           for f in fonts]
    for media, width in (("screen", 1280), ("print", 794)):
        tools.call("Emulation.setEmulatedMedia", session, media=media)
        tools.call("Emulation.setDeviceMetricsOverride", session, width=width, height=TILE,
                   deviceScaleFactor=1, mobile=False)
        time.sleep(0.3)
        height = tools.call("Runtime.evaluate", session, returnByValue=True,
                            expression="document.documentElement.scrollHeight")["result"]["value"]
        tiles = 0
        for top in range(0, height, TILE):
            clip = {"x": 0, "y": top, "width": width, "height": min(TILE, height - top),
                    "scale": 1}
            shot = tools.call("Page.captureScreenshot", session, format="png", clip=clip,
                              captureBeyondViewport=True)
            tiles += 1
            (out / f"{name}-{media}-{tiles:02d}.png").write_bytes(base64.b64decode(shot["data"]))
        findings[f"{media}_height"] = height
        findings[f"{media}_tiles"] = tiles
    tools.call("Emulation.setEmulatedMedia", session, media="")
    pdf = tools.call("Page.printToPDF", session, paperWidth=8.27, paperHeight=11.69,
                     preferCSSPageSize=True, printBackground=True)
    pdf_path = out / f"{name}.pdf"
    pdf_path.write_bytes(base64.b64decode(pdf["data"]))
    findings["pdf_pages"] = len(re.findall(rb"/Type\s*/Page[^s]", pdf_path.read_bytes()))
    if shutil.which("pdftoppm"):
        subprocess.run(["pdftoppm", "-png", "-r", "70", "-f", "1", "-l", "4", str(pdf_path),
                        str(out / f"{name}-pdf")], check=True)
    tools.call("Target.closeTarget", targetId=target)
    return findings


PROBE = ('<img src="http://127.0.0.1:9/probe.png" alt="">'
         '<link rel="stylesheet" href="http://127.0.0.1:9/probe.css">')


def controls(tools: DevTools, out: Path) -> int:
    """Show the request check can fail: a page that loads an image and a style sheet must be
    caught; under the report's Content-Security-Policy the same two must be blocked."""
    open_page = out / "control-open.html"
    open_page.write_text(f"<!DOCTYPE html><html><head></head><body>{PROBE}</body></html>",
                         encoding="utf-8")
    locked = out / "control-csp.html"
    locked.write_text('<!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy" '
                      "content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">"
                      f"</head><body>{PROBE}</body></html>", encoding="utf-8")
    caught = shoot(tools, open_page, out, "control-open", pictures=False)["foreign_requests"]
    blocked = shoot(tools, locked, out, "control-csp", pictures=False)
    print(f"control without CSP: requests caught {caught}")
    print(f"control with the report's CSP: attempted {blocked['foreign_requests']}, blocked "
          f"{blocked['blocked']}, console {blocked['console']}")
    ok = len(caught) == 2 and blocked["blocked"] == blocked["foreign_requests"] == caught
    return 0 if ok else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path,
                        default=Path(tempfile.gettempdir()) / "xzcli-screenshots")
    parser.add_argument("--corpus", type=Path,
                        default=Path(os.environ.get("XZCLI_CORPUS", REPO.parent / "shared"
                                                    / "corpus")))
    parser.add_argument("--chromium", default=shutil.which("chromium") or "chromium")
    args = parser.parse_args()
    if not args.corpus.is_dir():
        sys.stderr.write(f"screenshot_report: no corpus at {args.corpus}\n")
        return 2
    if not shutil.which(args.chromium):
        sys.stderr.write("screenshot_report: no chromium (apt-get install -y chromium)\n")
        return 2
    args.out.mkdir(parents=True, exist_ok=True)
    reports = {
        "article": [str(args.corpus / "article")],
        "reports-2015-2026": [str(args.corpus / "national-work-reports" / f"{y}.txt")
                              for y in range(2015, 2027)],
    }
    failures = 0
    with tempfile.TemporaryDirectory() as profile:
        tools = DevTools(args.chromium, profile)
        try:
            failures += controls(tools, args.out)
            for name, paths in reports.items():
                page = args.out / f"{name}.html"
                subprocess.run([sys.executable, "-m", "xzcli", "report", *paths, "-o", str(page),
                                "--quiet"], check=True)
                html = page.read_text(encoding="utf-8")
                problems = static_checks(html)
                found = shoot(tools, page, args.out, name)
                found["static_problems"] = problems
                too_wide = {w: s for w, s in found["scroll_width"].items() if s > w}
                if problems or found["foreign_requests"] or too_wide:
                    failures += 1
                print(json.dumps(found, ensure_ascii=False, indent=2))
        finally:
            tools.close()
    print(f"screenshots in {args.out}; {'all checks passed' if not failures else 'FAILED'}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
