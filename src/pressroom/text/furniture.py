"""Newspaper furniture: a paragraph's text in, where its opening dateline ends (本报讯（记者　王晓燕）, 本报3月5日电　, 本报舟山4月8日讯) out.

Shared by import (which keeps the dateline as printed, a space in it as U+3000) and
lint (which accepts U+3000 there).
"""

from __future__ import annotations

import re

DIGIT = "0-9０-９"
DATELINE = re.compile(r"^(?:本[报刊][\u4e00-\u9fff]{0,6}?讯|"
                      r"[\u4e00-\u9fff]{1,6}?(?:网|台|社|在线|客户端|融媒体?)讯|"
                      r"(?:本报|本刊|新华社|中新社|[\u4e00-\u9fff]{2,6}?(?:社|网|台|客户端))"
                      rf"[\u4e00-\u9fff]{{0,8}}?[{DIGIT}]{{1,2}}\s*月\s*[{DIGIT}]{{1,2}}\s*日\s*[电讯])"
                      r"(?:\s*[（(](?P<names>[^（()）]{2,40})[）)])?")


def dateline_end(text: str) -> int:
    """Characters of `text` taken by an opening dateline and the space after it; 0 if none."""
    match = DATELINE.match(text)
    if not match:
        return 0
    space = re.match(r"[ \u3000]*", text[match.end():])
    return match.end() + space.end()
