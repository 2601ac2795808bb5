"""The review report: the draft and its notes in, review.md (spots to check by topic, list of changes) out; spots that look like typos are added to the notes."""

from __future__ import annotations

import re

from ..text.chars import is_han
from .model import NOTE_SECTIONS, Draft, Notes, SourceBlock, Written



def suspicious(parts: dict[SourceBlock, Written], notes: Notes) -> None:
    """Spots that look like typos or leftovers; intake cannot know, an editor can."""
    checks = (
        (r"(?<!\d)\d*[1-9]余[万亿千百]", "概数“余”跟在不是整数的数后，应在单位之后（如“49万余亩”）？"),
        (r"(?<![的了是和与])([的了是和与])\1(?![的了是和与])(?!(.)\2)", "重字？"),  # not 的的确确
        (r"[\"]", "直引号：中文用“”‘’"),
        (r"(?<=[\u4e00-\u9fff])\.(?=[\u4e00-\u9fff])", "汉字之间的半角句点"),
        (r"(?<=[\u4e00-\u9fff])[,;:()!?]|[,;:()!?](?=[\u4e00-\u9fff])",
         "保留了半角标点（网址、邮箱或西文中）"),
    )
    texts = {k: p.cleaned.text for k, p in parts.items()}
    for key, text in texts.items():
        for pattern, what in checks:
            for match in re.finditer(pattern, text):
                notes.add(parts[key].block.number,
                          f"“{text[max(0, match.start() - 6):match.end() + 6]}”：{what}",
                          parts[key].block, topic="text")
    variants(parts, notes)


PLACE_ENDINGS = set("沟村镇乡街路庄屯湾坝坪岭巷寨堡埠")  # not 县 区: 全县, 区域


def variants(parts: dict[SourceBlock, Written], notes: Notes) -> None:
    """A place name written once one way and elsewhere always another (宋家街/宋家沟)."""
    followers: dict[str, dict[str, list[Written]]] = {}
    for part in parts.values():
        text = part.cleaned.text
        for i in range(len(text) - 2):
            if is_han(text[i]) and is_han(text[i + 1]) and is_han(text[i + 2]):
                followers.setdefault(text[i:i + 2], {}).setdefault(text[i + 2], []).append(part)
    for prefix, found in followers.items():
        if len(found) != 2 or not set(found) <= PLACE_ENDINGS:
            continue
        (rare, seen_rare), (usual, seen_usual) = sorted(found.items(), key=lambda f: len(f[1]))
        if len(seen_rare) == 1 and len(seen_usual) >= 2:
            notes.add(seen_rare[0].block.number, f"地名“{prefix}{rare}”只出现一次，别处都作"
                      f"“{prefix}{usual}”（{len(seen_usual)} 次）：是否笔误？",
                      seen_rare[0].block, topic="text")


def cell(text: str) -> str:
    return (text.replace("|", "\\|").replace("\n", "⏎").replace("\u3000", "〔全角空格〕")
            or "（空）")


def review_text(slug: str, source_name: str, description: str, text: str,
                draft: Draft) -> str:
    notes = sorted(draft.notes, key=lambda n: n.source_line)
    out = [f"# 导入报告：{slug}", "",
           f"- 来稿：`source/{source_name}`（{description}，{text.count(chr(10)) + 1} 行）",
           "- 稿件草稿：`article.md`",
           f"- 校订记录草稿：`corrections.yml`（{len(draft.records)} 条）"]
    if draft.images:
        out.append(f"- 图片：`images/` 下 {len(draft.images)} 张（取自 Word 文件）："
                   + "、".join(f"`{name}`" for name in draft.images))
    if description.startswith("Word"):
        out.append("- 来稿是 Word 文件：行号指它的文字（每段一行，段与段之间空一行，"
                   "段内的手动换行另起一行），`pressroom audit` 读的也是这些文字")
    out += ["", "请先逐条核对“请核对”清单，改好稿件；再把 corrections.yml 中以 TODO 开头的理由改写成"
            "真实的理由；最后运行 `pressroom audit` 和 `pressroom lint`，两者都通过才算完成。", "",
            f"## 请核对（{len(notes)} 处）"]
    for topic, heading in NOTE_SECTIONS.items():
        chosen = [note for note in notes if note.topic == topic]
        if not chosen:
            continue
        out += ["", f"### {heading}（{len(chosen)} 处）", ""]
        for note in chosen:
            where = f"来稿第 {note.source_line} 行"
            if note.block is not None and draft.lines.get(note.block):
                where += f" → 稿件第 {draft.lines[note.block]} 行"
            out.append(f"- {where}：{note.text}")
    out += ["", f"## 改动清单（{len(draft.records)} 处）", "",
            "| 来稿行 | 稿件行 | 类型 | 原文 | 改为 |", "| --- | --- | --- | --- | --- |"]
    for record in draft.records:
        after = cell(record["manuscript"]) if record["manuscript"] else "（删去）"
        out.append(f"| {record['source_line']} | {record.get('manuscript_line', '—')} "
                   f"| {record['kind']} | {cell(record['source'])} | {after} |")
    return "\n".join(out) + "\n"
