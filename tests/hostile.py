"""A crafted organisation whose every data field carries markup an attacker would try.

Every payload either names `pwn` (a tag or attribute that must never appear) or calls
`alert(` (script that must never run), so `scan.live_markup` can tell text from markup.
"""

from __future__ import annotations

from crafted import Org, full_year, meeting

# Markup in plain text fields: names, titles, secretaries, guests, references, tags.
TEXT_PAYLOADS = [
    '<script>alert("pwn")</script>',
    "<img src=x onerror=alert(1)>",
    '"><svg onload=alert(2)>',
    "'><pwn-tag>",
    'x" onmouseover="alert(3)" data-pwn="1',
    "x' onfocus='alert(4)' data-pwn='1",
    "</textarea><script>alert(5)</script>",
    "</title><script>alert(6)</script>",
    "</script><script>alert(7)</script>",
    "</style><pwn-style>",
    "<!-- <pwn-comment> -->",
    "{{ config.site_name }}{% raw %}",
    "javascript:alert(8)",
    "<a href=javascript:alert(9)>x</a>",
    "<iframe src=//evil.example/></iframe>",
    "<meta http-equiv=refresh content='0;url=//evil.example/'>",
    "<base href=//evil.example/>",
    "<form action=//evil.example/><input name=pwn></form>",
    "&lt;script&gt;alert(10)&lt;/script&gt;",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(11)>",
    "<details open ontoggle=alert(12)>",
    "<![CDATA[<script>alert(13)</script>]]>",
    "[md link](javascript:alert(14))",
    "![md image](http://evil.example/pwn.png)",
    "**bold** _em_ `code` <b>b</b>",
    "\u202egnp.exe",
]

