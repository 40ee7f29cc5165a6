#!/usr/bin/env python3
"""Writes data/regulation-structure.json: each article's paragraphs (款) and items (项).

Reads the full text of 《信访工作条例》 (../shared/research/regulation-text.md from the
repository root, or the path given as the first argument). An article starts with
"第N条　"; each following line is a paragraph, except lines opening with "（一）" …,
which are items of the paragraph before them. The JSON keeps only the structure (counts
and the first few characters of each paragraph, to check by eye), not the text.

Run from the repository root:  python3 scripts/regulation-structure.py
"""
import json
import re
import sys

SOURCE = sys.argv[1] if len(sys.argv) > 1 else "../shared/research/regulation-text.md"
DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")}


def number(chinese):
    """二十二 → 22, 五十 → 50, 十一 → 11, 八 → 8."""
    if "十" in chinese:
        tens, _, units = chinese.partition("十")
        return (DIGITS[tens] if tens else 1) * 10 + (DIGITS[units] if units else 0)
    return DIGITS[chinese]


articles = []
for line in open(SOURCE, encoding="utf-8"):
    line = line.strip()
    if not line or line.startswith("#"):
        continue
    head = re.match(r"^第([一二三四五六七八九十]+)条\u3000(.*)$", line)
    item = re.match(r"^（([一二三四五六七八九十]+)）", line)
    if head:
        articles.append({"article": number(head.group(1)), "paragraphs": [{"opening": head.group(2)[:12], "items": 0}]})
    elif not articles:
        continue  # the preamble before Art 1
    elif item:
        paragraph = articles[-1]["paragraphs"][-1]
        paragraph["items"] += 1
        assert number(item.group(1)) == paragraph["items"], f"item out of order in Art {articles[-1]['article']}: {line[:20]}"
    else:
        articles[-1]["paragraphs"].append({"opening": line[:12], "items": 0})

assert [a["article"] for a in articles] == list(range(1, 51)), "expected Arts 1 to 50 in order"

out = {
    "source": "《信访工作条例》(2022)全文的结构：每条的款数、每款的项数。由 scripts/regulation-structure.py 从"
              " research/regulation-text.md 生成；opening 是各款开头几个字，供人工核对。",
    "articles": articles,
}
with open("data/regulation-structure.json", "w", encoding="utf-8") as f:
    f.write(json.dumps(out, ensure_ascii=False, indent=1) + "\n")
