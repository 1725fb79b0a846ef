"""How alike two duty statements are, and which statements pair up one to one.

In: statement texts (two notices' duties of counterpart departments). Out: scores in [0, 1]
(`Scorer`) and a one-to-one pairing (`assign`).

Before scoring, a text is neutralised — the jurisdiction words of `ontology/compare.ttl`
(我县 ↔ 我市, 县内 ↔ 市内, 乡镇 ↔ 旗县区) are cut out and full-width punctuation folded — then
cut into character bigrams, or into jieba tokens without punctuation, stop words and lone
level characters (省、市).

The default — TF-IDF cosine over character bigrams plus the statement's topics
(`ontology/topics.ttl`) as pseudo-tokens, paired one to one at 0.15 — was chosen on
measurement against a hand-labelled gold set (tests/data/duty_pairs.tsv, 163 pairs;
tests/bench/bench_similarity.py prints the figures). Within one department nearly every
statement says 婴幼儿照护服务机构, so the words that tell duties apart are the rare ones and
only IDF weighting sees that; bigrams survive jieba cutting 食品安全监管 differently in the two
texts; the topics bridge synonyms no surface measure sees (饮食安全 ↔ 食品安全). rapidfuzz's
ratios weigh every shared token alike: token_set_ratio pairs the county's food-safety duty
with the city's fee supervision. They stay available (`METHODS`) for the benchmark.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from functools import cache
from typing import Callable, Iterable, Sequence

from .knowledge import PK, by_subject
from .model import FOLD

COMPARE_DATA = "compare.ttl"
CMP = "https://w3id.org/policykg/comparison/"

# Chosen on the gold set (bench_similarity.py prints the sweep); see the module docstring.
DEFAULT_METHOD = "tfidf-char2-topics"
DEFAULT_THRESHOLD = 0.15
TOPIC_WEIGHT = 2  # a shared topic counts as much as two shared character bigrams
SHARED_RATIO = 0.90  # neutralised character ratio at or above which a pair reads "shared"

_PUNCT = re.compile(r"[\s\W_]+", re.UNICODE)


@cache
def _cue_data() -> tuple[re.Pattern, frozenset[str], frozenset[str]]:
    """(the jurisdiction-word regex, the lone level characters, the stop words)."""
    table = by_subject(COMPARE_DATA)
    prefixes = sorted({str(p) for props in by_subject("layout.ttl").values() for p in props.get(PK + "prefix", [])},
                      key=lambda p: (-len(p), p))
    alternation = "|".join(map(re.escape, prefixes))
    words = table.get(CMP + "jurisdiction-words", {})
    cues = sorted((str(c) for c in words.get(PK + "cue", [])), key=lambda c: (-len(c), c))
    patterns = [str(p).replace("{prefix}", alternation) for p in words.get(PK + "pattern", [])]
    regex = re.compile("|".join([*map(re.escape, cues), *patterns]))
    stops = frozenset(str(c) for c in table.get(CMP + "stop-words", {}).get(PK + "cue", []))
    return regex, frozenset(prefixes), stops


def neutralise(text: str) -> str:
    """`text` folded, with jurisdiction words cut out (a space left where they were)."""
    regex, _, _ = _cue_data()
    return regex.sub(" ", text.translate(FOLD))


def _jieba():
    from .search import jieba_module

    return jieba_module()


@cache
def tokens(text: str) -> tuple[str, ...]:
    """The content tokens of a statement: neutralised, segmented, no punctuation or stop words."""
    _, levels, stops = _cue_data()
    out = []
    for tok in _jieba().lcut(neutralise(text)):
        tok = _PUNCT.sub("", tok)
        if tok and tok not in stops and tok not in levels and not tok.isdigit():
            out.append(tok)
    return tuple(out)


def bare(text: str) -> str:
    """The neutralised statement as one string without punctuation (for the `shared` test)."""
    return _PUNCT.sub("", neutralise(text))


def wording_ratio(a: str, b: str) -> float:
    """Character-level similarity of two neutralised statements, 0–1."""
    from rapidfuzz import fuzz

    return fuzz.ratio(bare(a), bare(b)) / 100.0


# --- scorers --------------------------------------------------------------------------------------

Scorer = Callable[[str, str], float]


class TfIdf:
    """TF-IDF vectors over a corpus of statements, compared by cosine.

    IDF is smoothed as in scikit-learn (``log((1 + n) / (1 + df)) + 1``) so a token of
    every statement still counts a little; term frequency is raw.
    """

    def __init__(self, corpus: Iterable[Sequence[str]]):
        docs = [set(d) for d in corpus]
        df = Counter(t for d in docs for t in d)
        n = len(docs)
        self.idf = {t: math.log((1 + n) / (1 + k)) + 1.0 for t, k in df.items()}
        self.default_idf = math.log(1 + n) + 1.0  # a token the corpus never saw

    def vector(self, toks: Sequence[str]) -> dict[str, float]:
        tf = Counter(toks)
        return {t: c * self.idf.get(t, self.default_idf) for t, c in tf.items()}

    def cosine(self, a: Sequence[str], b: Sequence[str]) -> float:
        va, vb = self.vector(a), self.vector(b)
        dot = sum(w * vb.get(t, 0.0) for t, w in va.items())
        na = math.sqrt(sum(w * w for w in va.values()))
        nb = math.sqrt(sum(w * w for w in vb.values()))
        return dot / (na * nb) if na and nb else 0.0


def _bigrams(text: str) -> tuple[str, ...]:
    s = bare(text)
    return tuple(s[i:i + 2] for i in range(len(s) - 1)) or ((s,) if s else ())


def _with_topics(features: Callable[[str], tuple[str, ...]]) -> Callable[[str], tuple[str, ...]]:
    """`features` plus one pseudo-token per topic of the text, counted TOPIC_WEIGHT times."""
    from .topics import topics_of

    return lambda text: features(text) + tuple(f"#{t}" for t in topics_of(text)) * TOPIC_WEIGHT


FEATURES: dict[str, Callable[[str], tuple[str, ...]]] = {
    "tfidf-char2-topics": _with_topics(_bigrams),
    "tfidf-char2": _bigrams,
    "tfidf-words-topics": _with_topics(tokens),
    "tfidf-words": tokens,
}
RAPIDFUZZ = ("token_set_ratio", "token_sort_ratio", "partial_ratio", "ratio")
METHODS = (*FEATURES, *RAPIDFUZZ)


def make_scorer(method: str = DEFAULT_METHOD, corpus: Iterable[str] = ()) -> Scorer:
    """A function (text_a, text_b) → similarity in [0, 1].

    TF-IDF methods (IDF from `corpus`, the statements being compared): ``tfidf-char2`` on
    character bigrams, ``tfidf-words`` on jieba tokens, each optionally ``-topics`` (plus the
    statement's topics of topics.ttl as pseudo-tokens). rapidfuzz methods: ``token_set_ratio``
    and ``token_sort_ratio`` over the jieba tokens, ``ratio`` and ``partial_ratio`` over the
    neutralised characters.
    """
    if method in FEATURES:
        features = FEATURES[method]
        model = TfIdf(features(t) for t in corpus)
        return lambda a, b: model.cosine(features(a), features(b))
    if method in RAPIDFUZZ:
        from rapidfuzz import fuzz

        fn = getattr(fuzz, method)
        if method.startswith("token_"):
            return lambda a, b: fn(" ".join(tokens(a)), " ".join(tokens(b))) / 100.0
        return lambda a, b: fn(bare(a), bare(b)) / 100.0
    from .errors import PolicykgError

    raise PolicykgError(f"unknown similarity method {method!r}; use one of {', '.join(METHODS)}")


# --- one-to-one pairing ------------------------------------------------------------------------------


def assign(scores: Sequence[Sequence[float]], threshold: float, *, strategy: str = "optimal"
           ) -> list[tuple[int, int, float]]:
    """Pairs (i, j, score) with score ≥ `threshold`, each row and column used at most once.

    ``optimal`` maximises the total score above the threshold (a maximum-weight bipartite
    matching — networkx's blossom algorithm, already a dependency, gives what the Hungarian
    method gives): two pairs barely over the bar (0.19 + 0.19 at 0.15) do not outweigh one
    good pair (0.31) between their statements;
    ``greedy`` takes the best remaining pair first. Greedy can steal a statement's only
    good partner for a slightly better pair elsewhere; the benchmark counts how often.
    """
    cells = sorted(((s, i, j) for i, row in enumerate(scores) for j, s in enumerate(row) if s >= threshold),
                   key=lambda c: (-c[0], c[1], c[2]))
    if strategy == "greedy":
        used_i, used_j, out = set(), set(), []
        for s, i, j in cells:
            if i not in used_i and j not in used_j:
                used_i.add(i)
                used_j.add(j)
                out.append((i, j, s))
        return sorted(out)
    import networkx as nx

    g = nx.Graph()
    for s, i, j in cells:
        g.add_edge(("a", i), ("b", j), weight=s - threshold + 1e-9)  # above the bar (one at it counts too)
    out = []
    for u, v in nx.max_weight_matching(g, maxcardinality=False):
        (_, i), (_, j) = sorted((u, v))
        out.append((i, j, scores[i][j]))
    return sorted(out)
