"""Required literals: strings one of which every match of a pattern contains.

A pattern such as ``\\b(please )?(enable|turn on) javascript\\b`` cannot be indexed by its leading word,
and searching it over a whole document costs one attempt per word boundary. Every match contains
"javascript", though, and a C-speed substring search for that word finds the few lines worth trying.
"""

from __future__ import annotations

import re
from functools import cache
from re import _constants, _parser  # type: ignore[attr-defined]

MIN_LITERAL_CHARS = 3  # shorter strings of letters ("a ", "de") filter nothing; punctuation is rarer
MAX_ALTERNATIVES = 40


@cache
def required_literals(pattern: str) -> frozenset[str] | None:
    """Lower-cased strings, one of which occurs in every match of ``pattern`` (None: none is known)."""
    found = _from_sequence(list(_parser.parse(pattern, re.IGNORECASE).data))
    return frozenset(found) if found else None


def _selective(literal: str) -> bool:
    """Rare enough to be worth a substring scan: a few letters, or any punctuation mark ("»", "©", "+")."""
    return len(literal) >= MIN_LITERAL_CHARS or (literal != "" and not any(c.isalnum() or c.isspace() for c in literal))


def _score(options: set[str]) -> tuple[int, int]:
    """Prefer few alternatives, each as long as possible (the weakest alternative decides)."""
    return min(map(len, options)), -len(options)


def _from_sequence(items: list) -> set[str] | None:
    """The best set of required literals among the items of one sequence (all of them must match)."""
    run = ""
    candidates: list[set[str]] = []
    for op, arg in items:
        if op is _constants.LITERAL:
            run += chr(arg).lower()
            continue
        if run:
            candidates.append({run})
            run = ""
        inner = _from_item(op, arg)
        if inner:
            candidates.append(inner)
    if run:
        candidates.append({run})
    usable = [o for o in candidates if all(map(_selective, o)) and len(o) <= MAX_ALTERNATIVES]
    return max(usable, key=_score) if usable else None


def _from_item(op: object, arg: object) -> set[str] | None:
    if op is _constants.IN and all(kind is _constants.LITERAL for kind, _ in arg):  # type: ignore[attr-defined]
        return {chr(code).lower() for _, code in arg}  # type: ignore[attr-defined]
    if op is _constants.SUBPATTERN:
        return _from_sequence(list(arg[-1]))  # type: ignore[index]
    if op is _constants.BRANCH:
        out: set[str] = set()
        for alternative in arg[1]:  # type: ignore[index]
            found = _from_sequence(list(alternative))
            if not found:
                return None
            out |= found
        return out
    if op in (_constants.MAX_REPEAT, _constants.MIN_REPEAT) and arg[0] >= 1:  # type: ignore[index]
        return _from_sequence(list(arg[2]))  # type: ignore[index]
    return None
