#!/usr/bin/env python3
"""Refreshes the screen captures in docs/guide-*.md from scripts/guide-captures.sh's output.

Each capture in a guide is a ```text block right after a line `<!-- capture: NAME -->`;
this replaces the block with $OUT/NAME.txt (default /tmp/xinfang-captures), keeping at
most one blank line in a row.
"""
import os, re, sys

out = os.environ.get("OUT", "/tmp/xinfang-captures")
root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")

def capture(name):
    lines, blank = [], 0
    for line in open(os.path.join(out, name + ".txt"), encoding="utf-8").read().rstrip("\n").split("\n"):
        blank = blank + 1 if not line.strip() else 0
        if blank <= 1:
            lines.append(line)
    return "```text\n" + "\n".join(lines) + "\n```"

for guide in ("guide-clerk.md", "guide-handler.md", "guide-supervisor.md"):
    path = os.path.join(root, "docs", guide)
    text = open(path, encoding="utf-8").read()
    new = re.sub(r"(<!-- capture: ([\w-]+) -->\n)```text\n.*?\n```",
                 lambda m: m.group(1) + capture(m.group(2)), text, flags=re.S)
    open(path, "w", encoding="utf-8").write(new)
    print(f"{guide}: {len(re.findall(r'<!-- capture:', new))} captures")
