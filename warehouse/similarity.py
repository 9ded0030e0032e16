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

import itertools
import math
import re
from array import array
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:  # both imported where used: together about a second of a command's start-up
    from datasketch import LeanMinHash
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
STORY_CHUNK = 256  # rows compared at a time: bounds the similarity slice in memory
SIGNATURE_BATCH = 1000


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


def signatures(texts: Sequence[str], num_perm: int = NUM_PERM) -> list[LeanMinHash | None]:
    """MinHash signature of each text's shingles (None for a text without words)."""
    from datasketch import LeanMinHash, MinHash  # imported when used: about a second (its LSH loads scipy.integrate)

    sets = [shingles(t) for t in texts]
    hashes = MinHash.bulk(sets, num_perm=num_perm)
    return [LeanMinHash(h) if shingle_set else None for shingle_set, h in zip(sets, hashes, strict=True)]


def signature_pairs(
    sigs: Sequence[LeanMinHash | None], threshold: float = NEAR_DUP_THRESHOLD, num_perm: int = NUM_PERM
) -> Iterator[tuple[int, int]]:
    """Index pairs (i < j) whose signatures estimate a Jaccard similarity of at least ``threshold``.

    LSH banding as datasketch's MinHashLSH does it (its band count and width for the threshold), on one
    array of signatures: each band's rows are sorted and equal runs are the candidates. datasketch's index
    keeps a dictionary entry per article and band, gigabytes for a few hundred thousand articles."""
    present = [i for i, sig in enumerate(sigs) if sig is not None]
    if len(present) < 2:
        return
    from datasketch import MinHashLSH

    index = MinHashLSH(threshold=threshold, num_perm=num_perm)
    bands, width = index.b, index.r
    matrix = np.stack([sigs[i].hashvalues for i in present])
    buckets = np.empty((bands, len(present)), dtype=np.int64)  # each row's bucket in each band
    for band in range(bands):
        keys = np.ascontiguousarray(matrix[:, band * width : (band + 1) * width])
        keys = keys.view(np.dtype((np.void, keys.itemsize * width))).ravel()
        buckets[band] = np.unique(keys, return_inverse=True)[1]
    for band in range(bands):
        order = np.argsort(buckets[band], kind="stable")
        edges = np.flatnonzero(np.diff(buckets[band][order])) + 1
        for members in np.split(order, edges):
            if len(members) < 2:
                continue
            for a, b in itertools.combinations(sorted(members.tolist()), 2):
                if band and (buckets[:band, a] == buckets[:band, b]).any():
                    continue  # the pair met in an earlier band: checked there
                if np.count_nonzero(matrix[a] == matrix[b]) / num_perm >= threshold:
                    yield present[a], present[b]


def near_duplicate_pairs(
    texts: Sequence[str], threshold: float = NEAR_DUP_THRESHOLD, num_perm: int = NUM_PERM
) -> list[tuple[int, int]]:
    """Index pairs (i < j) whose estimated Jaccard similarity of shingles is at least ``threshold``."""
    return sorted(signature_pairs(signatures(texts, num_perm), threshold, num_perm))


def near_duplicate_groups(texts: Sequence[str], threshold: float = NEAR_DUP_THRESHOLD) -> list[int]:
    """Group label (smallest member index) per text; copies with small edits share a label."""
    return components(len(texts), near_duplicate_pairs(texts, threshold))


# --- stories ----------------------------------------------------------------------------------------------


def tfidf(texts: Sequence[str], min_docs: int = IDF_MIN_DOCS) -> sparse.csr_matrix:
    """Rows: L2-normalized TF-IDF vectors (sublinear tf, smoothed idf) over the texts' terms.

    IDF counts at least ``min_docs`` documents (the missing ones containing none of the terms), so a
    handful of articles is compared on plain term overlap instead of words they all share weighing least.
    """
    from scipy import sparse

    vocab: dict[str, int] = {}
    rows, cols, tf = array("q"), array("q"), array("d")  # compact: millions of entries for 100 000 leads
    for row, text in enumerate(texts):
        for term, count in Counter(terms(text)).items():
            rows.append(row)
            cols.append(vocab.setdefault(term, len(vocab)))
            tf.append(1.0 + math.log(count))
    matrix = sparse.csr_matrix(
        (np.frombuffer(tf), (np.frombuffer(rows, dtype=np.int64), np.frombuffer(cols, dtype=np.int64))),
        shape=(len(texts), len(vocab)),
        dtype=np.float64,
    )
    df = np.bincount(np.frombuffer(cols, dtype=np.int64), minlength=len(vocab))
    matrix = matrix @ sparse.diags(np.log((1 + max(len(texts), min_docs)) / (1 + df)) + 1.0)
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sparse.csr_matrix(sparse.diags(1.0 / norms) @ matrix)


def _similar(
    vectors: sparse.csr_matrix, rows: np.ndarray, cols: np.ndarray, threshold: float
) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """Positions (into ``rows``, into ``cols``) of the pairs with cosine >= threshold, a slice of rows at a
    time so memory stays bounded however many articles there are."""
    for start in range(0, len(rows), STORY_CHUNK):
        similarity = (vectors[rows[start : start + STORY_CHUNK]] @ vectors[cols].T).tocoo()
        keep = similarity.data >= threshold
        yield similarity.row[keep] + start, similarity.col[keep]


