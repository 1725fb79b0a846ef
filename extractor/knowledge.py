"""Reading the domain knowledge kept as Turtle in `ontology/` (one way, cached).

Stages never hard-code department names, numbering styles or page furniture: they ask
this module for the triples of a data file and build their tables from them.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .errors import PolicykgError

PK = "https://w3id.org/policykg/ontology#"
DEPT = "https://w3id.org/policykg/dept/"
SKOS = "http://www.w3.org/2004/02/skos/core#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
SCHEDULES = "https://w3id.org/policykg/meeting/schedules"  # pkm:schedules of cues.ttl: how a rule meets


def ontology_dir() -> Path:
    """`ontology/` beside the package (override with POLICYKG_ONTOLOGY)."""
    env = os.environ.get("POLICYKG_ONTOLOGY")
    return Path(env) if env else Path(__file__).resolve().parent.parent / "ontology"


@cache
def triples(name: str) -> tuple[tuple[str, str, object], ...]:
    """All triples of `ontology/<name>` as (subject IRI, predicate IRI, object).

    Objects are IRIs as `str` or literals as `Literal(value, language)` tuples.
    pyoxigraph parses in milliseconds, so this is cheap even in worker processes.
    """
    import pyoxigraph as ox

    path = ontology_dir() / name
    out = []
    try:
        with path.open("rb") as fh:
            for t in ox.parse(fh, format=ox.RdfFormat.TURTLE, base_iri=PK):
                o = t.object
                obj: object = Literal(o.value, o.language) if isinstance(o, ox.Literal) else o.value
                out.append((t.subject.value, t.predicate.value, obj))
    except OSError as exc:  # an installation without its ontology, or a damaged one
        raise PolicykgError(f"{path}: cannot read the ontology file ({exc.strerror or exc})") from None
    except SyntaxError as exc:
        raise PolicykgError(f"{path}: not valid Turtle ({str(exc).splitlines()[0]})") from None
    return tuple(out)


class Literal(str):
    """A literal's lexical value (it *is* the string) plus its language tag."""

    language: str | None

    def __new__(cls, value: str, language: str | None = None) -> "Literal":
        self = super().__new__(cls, value)
        self.language = language
        return self


def by_subject(name: str) -> dict[str, dict[str, list[object]]]:
    """`{subject: {predicate: [objects…]}}` for `ontology/<name>`, in file order."""
    table: dict[str, dict[str, list[object]]] = {}
    for s, p, o in triples(name):
        table.setdefault(s, {}).setdefault(p, []).append(o)
    return table


@cache
def meeting_parts() -> tuple[tuple[str, str, str], ...]:
    """(notation, zh label, IRI) of the parts someone takes in a joint meeting's meetings
    (pk:meetingParts of policykg.ttl: convener 召集, chair 主持, organiser 组织, supporter 配合,
    attendee 参加, invitee 邀请参加), in file order."""
    return tuple((str(props[SKOS + "notation"][0]),
                  next((str(v) for v in props.get(RDFS + "label", []) if getattr(v, "language", None) == "zh"), ""), s)
                 for s, props in by_subject("policykg.ttl").items() if PK + "meetingParts" in props.get(SKOS + "inScheme", []))


@cache
def period_words() -> dict[str, str]:
    """ISO 8601 period → the word notices write for it (P6M → 每半年), from cues.ttl."""
    out: dict[str, str] = {}
    for props in by_subject("cues.ttl").values():
        for d in props.get(PK + "duration", []):
            cues = props.get(PK + "cue", [])
            if cues:
                out.setdefault(str(d), str(cues[0]))
    return out


@cache
def at_least_word() -> str:
    """The word a rule's times are shown with when they are the least, with no greatest
    (至少 of 每年至少1次): pkc:times-at-least's label in cues.ttl."""
    props = by_subject("cues.ttl").get("https://w3id.org/policykg/cue/times-at-least", {})
    return next((str(v) for v in props.get(SKOS + "prefLabel", []) if getattr(v, "language", None) == "zh"), "")


@cache
def schedule_words() -> dict[str, str]:
    """How a rule's meetings are held → the words for it (regular → 定期, irregular → 不定期,
    regular-or-irregular → 定期或不定期): the concepts of pkm:schedules in cues.ttl, by notation."""
    return {str(props[SKOS + "notation"][0]): next((str(v) for v in props.get(SKOS + "prefLabel", [])
                                                     if getattr(v, "language", None) == "zh"), "")
            for s, props in by_subject("cues.ttl").items()
            if SCHEDULES in props.get(SKOS + "inScheme", ())}


@dataclass(frozen=True)
class BodyKind:
    """A kind of coordination body (a subclass of pk:CoordinationBody in policykg.ttl) and
    the words cues.ttl gives it: those naming the kind, its head post and its deputies'."""

    notation: str  # joint-meeting, leading-group, headquarters
    iri: str  # pk:JointMeeting …
    label: str  # 联席会议 (zh)
    words: tuple[str, ...]  # the words naming a body of the kind (联席会议; 指挥部)
    head: str  # the notation of its head's post role (convenor, group_leader …)
    deputy: str  # … and of its deputies' (deputy_convenor …)
    head_words: tuple[str, ...]  # 召集人; 总指挥, 指挥长
    deputy_words: tuple[str, ...]  # 副召集人; 副总指挥, 副指挥长


@cache
def body_kinds() -> tuple[BodyKind, ...]:
    """The kinds of coordination body, in the order cues.ttl names them (the order a notice
    is read for them: a notice naming 联席会议 is read as a joint meeting first)."""
    onto, cues = by_subject("policykg.ttl"), by_subject("cues.ttl")
    notation = lambda s: str(onto.get(s, {}).get(SKOS + "notation", [""])[0])  # noqa: E731
    words = lambda s: tuple(str(w) for w in cues.get(s, {}).get(PK + "cue", []))  # noqa: E731
    out = []
    for s, props in cues.items():
        head = onto.get(s, {}).get(PK + "headRole")
        if not head or not props.get(PK + "cue"):
            continue
        deputy = onto[s][PK + "deputyHeadRole"][0]
        label = next((str(v) for v in onto[s].get(RDFS + "label", []) if getattr(v, "language", None) == "zh"), "")
        out.append(BodyKind(notation(s), s, label, words(s), notation(head[0]), notation(deputy),
                            words(head[0]), words(deputy)))
    return tuple(out)


def body_kind(notation: str) -> BodyKind | None:
    return next((k for k in body_kinds() if k.notation == notation), None)
