"""Build PDF, DOCX and HTML fixtures from short texts written for the tests.

A text is a title, then blocks: ("h1"/"h2", heading) or ("p", paragraph). The PDF is laid
out as a government document is printed: a running header on every page, a page number
(— 3 —) at the foot, paragraphs indented and hard-wrapped at a fixed width, so a reader
has page debris to remove. Needs reportlab and python-docx (both in the test extra).
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

Block = tuple[str, str]

# A short policy text written for these tests (not taken from any real document).
TITLE = "滨江市关于推动新质生产力加快发展的实施意见"
BLOCKS: list[Block] = [
    ("p", "为深入贯彻落实高质量发展要求，加快培育新质生产力，持续优化营商环境，"
          "结合本市实际，提出如下实施意见。"),
    ("h1", "一、总体要求"),
    ("p", "坚持创新驱动发展战略，以科技创新引领产业创新，以数字经济赋能实体经济，"
          "推动传统产业转型升级，培育壮大战略性新兴产业，前瞻布局未来产业，"
          "到2027年，全市高新技术企业达到1200家，研发经费投入强度达到3.2%。"),
    ("h1", "二、重点任务"),
    ("h2", "（一）加快科技创新平台建设"),
    ("p", "支持龙头企业牵头组建创新联合体，建设概念验证中心和中试基地，"
          "推动高校院所科技成果就地转化，完善科技成果转化收益分配机制，"
          "每年新增省级以上创新平台20家以上。"),
    ("h2", "（二）推进数字经济和实体经济深度融合"),
    ("p", "实施智能制造提升工程，推动规模以上工业企业数字化改造全覆盖，"
          "建设工业互联网平台，培育数字经济核心产业集群，"
          "加快人工智能、集成电路、生物医药等产业发展，形成新质生产力的增长极。"),
    ("h2", "（三）持续优化营商环境"),
    ("p", "深化“放管服”改革，全面推行“一网通办”，压减企业开办时间，"
          "落实减税降费政策，依法保护民营企业产权和企业家权益，"
          "营造市场化、法治化、国际化一流营商环境。"),
    ("h1", "三、保障措施"),
    ("p", "各地各部门要加强组织领导，压实工作责任，强化要素保障，"
          "建立健全考核评价机制，确保各项任务落地见效。"
          "本意见自印发之日起施行。"),
]
HEADER = "滨江市人民政府文件"


def plain_text(title: str = TITLE, blocks: list[Block] = BLOCKS) -> str:
    """The text as a .txt file would hold it: title, then one line per block."""
    return title + "\n\n" + "\n".join(text for _, text in blocks) + "\n"


def _width(ch: str) -> float:
    return 1.0 if unicodedata.east_asian_width(ch) in "WF" else 0.5


# Chinese typesetting never starts a line with closing punctuation (避头): it hangs at the end
# of the line before. A line of a lone 。 also has no extent when the viewer lacks the font (the
# fixtures use reportlab's non-embedded STSong-Light), and PDFium then drops it.
_NO_LINE_START = "。，、；：？！）》」』”’"


def wrap(text: str, width: float) -> list[str]:
    """Hard-wrap at `width` full-width characters, as a typesetter breaks Chinese lines."""
    lines: list[str] = []
    line, used = "", 0.0
    for ch in text:
        w = _width(ch)
        if used + w > width and line and ch not in _NO_LINE_START:
            lines.append(line)
            line, used = "", 0.0
        line += ch
        used += w
    if line:
        lines.append(line)
    return lines


def make_pdf(path: Path, title: str = TITLE, blocks: list[Block] = BLOCKS, *,
             header: str | None = HEADER, page_numbers: bool = True, chars_per_line: int = 26,
             lines_per_page: int = 16, password: str | None = None) -> Path:
    """A multi-page PDF in reportlab's built-in Chinese CID font STSong-Light."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    size = 14
    encrypt = StandardEncryption(password, ownerPassword=password + "-owner") if password else None
    pdf = canvas.Canvas(str(path), pagesize=A4, encrypt=encrypt, invariant=1)
    page_w, page_h = A4
    left, top = 72, page_h - 100

    lines: list[tuple[str, float]] = [(title, (page_w - size * len(title)) / 2), ("", left)]
    for kind, text in blocks:
        if kind == "p":
            wrapped = wrap("\u3000\u3000" + text, chars_per_line)
            lines.extend((ln.lstrip("\u3000"), left + size * (len(ln) - len(ln.lstrip("\u3000"))))
                         for ln in wrapped)
        else:
            lines.append((text, left))
    pages = [lines[i:i + lines_per_page] for i in range(0, len(lines), lines_per_page)]
    for number, page in enumerate(pages, start=1):
        pdf.setFont("STSong-Light", 10)
        if header:
            pdf.drawCentredString(page_w / 2, page_h - 50, header)
        if page_numbers:
            pdf.drawCentredString(page_w / 2, 40, f"— {number} —")
        pdf.setFont("STSong-Light", size)
        y = top
        for text, x in page:
            if text:
                pdf.drawString(x, y, text)
            y -= size * 1.8
        pdf.showPage()
    pdf.save()
    return path


