"""Plain-text path: segment a whole-page text dump into blocks and classify each one.

(Walking-skeleton version: lexicon rules plus a simple length signal; to be replaced by the scored classifier.)
"""

from __future__ import annotations

import re

from cleaners.rules import first_match
from cleaners.types import Block, Extraction, RawMetadata

_SENTENCE_END = re.compile(r"[.!?\"”’')]\s*$")


def segment(text: str) -> list[str]:
    """One block per non-empty line (dumps put one visible text node per line)."""
    return [line.strip() for line in text.replace("\r\n", "\n").split("\n") if line.strip()]


def extract_text(text: str, url: str | None = None) -> Extraction:
    lines = segment(text)
    meta = RawMetadata(url=url)
    blocks: list[Block] = []
    for i, line in enumerate(lines):
        rule = first_match(line)
        if i == 0:
            meta.title = line
            blocks.append(Block(line, "title", "first line"))
        elif rule:
            blocks.append(Block(line, rule.kind, rule.name))
        elif len(line.split()) >= 8 and _SENTENCE_END.search(line):
            blocks.append(Block(line))
        else:
            blocks.append(Block(line, "other", "short line without sentence punctuation"))
    return Extraction(blocks, meta, "text-classifier")
