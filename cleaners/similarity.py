"""Text similarity for analytics: near-duplicate bodies (MinHash/LSH), stories (TF-IDF cosine), snippets.

Pure functions over strings and numbers: no DuckDB, no Prefect.

- Near-duplicates: Jaccard similarity of 5-word shingles of the body, estimated with MinHash and
  candidate pairs from LSH, so syndicated copies of one wire story (small edits, different
  boilerplate leftovers) land in one group.
- Stories: cosine similarity of TF-IDF vectors of the title plus the lead (first words of the body),
  between articles published within a few days of each other; linked articles form a story
  (single linkage). Different outlets use different words for one event, so terms are lowercased,
  stop words dropped and suffixes lightly stripped ("Iranian missiles" ~ "Iran missile").
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta

import numpy as np
from datasketch import MinHash, MinHashLSH
from scipy import sparse

WORD = re.compile(r"[^\W_]+", re.UNICODE)
_STOPWORDS = """a about above after again against all also am an and any are as at be because been before being below
    between both but by can could did do does doing down during each few for from further had has have having he
    her here hers herself him himself his how i if in into is it its itself just me more most my myself no nor not
    now of off on once only or other our ours ourselves out over own said same says she should so some such than
    that the their theirs them themselves then there these they this those through to too under until up very was
    we were what when where which while who whom why will with would you your yours yourself yourselves new one
    two us mr ms mrs"""
STOPWORDS = frozenset(_STOPWORDS.split())
# A light stemmer (first matching suffix wins): enough to match inflections across outlets.
_SUFFIXES = (
    ("ations", ""),
    ("ation", ""),
    ("ians", ""),
    ("ian", ""),
    ("ings", ""),
    ("ing", ""),
    ("ies", "y"),
    ("ied", "y"),
    ("ally", "al"),
    ("es", ""),
    ("ed", ""),
    ("ia", ""),
    ("s", ""),
    ("e", ""),
)
_MIN_STEM = 3

NEAR_DUP_THRESHOLD = 0.6  # estimated Jaccard of body shingles
SHINGLE_WORDS = 5
NUM_PERM = 128
STORY_THRESHOLD = 0.25  # TF-IDF cosine of title + lead
STORY_WINDOW = timedelta(days=5)
LEAD_WORDS = 80
IDF_MIN_DOCS = 100


def stem(word: str) -> str:
    if word.endswith("ss"):
        return word
    for suffix, replacement in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= _MIN_STEM:
            return word[: -len(suffix)] + replacement
    return word


def words(text: str) -> list[str]:
    """Lowercased word tokens (letters and digits; apostrophes and punctuation split words)."""
    return WORD.findall(text.lower())


def terms(text: str) -> list[str]:
    """Stemmed content words: what TF-IDF and snippets match on."""
    return [stem(w) for w in words(text) if w not in STOPWORDS and len(w) > 1 and not w.isdigit()]


def lead(title: str | None, body: str, lead_words: int = LEAD_WORDS) -> str:
    """Title plus the first words of the body: what an article is about."""
    return f"{title or ''}\n{' '.join(body.split()[:lead_words])}"


# --- grouping ---------------------------------------------------------------------------------------------


def components(n: int, pairs: Iterable[tuple[int, int]]) -> list[int]:
    """Connected components of n items linked by pairs; each item's label is its component's smallest index."""
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in pairs:
        a, b = find(i), find(j)
        if a != b:
            parent[max(a, b)] = min(a, b)
    return [find(i) for i in range(n)]


# --- near-duplicates --------------------------------------------------------------------------------------


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[bytes]:
    """Overlapping runs of ``size`` words; a text shorter than that is one shingle."""
    tokens = words(text)
    if len(tokens) <= size:
        return {" ".join(tokens).encode()} if tokens else set()
    return {" ".join(tokens[i : i + size]).encode() for i in range(len(tokens) - size + 1)}


def near_duplicate_pairs(
    texts: Sequence[str], threshold: float = NEAR_DUP_THRESHOLD, num_perm: int = NUM_PERM
) -> list[tuple[int, int]]:
    """Index pairs (i < j) whose estimated Jaccard similarity of shingles is at least ``threshold``."""
    sets = [shingles(t) for t in texts]
    hashes = MinHash.bulk(sets, num_perm=num_perm)
    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    for i, (shingle_set, minhash) in enumerate(zip(sets, hashes, strict=True)):
        if shingle_set:
            lsh.insert(i, minhash)
    pairs = set()
    for i, (shingle_set, minhash) in enumerate(zip(sets, hashes, strict=True)):
        if not shingle_set:
            continue
        for j in lsh.query(minhash):
            if j > i and minhash.jaccard(hashes[j]) >= threshold:
                pairs.add((i, j))
    return sorted(pairs)


def near_duplicate_groups(texts: Sequence[str], threshold: float = NEAR_DUP_THRESHOLD) -> list[int]:
    """Group label (smallest member index) per text; copies with small edits share a label."""
    return components(len(texts), near_duplicate_pairs(texts, threshold))


# --- stories ----------------------------------------------------------------------------------------------


def tfidf(texts: Sequence[str], min_docs: int = IDF_MIN_DOCS) -> sparse.csr_matrix:
    """Rows: L2-normalized TF-IDF vectors (sublinear tf, smoothed idf) over the texts' terms.

    IDF counts at least ``min_docs`` documents (the missing ones containing none of the terms), so a
    handful of articles is compared on plain term overlap instead of words they all share weighing least.
    """
    counts = [Counter(terms(t)) for t in texts]
    vocab: dict[str, int] = {}
    rows, cols, tf = [], [], []
    for row, counter in enumerate(counts):
        for term, count in counter.items():
            rows.append(row)
            cols.append(vocab.setdefault(term, len(vocab)))
            tf.append(1.0 + math.log(count))
    matrix = sparse.csr_matrix((tf, (rows, cols)), shape=(len(texts), len(vocab)), dtype=np.float64)
    df = np.bincount(cols, minlength=len(vocab))
    matrix = matrix @ sparse.diags(np.log((1 + max(len(texts), min_docs)) / (1 + df)) + 1.0)
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sparse.csr_matrix(sparse.diags(1.0 / norms) @ matrix)


def story_pairs(
    texts: Sequence[str],
    times: Sequence[datetime | None],
    threshold: float = STORY_THRESHOLD,
    window: timedelta | None = STORY_WINDOW,
) -> list[tuple[int, int]]:
    """Pairs (i < j) of similar texts published within ``window`` of each other (None: any time).

    An undated article is compared with all others.
    """
    if len(texts) < 2:
        return []
    vectors = tfidf(texts)
    similarity = sparse.triu(vectors @ vectors.T, k=1).tocoo()
    pairs = []
    for i, j, value in zip(similarity.row, similarity.col, similarity.data, strict=True):
        if value < threshold:
            continue
        a, b = times[i], times[j]
        if window is None or a is None or b is None or abs(a - b) <= window:
            pairs.append((int(i), int(j)))
    return sorted(pairs)


def story_groups(
    texts: Sequence[str],
    times: Sequence[datetime | None],
    links: Iterable[tuple[int, int]] = (),
    threshold: float = STORY_THRESHOLD,
    window: timedelta | None = STORY_WINDOW,
) -> list[int]:
    """Story label (smallest member index) per article; ``links`` (e.g. near-duplicates) always join."""
    return components(len(texts), [*story_pairs(texts, times, threshold, window), *links])


# --- snippets ---------------------------------------------------------------------------------------------


def snippet(text: str, query: str, width: int = 200, mark: tuple[str, str] = ("«", "»")) -> str:
    """The ``width``-character stretch of ``text`` with the most query-term matches, matches marked."""
    wanted = set(terms(query))
    hits = [m for m in WORD.finditer(text) if stem(m.group().lower()) in wanted]
    if not hits:
        start = 0
    else:
        best = max(range(len(hits)), key=lambda k: sum(1 for h in hits[k:] if h.end() - hits[k].start() <= width))
        start = max(0, hits[best].start() - width // 5)
        while start > 0 and not text[start - 1].isspace():  # do not cut a word
            start -= 1
    end = min(len(text), start + width)
    while end < len(text) and not text[end].isspace():
        end += 1
    out, position = [], start
    for hit in hits:
        if start <= hit.start() and hit.end() <= end:
            out += [text[position : hit.start()], mark[0], hit.group(), mark[1]]
            position = hit.end()
    out.append(text[position:end])
    result = " ".join("".join(out).split())
    return ("…" if start > 0 else "") + result + ("…" if end < len(text) else "")
