"""Import's corrections records: the written draft in, one record per change it made (kind, both lines, both snippets) out, and their YAML.

Mechanical changes quote enough context to be unique on their lines; structural
ones (a headline or caption moved to its field) carry a TODO reason for the editor.
"""

from __future__ import annotations

import json

from ..audit.kinds import KINDS, snippets_fit
from ..exceptions import line_of
from ..text.normalise import normalise
from .arrange import part_role
from .model import Cleaned, Element, SourceBlock, Written



TODO = "TODO 请写明理由（草稿：{}）"


WHAT = {
    "title": "主题移入前置信息 title", "kicker": "引题移入前置信息 kicker",
    "subtitle": "副题移入前置信息 subtitle", "lead": "导语移入前置信息 lead",
    "byline": "署名移入 byline 字段", "author": "作者行移入前置信息 author",
    "editor": "编辑行移入前置信息 editor（只留姓名）",
    "photo_note": "图片总说明移入前置信息 photo_note", "label": "栏目名移到分稿标题下的 label 字段",
    "caption": "图片说明写成图片段", "credit": "摄影署名写成图片段的署名",
    "placeholder": "图片占位写成图片段（图片文件见括号内路径）",
    "story": "分稿标题写成二级标题，原在其上的栏目名移到其下",
    "story-byline": "署名移入分稿的 byline 字段",
    "main-credit": "主题下的摄影署名写成正文最前一张图片的署名",
    "header": "版面信息行（报名、日期、版次）移入前置信息 publication、date、page",
    "dropped": "稿件没有相应字段的署名行（美编、校对、版式等）删去",
    "marked-subhead": "小标题去掉【】或■，写成三级标题",
}


def windows(span: tuple[int, int], size: int, least: int):
    """Output windows round a change, smallest first: both sides, then right, then left."""
    for context in range(least, size + 1):
        for low, high in ((span[0] - context, span[1] + context), (span[0], span[1] + context),
                          (span[0] - context, span[1])):
            yield max(0, low), min(size, high)


def fits(kind: str, source: str, manuscript: str) -> bool:
    """Would the audit accept this pair of snippets for `kind`?"""
    def norm(text: str) -> str:
        return normalise(list(text), list(range(len(text))))[0]
    return snippets_fit(kind, norm(source), norm(manuscript.replace("**", "")))


def change_record(kind: str, start: int, end: int, part: Written, text: str,
                  line: str) -> dict | None:
    """A record of one mechanical change, quoting enough context to be unique on its lines
    (and, beside a line join, not so much that the snippets differ by the join)."""
    cleaned = part.cleaned
    span = output_span(cleaned, start, end, text)
    if span is None:
        return None
    size = len(cleaned.chars)
    for low, high in windows(span, size, KINDS[kind].context):
        inputs = [o for o in cleaned.origin[low:high] if o is not None] + [start, end - 1]
        first, last = max(0, min(inputs)), min(len(cleaned.offsets) - 1, max(inputs))
        source_start, source_end = cleaned.offsets[first], cleaned.offsets[last] + 1
        record = {"kind": kind, "source_line": line_of(text, source_start),
                  "manuscript_line": part.line, "source": text[source_start:source_end],
                  "manuscript": "".join(cleaned.chars[low:high])}
        lines_start = text.rfind("\n", 0, source_start) + 1
        lines_end = text.find("\n", source_end)
        around = text[lines_start:lines_end if lines_end != -1 else len(text)]
        whole = (low, high) == (0, size)
        if (line.count(record["manuscript"]) == 1 and around.count(record["source"]) == 1 or
                whole) and (fits(kind, record["source"], record["manuscript"]) or whole):
            return record
    return None


def output_span(cleaned: Cleaned, start: int, end: int, text: str) -> tuple[int, int] | None:
    """Where the input characters start:end are (or would be) in the cleaned text.

    None when they fall in text that was cut away (the 校对：… after an editor's name).
    """
    kept = [o for o, origin in enumerate(cleaned.origin)
            if origin is not None and start <= origin < end]
    if kept:
        return kept[0], kept[-1] + 1
    later = [o for o, origin in enumerate(cleaned.origin) if origin is not None and origin >= end]
    if later:
        return later[0], later[0]
    last = max((o for o in cleaned.origin if o is not None), default=-1)
    between = "".join(text[cleaned.offsets[k]] for k in range(last + 1, start))
    if last < 0 or between.strip():
        return None
    return len(cleaned.chars), len(cleaned.chars)