def story_pair_stream(
    texts: Sequence[str],
    times: Sequence[datetime | None],
    threshold: float = STORY_THRESHOLD,
    window: timedelta | None = STORY_WINDOW,
) -> Iterator[tuple[int, int]]:
    """Pairs (i < j) of similar texts published within ``window`` of each other (None: any time); an
    undated article is compared with all others. Pairs come in no particular order, possibly repeated.

    Dated articles are compared only with those in their window (sorted by time), so the work grows with
    the articles per window, not with the square of the whole warehouse."""
    if len(texts) < 2:
        return
    vectors = tfidf(texts)
    everyone = np.arange(len(texts))
    undated = np.array([i for i, t in enumerate(times) if t is None or window is None], dtype=np.int64)
    for r, c in _similar(vectors, undated, everyone, threshold):  # undated x everyone
        i, j = undated[r], everyone[c]
        yield from zip(np.minimum(i, j)[i != j].tolist(), np.maximum(i, j)[i != j].tolist(), strict=True)
    if window is None:
        return
    dated = sorted((t.timestamp(), i) for i, t in enumerate(times) if t is not None)
    stamps = np.array([s for s, _ in dated])
    order = np.array([i for _, i in dated], dtype=np.int64)
    span = window.total_seconds()
    for start in range(0, len(order), STORY_CHUNK):
        stop = min(start + STORY_CHUNK, len(order))
        end = int(np.searchsorted(stamps, stamps[stop - 1] + span, side="right"))
        for r, c in _similar(vectors, order[start:stop], order[start:end], threshold):
            a, b = r + start, c + start  # positions in time order
            keep = (a < b) & (stamps[b] - stamps[a] <= span)
            i, j = order[a[keep]], order[b[keep]]
            yield from zip(np.minimum(i, j).tolist(), np.maximum(i, j).tolist(), strict=True)


def story_groups(
    texts: Sequence[str],
    times: Sequence[datetime | None],
    links: Iterable[tuple[int, int]] = (),
    threshold: float = STORY_THRESHOLD,
    window: timedelta | None = STORY_WINDOW,
) -> list[int]:
    """Story label (smallest member index) per article; ``links`` (e.g. near-duplicates) always join."""
    return components(len(texts), itertools.chain(story_pair_stream(texts, times, threshold, window), links))


class Grouper:
    """Near-duplicate and story labels for articles added one at a time, in bounded memory: bodies are
    reduced to a MinHash signature and a lead as they arrive, and exact copies (same body key) are linked
    to their first occurrence instead of being compared again."""

    def __init__(self) -> None:
        self.count = 0
        self._first: dict[str, int] = {}
        self._copies: list[tuple[int, int]] = []
        self._members: list[int] = []  # index of each distinct body's first article
        self._leads: list[str] = []
        self._times: list[datetime | None] = []
        self._sigs: list[LeanMinHash | None] = []
        self._pending: list[str] = []

    def add(self, title: str | None, body: str, published: datetime | None, body_key: str) -> None:
        index, self.count = self.count, self.count + 1
        if body_key in self._first:
            self._copies.append((self._first[body_key], index))
            return
        self._first[body_key] = index
        self._members.append(index)
        self._leads.append(lead(title, body))
        self._times.append(published)
        self._pending.append(body)
        if len(self._pending) >= SIGNATURE_BATCH:
            self._flush()

    def _flush(self) -> None:
        self._sigs += signatures(self._pending)
        self._pending = []

    def pairs(self, touching: Sequence[bool] | None = None) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
        """(near-duplicate pairs, story pairs) of added indices; with ``touching`` (a flag per added
        article) only the pairs that involve a flagged article."""
        if len(self._members) > 1:  # one distinct body has no pair: its signature is not needed
            self._flush()
        members = self._members
        duplicates = [(members[i], members[j]) for i, j in signature_pairs(self._sigs)] + self._copies
        stories = {(members[i], members[j]) for i, j in story_pair_stream(self._leads, self._times)}
        if touching is not None:
            duplicates = [(i, j) for i, j in duplicates if touching[i] or touching[j]]
            stories = {(i, j) for i, j in stories if touching[i] or touching[j]}
        return duplicates, sorted(stories)

    def labels(self) -> tuple[list[int], list[int]]:
        """(near-duplicate label, story label) per added article: the smallest index in its group."""
        duplicates, stories = self.pairs()
        return components(self.count, duplicates), components(self.count, [*stories, *duplicates])


def merge_labels(
    ids: Sequence[str], old: Sequence[str | None], pairs: Iterable[tuple[int, int]], prefix: str
) -> tuple[list[str], dict[str, str]]:
    """Group names for items ``ids`` that may already carry a group name (``old``), joined by ``pairs``.

    Items sharing an old name stay together; pairs join more. A group is named ``prefix`` + the first 16
    characters of its smallest id, counting the ids behind the old names it absorbs (those name members
    that may lie outside ``ids``). Returns the name per item and, for each old name that changed, its new
    name, so members outside ``ids`` can be renamed too."""
    first_with: dict[str, int] = {}
    links = []
    for i, name in enumerate(old):
        if name is not None:
            links.append((first_with.setdefault(name, i), i))
    label = components(len(ids), itertools.chain(pairs, links))
    names: dict[int, str] = {}
    for i, root in enumerate(label):
        candidates = [f"{prefix}{ids[i][:16]}"] + ([old[i]] if old[i] is not None else [])
        names[root] = min([*candidates, names[root]] if root in names else candidates)
    renamed = {name: names[label[i]] for name, i in first_with.items() if names[label[i]] != name}
    return [names[root] for root in label], renamed


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