# Markdown tricks in notes, outline bodies and bulletin bodies.
MARKDOWN_PAYLOADS = [
    "[a](javascript:alert(20))",
    "[b](JaVaScRiPt:alert(21))",
    "[c]( javascript:alert(22))",
    "[d](<javascript:alert(23)>)",
    "[e](&#106;avascript:alert(24))",
    "[f](&#x6A;avascript&#x3A;alert(25))",
    "[g](java&#09;script:alert(26))",
    "[h](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[i](vbscript:alert(27))",
    "[ref link][x]\n\n[x]: javascript:alert(28)",
    "<javascript:alert(29)>",
    "![j](javascript:alert(30))",
    "![k](http://evil.example/pwn.png)",
    "![l](//evil.example/pwn.png)",
    "![m][r]\n\n[r]: http://evil.example/pwn2.png",
    "![n](#){: onerror=alert(31) }",
    "## Heading {: onclick=alert(32) data-pwn=1 }",
    'A paragraph.\n{: onclick="alert(33)" }',
    "[o](#){: onclick=alert(34) }",
    "```html\n<script>alert(35)</script>\n```",
    "`<script>alert(36)</script>`",
    "    <script>alert(37)</script>",
    "- item\n\n        <img src=x onerror=alert(38)>",
    '<div markdown="1">**x** <pwn-div></div>',
    '!!! note "<script>alert(39)</script>"\n    body <img src=x onerror=alert(40)>',
    '[p](https://ok.example "title\\" onclick=\\"alert(41)")',
    '<https://evil.example/" onclick="alert(42)>',
    "&#60;script&#62;alert(43)&#60;/script&#62;",
    "<scr<script>ipt>alert(44)</script>",
    "<svg><script>alert(45)</script></svg>",
    "<style>body{background:url(javascript:alert(46))}</style>",
    '<p style="background:url(javascript:alert(47))">x</p>',
    "</textarea><script>alert(48)</script>",
    # What a line-by-line scanner misses (issue 13): targets on the next line, definitions in quotes
    # and lists, fences of other lengths and characters hiding HTML, encodings, attribute lists.
    "[bấm](\njavascript:alert(60))",
    "![x](\nhttp://evil.example/pwn-next-line.png)",
    "[r1] và ![r2]\n\n[r1]:\n    javascript:alert(61)\n[r2]:\n    //evil.example/pwn-ref.png",
    "> [q](javascript:alert(62))\n>\n> [qr] ![qi]\n>\n> [qr]: javascript:alert(63)\n> [qi]: http://evil.example/pwn-q.png",
    "- [li](javascript:alert(64))\n- ![x](http://evil.example/pwn-li.png)\n    - [lr]\n\n    [lr]: vbscript:alert(65)",
    "````md\n```\n<img src=x onerror=alert(66)>\n````\n<img src=x onerror=alert(67)>",
    "```\n~~~\n```\n<svg onload=alert(68)>",
    "~~~\n```\n~~~\n<iframe src=javascript:alert(69)></iframe>",
    "````\n<script>alert(70)</script>",
    "[e](&#x6a;&#x61;&#x76;&#x61;script:alert(71))",
    "[f](jav&#x0A;ascript:alert(72))",
    "[g](&#0000106avascript:alert(73))",
    "[h](JAVASCRIPT:alert(74))",
    "[i](data:image/svg+xml;base64,PHN2Zz4=)",
    "![d](data:image/png;base64,iVBORw0KGgo=)",
    "![bs](\\\\evil.example/pwn-bs.png) ![sb](/\\evil.example/pwn-sb.png) ![up](HTTPS://evil.example/pwn-up.png)",
    "![tab](\t//evil.example/pwn-tab.png)",
    '<a href=" javascript:alert(75)">x</a>',
    "<IMG SRC=x OnErRoR=alert(76)>",
    "<svg/onload=alert(77)>",
    "<object data=pwn.swf></object><embed src=pwn.swf>",
    "<form><button formaction=javascript:alert(78)>pwn</button></form>",
    "<meta http-equiv=refresh content='0;url=javascript:alert(79)'>",
    "<link rel=stylesheet href=//evil.example/pwn.css>",
    "<!--><img src=x onerror=alert(80)>-->",
    '<noscript><p title="</noscript><img src=x onerror=alert(81)>"></noscript>',
    "<template><script>alert(82)</script></template>",
    "{: .pwn-class onclick=alert(83) }",
    '[s](#){: style="background:url(javascript:alert(84))" }',
    '!!! pwn-admonition "<img src=x onerror=alert(85)>"\n    x [t](javascript:alert(86))',
    '??? note "t"\n    ![x](//evil.example/pwn-details.png)',
]

TEXT = " ".join(TEXT_PAYLOADS)
MARKDOWN = "\n\n".join(MARKDOWN_PAYLOADS + TEXT_PAYLOADS)


def hostile_org(org: Org) -> Org:
    """Every field that reaches a page, filled with payloads; still valid data."""
    org.write(
        "content/organization.yml",
        _yaml({"name": "Đảng bộ " + TEXT, "short_name": TEXT_PAYLOADS[4], "bulletin_title": TEXT_PAYLOADS[5] + " bản tin"}),
    )
    org.cell("a", name="Chi bộ A " + TEXT_PAYLOADS[2], secretary=TEXT, parent=TEXT, supervisor=TEXT)
    for i, payload in enumerate(TEXT_PAYLOADS):
        org.cell(f"p{i}", name=payload, secretary=payload, parent=TEXT_PAYLOADS[i - 1], supervisor=payload)
    org.outline(
        "ho-chi-minh/nep-song",
        body=MARKDOWN,
        title="Nếp sống " + TEXT,
        summary=TEXT,
        references=TEXT_PAYLOADS,
        tags=TEXT_PAYLOADS[:5],
    )
    org.meetings("a", 2024, full_year(2024, guests=TEXT_PAYLOADS, notes=MARKDOWN))
    org.meetings("p0", 2024, [meeting("2024-01-05", notes=p) for p in MARKDOWN_PAYLOADS[:1]])
    org.issue("2024-03", body=MARKDOWN, title="Bản tin " + TEXT, topics=["ho-chi-minh/nep-song"], number=3)
    org.mkdocs_yml()
    return org


def _yaml(data: dict[str, str]) -> str:
    import yaml

    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