def make_scanned_pdf(path: Path) -> Path:
    """A PDF whose pages carry only drawings (as a scan carries only an image): no text."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    for _ in range(2):
        for row in range(30):
            pdf.rect(72, 700 - row * 20, 400 - (row % 5) * 30, 8, fill=1)
        pdf.showPage()
    pdf.save()
    return path


def make_docx(path: Path, title: str = TITLE, blocks: list[Block] = BLOCKS) -> Path:
    """A Word document whose headings carry Word's heading styles."""
    import docx

    document = docx.Document()
    document.add_heading(title, level=0)
    for kind, text in blocks:
        if kind == "p":
            document.add_paragraph(text)
        else:
            document.add_heading(text, level=1 if kind == "h1" else 2)
    document.save(str(path))
    return path


def gov_page(title: str = TITLE, blocks: list[Block] = BLOCKS) -> str:
    """A government web page laid out as portals publish notices: top bar, navigation,
    breadcrumbs, article meta line, share buttons, related links, footer with ICP number."""
    body = "\n".join(
        f"<p style=\"text-indent:2em\">{text}</p>" if kind == "p"
        else f"<p><strong>{text}</strong></p>" if kind == "h2" else f"<h3>{text}</h3>"
        for kind, text in blocks
    )
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<title>{title}_滨江市人民政府门户网站</title>
<meta name="keywords" content="新质生产力,实施意见">
<script>var _hmt = _hmt || []; function share(){{return false;}}</script>
<style>.nav li{{float:left}}</style>
</head><body>
<div class="top-bar">欢迎访问滨江市人民政府门户网站 | <a href="/en/">English</a> | 无障碍浏览 | 长者模式</div>
<div class="header"><img src="/logo.png" alt="滨江市人民政府"><form class="search"><input name="q" placeholder="请输入关键词"><button>搜索</button></form></div>
<div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li>
<li><a href="/zwfw/">政务服务</a></li><li><a href="/hdjl/">互动交流</a></li><li><a href="/zjbj/">走进滨江</a></li></ul></div>
<div class="breadcrumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/zwgk/zcwj/">政策文件</a></div>
<div class="main">
<div class="article">
<h1 class="article-title">{title}</h1>
<div class="article-meta">发布时间：2024-03-15 10:30 来源：市发展改革委 浏览次数：1234 字号：[<a href="#">大</a> <a href="#">中</a> <a href="#">小</a>]</div>
<div class="TRS_Editor" id="zoom">
{body}
</div>
<div class="share">分享到：<a href="#" onclick="share()">微信</a> <a href="#">微博</a> <a href="#">QQ空间</a></div>
<div class="article-tools"><a href="javascript:window.print()">【打印本页】</a> <a href="javascript:window.close()">【关闭窗口】</a></div>
</div>
<div class="sidebar related"><h4>相关文件</h4><ul>
<li><a href="/a1.html">滨江市2023年国民经济和社会发展统计公报</a></li>
<li><a href="/a2.html">关于印发滨江市数字经济发展规划的通知</a></li>
<li><a href="/a3.html">滨江市优化营商环境条例</a></li></ul></div>
</div>
<div class="footer">
<p><a href="/wzdt/">网站地图</a> | <a href="/lxwm/">联系我们</a> | <a href="/sm/">网站声明</a></p>
<p>主办单位：滨江市人民政府办公室 承办单位：滨江市大数据发展管理局</p>
<p>网站标识码：3300000001 浙ICP备12345678号-1 浙公网安备 33010002000001号</p>
</div>
</body></html>
"""


def table_layout_page(title: str = TITLE, blocks: list[Block] = BLOCKS) -> str:
    """An older portal layout: nested tables, no semantic tags, <br> inside the text cell."""
    body = "<br>\n".join("\u3000\u3000" + text for _, text in blocks)
    return f"""<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>{title}</title></head><body>
<table width="100%"><tr><td><a href="/">首页</a> | <a href="/xxgk/">信息公开</a> |
<a href="/bsfw/">办事服务</a> | <a href="/gzhd/">公众互动</a></td></tr></table>
<table width="1000"><tr><td class="dqwz">您现在的位置：首页 &gt;&gt; 通知公告</td></tr>
<tr><td align="center"><font size="5"><b>{title}</b></font></td></tr>
<tr><td align="center">日期：2024-03-15 来源：市政府办公室 【字体：大 中 小】</td></tr>
<tr><td class="bt_content">{body}</td></tr>
<tr><td align="right">【<a href="#">打印本页</a>】【<a href="#">关闭窗口</a>】</td></tr></table>
<table><tr><td>版权所有：滨江市人民政府 备案号：浙ICP备12345678号 技术支持：某某网络公司</td></tr>
</table></body></html>"""
