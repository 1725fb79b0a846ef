"""Topics of duty and task statements (`ontology/topics.ttl`): the responsibility matrix's
columns, and a small thesaurus for the similarity of duties (饮食安全 and 食品安全 are both
pkt:food-safety).

In: a statement's text. Out: `topics_of(text)` → the keys of the topics whose cue words it
contains, in column order; `topic_scheme()` → the `Topic`s themselves; `related_words(word)`
→ what `who` also looks for; `synonym_groups()` → the words `compare` reads as one.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from .knowledge import PK, RDF, SKOS, by_subject
from .model import FOLD

TOPIC = "https://w3id.org/policykg/topic/"


@dataclass(frozen=True)
class Topic:
    key: str  # local name: fire-safety
    zh: str
    en: str
    short: str  # the column heading where space is scarce (skos:notation): 消防
    cues: tuple[str, ...]
    alt: tuple[str, ...] = ()  # other names (skos:altLabel@zh): 饮食安全 for 食品安全

    @property
    def iri(self) -> str:
        return TOPIC + self.key


@cache
def topic_scheme() -> tuple[Topic, ...]:
    """The topics, in column order (the file order of topics.ttl); not the narrower terms."""
    out = []
    for s, props in by_subject("topics.ttl").items():
        if SKOS + "Concept" not in props.get(RDF + "type", []) or SKOS + "broader" in props:
            continue
        labels = {getattr(lab, "language", None): str(lab) for lab in props.get(SKOS + "prefLabel", [])}
        alt = tuple(str(lab).translate(FOLD) for lab in props.get(SKOS + "altLabel", [])
                    if getattr(lab, "language", None) == "zh")
        cues = tuple(sorted({str(c).translate(FOLD) for c in props.get(PK + "cue", [])}, key=lambda c: (-len(c), c)))
        short = str(next(iter(props.get(SKOS + "notation", [])), labels.get("zh", "")))
        out.append(Topic(s.removeprefix(TOPIC), labels.get("zh", ""), labels.get("en", ""), short, cues, alt))
    return tuple(out)


@cache
def narrower_terms() -> tuple[tuple[str, ...], ...]:
    """The names (skos:prefLabel@zh first, then skos:altLabel@zh), folded, of each concept
    narrower than a topic (skos:broader): 产假, 产休假 of pkt:maternity-leave."""
    out = []
    for props in by_subject("topics.ttl").values():
        if SKOS + "Concept" in props.get(RDF + "type", []) and SKOS + "broader" in props:
            names = [str(lab).translate(FOLD) for p in ("prefLabel", "altLabel") for lab in props.get(SKOS + p, [])
                     if getattr(lab, "language", None) == "zh"]
            out.append(tuple(dict.fromkeys(names)))
    return tuple(out)


@cache
def synonym_groups() -> tuple[tuple[str, ...], ...]:
    """The thesaurus's words that name one thing, the preferred first: each topic's names
    that are its cues (食品安全, 饮食安全), each narrower term's names (产假, 产休假); groups
    of two or more."""
    groups = [tuple(n for n in (t.zh.translate(FOLD), *t.alt) if n in t.cues) for t in topic_scheme()]
    return tuple(g for g in (*groups, *narrower_terms()) if len(g) > 1)


@cache
def topics_of(text: str) -> tuple[str, ...]:
    """Keys of the topics whose cue words occur in `text`, in column order."""
    folded = text.translate(FOLD)
    return tuple(t.key for t in topic_scheme() if any(c in folded for c in t.cues))


@cache
def related_words(word: str) -> tuple[str, ...]:
    """What `who` also looks for when asked about `word` (`search.thesaurus_words`): the
    names (skos:prefLabel, skos:altLabel) of each topic that `word` names or is a cue of,
    those that are cue words themselves, `word` left out: 食品安全 → 饮食安全, 食堂 →
    食品安全, 饮食安全. Only a topic's names, not all its cues: a statement of 审批 is not
    one of 登记 (pkt:registration), and on the seeds every cue brought more noise than
    answers (tests/bench/bench_query.py: MAP 0.79 → 0.74–0.78). A narrower term's name
    brings its other names (产假 → 产休假), not its topic's. Empty outside the thesaurus."""
    key = word.translate(FOLD)
    out: list[str] = []
    for t in topic_scheme():
        names = (t.zh.translate(FOLD),) + t.alt
        if key in names or key in t.cues:
            out += [n for n in names if n in t.cues and n != key and n not in out]
    for names in narrower_terms():
        if key in names:
            out += [n for n in names if n != key and n not in out]
    return tuple(out)
