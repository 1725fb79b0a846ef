"""Topics of duty and task statements (`ontology/topics.ttl`): the responsibility matrix's
columns, and a small thesaurus for the similarity of duties (饮食安全 and 食品安全 are both
pkt:food-safety).

In: a statement's text. Out: `topics_of(text)` → the keys of the topics whose cue words it
contains, in column order; `topic_scheme()` → the `Topic`s themselves.
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

    @property
    def iri(self) -> str:
        return TOPIC + self.key


@cache
def topic_scheme() -> tuple[Topic, ...]:
    """The topics, in column order (the file order of topics.ttl)."""
    out = []
    for s, props in by_subject("topics.ttl").items():
        if SKOS + "Concept" not in props.get(RDF + "type", []):
            continue
        labels = {getattr(lab, "language", None): str(lab) for lab in props.get(SKOS + "prefLabel", [])}
        cues = tuple(sorted({str(c).translate(FOLD) for c in props.get(PK + "cue", [])}, key=lambda c: (-len(c), c)))
        short = str(next(iter(props.get(SKOS + "notation", [])), labels.get("zh", "")))
        out.append(Topic(s.removeprefix(TOPIC), labels.get("zh", ""), labels.get("en", ""), short, cues))
    return tuple(out)


@cache
def topics_of(text: str) -> tuple[str, ...]:
    """Keys of the topics whose cue words occur in `text`, in column order."""
    folded = text.translate(FOLD)
    return tuple(t.key for t in topic_scheme() if any(c in folded for c in t.cues))