def structure_record(kind: str, block: SourceBlock, line_number: int, article_lines: list[str],
                     what: str) -> dict:
    line = article_lines[line_number - 1].strip()
    # a line that loses characters (编辑：, ——, 【】, the brackets round a credit) is quoted
    # whole; the first characters of a long paragraph are enough to find it
    whole = len(block.lines) == 1 and len(block.first) <= 60
    return {"kind": kind, "source_line": block.number, "manuscript_line": line_number,
            "source": block.first if whole else block.first[:24],
            "manuscript": line if whole and len(line) <= 80 else line[:40],
            "reason": TODO.format(what)}


def quoted_whole(elements: list[Element]) -> set[SourceBlock]:
    """Blocks that a structure record quotes whole (a one-line credit, subtitle, editor line …)."""
    found = set()
    for element in elements:
        for block in element.blocks:
            role = part_role(element, block)
            if (role in WHAT or block.kind == "marked_head") and len(block.lines) == 1 and \
                    len(block.first) <= 60 and not (role == "story" and not element.label):
                found.add(block)
    return found


def header_record(block: SourceBlock, article_lines: list[str]) -> dict:
    """A page header line: the publication, date and page it gave, as front-matter lines."""
    keys = tuple(f"{key}:" for key in block.fields) or ("publication:", "date:", "page:")
    numbers = [n for n, line in enumerate(article_lines, 1) if line.startswith(keys)]
    return {"kind": "structure", "source_line": block.number, "manuscript_line": numbers[0],
            "source": block.first,
            "manuscript": "\n".join(article_lines[n - 1] for n in numbers),
            "reason": TODO.format(WHAT["header"])}


def dropped_record(block: SourceBlock) -> dict:
    """Text left out (page furniture, a staff entry with no field): the record quotes the
    block's own part of its line (美编：杨帆 of 责任编辑：周敏　美编：杨帆) and an empty
    manuscript side, for it stands nowhere in the manuscript."""
    what = f"{block.what}，删去" if block.role == "boilerplate" else WHAT["dropped"]
    return {"kind": "structure", "source_line": block.number, "source": block.own,
            "manuscript": "", "reason": TODO.format(what)}


def make_records(front: list[Element], body: list[Element], parts: dict[SourceBlock, Written],
                 text: str, article_lines: list[str],
                 headers: list[SourceBlock] = ()) -> list[dict]:
    records = [header_record(header, article_lines) for header in headers]
    whole = quoted_whole(front + body)
    for part in parts.values():
        if part.block.kind in ("placeholder", "image") or part.block in whole:
            continue  # a structure record quotes it whole and explains every change
        for kind, start, end in part.cleaned.changes:
            record = change_record(kind, start, end, part, text,
                                   article_lines[part.line - 1])
            if record:
                records.append(record)
    for element in front + body:
        for block in element.blocks:
            role = part_role(element, block)
            if role == "header" or block.kind == "image":
                continue  # the header is recorded above; a Word photo has no text
            if role in ("dropped", "boilerplate"):
                records.append(dropped_record(block))
                continue
            if role == "subhead" and block.kind == "marked_head":
                role = "marked-subhead"
            kind = "move" if element.moved else "structure"
            if role == "story" and not element.label:
                continue  # nothing moved: "## " is markup only
            if role in WHAT:
                what = WHAT[role] if not element.moved else f"原在文末，{WHAT[role]}"
                if block.lines[0].inset:
                    what += "（原插在段落中间，移到这一段之后）"
                records.append(structure_record(kind, block, parts[block].line, article_lines,
                                                what))
            runin = parts[block].cleaned
            if block.lines[0].bold:
                continue  # bold in the Word file itself
            if runin.origin and runin.origin[0] is None:  # a run-in head was made bold
                end = runin.chars.index("*", 2)
                inputs = [o for o in runin.origin[2:end] if o is not None]
                records.append({
                    "kind": "structure", "source_line": block.number,
                    "manuscript_line": parts[block].line,
                    "source": text[runin.offsets[inputs[0]]:runin.offsets[inputs[-1]] + 1],
                    "manuscript": "".join(runin.chars[:end + 2]),
                    "reason": TODO.format("段首引语排为粗体")})
    return sorted(records, key=lambda r: (r["source_line"], r.get("manuscript_line", 0)))


def records_yaml(source_name: str, codec: str, records: list[dict]) -> str:
    out = [f"source: source/{source_name}"]
    if codec not in ("utf-8", "utf-8-sig", "docx"):
        out.append(f"encoding: {codec}")
    out.append("corrections:" if records else "corrections: []")
    for record in records:
        out.append(f"- kind: {record['kind']}")
        for key in ("source_line", "manuscript_line"):
            if key in record:  # text removed has no manuscript line
                out.append(f"  {key}: {record[key]}")
        for key in ("source", "manuscript", "reason"):
            if key in record:
                out.append(f"  {key}: {json.dumps(record[key], ensure_ascii=False)}")
    return "\n".join(out) + "\n"
