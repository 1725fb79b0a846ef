"""The ontology files: they load everywhere, every minted pk: term is labelled in zh and en,
and every term the graph stage writes is declared (ours) or noted as reused (standard)."""
from __future__ import annotations

import shutil
import subprocess

import pyoxigraph as ox
import pytest
import rdflib

from docfactory import city_doc, county_doc
from extractor.graph import ACTION, DEPT, MEETING, NUMBERING, PK, RDF, ROLE, to_rdf
from extractor.knowledge import ontology_dir

ONTOLOGY = ontology_dir() / "policykg.ttl"
TTL_FILES = sorted(ontology_dir().glob("*.ttl"))


@pytest.fixture(scope="module")
def ontology() -> rdflib.Graph:
    return rdflib.Graph().parse(ONTOLOGY, format="turtle")


@pytest.fixture(scope="module")
def output_quads():
    return to_rdf(county_doc()) + to_rdf(city_doc())


@pytest.mark.parametrize("path", TTL_FILES, ids=lambda p: p.name)
def test_ontology_files_load_in_rdflib_pyoxigraph_and_rapper(path):
    n = len(rdflib.Graph().parse(path, format="turtle"))
    assert n > 0
    with path.open("rb") as fh:
        assert len(set(ox.parse(fh, format=ox.RdfFormat.TURTLE, base_iri=PK))) == n
    if shutil.which("rapper") is None:
        pytest.skip("rapper (raptor2-utils) not installed")
    run = subprocess.run(["rapper", "-i", "turtle", "-c", str(path)], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert f"returned {n} triples" in run.stderr


def test_header_has_a_version_and_imports_nothing(ontology):
    o = rdflib.URIRef("https://w3id.org/policykg/ontology")
    assert (o, rdflib.RDF.type, rdflib.OWL.Ontology) in ontology
    assert ontology.value(o, rdflib.OWL.versionInfo) is not None
    assert not list(ontology.objects(o, rdflib.OWL.imports)), "owl:imports would make tools download"


def test_every_reused_vocabulary_is_required_by_the_ontology(ontology):
    """Each vocabulary whose terms an ontology file notes as reused (rdfs:isDefinedBy) is one
    the ontology lists with dct:requires: align: (the comparisons' Alignment format) was not."""
    o = rdflib.URIRef("https://w3id.org/policykg/ontology")
    required = {str(v) for v in ontology.objects(o, rdflib.DCTERMS.requires)}
    noted = set()
    for path in TTL_FILES:
        g = rdflib.Graph().parse(path, format="turtle")
        noted |= {str(v) for s, v in g.subject_objects(rdflib.RDFS.isDefinedBy) if not str(s).startswith(PK)}
    noted -= {"https://w3id.org/policykg/ontology", str(rdflib.RDF), str(rdflib.RDFS)}
    assert "http://knowledgeweb.semanticweb.org/heterogeneity/alignment#" in noted
    assert noted <= required, noted - required


def test_every_concept_of_the_data_files_is_labelled_in_zh_and_en():
    """pkx:word-implement, pkx:word-responsible and pkx:word-promote had a Chinese label alone."""
    for path in TTL_FILES:
        g = rdflib.Graph().parse(path, format="turtle")
        for c in g.subjects(rdflib.RDF.type, rdflib.SKOS.Concept):
            langs = {lab.language for p in (rdflib.SKOS.prefLabel, rdflib.RDFS.label) for lab in g.objects(c, p)}
            assert {"zh", "en"} <= langs, (path.name, str(c), langs)


def _minted(ontology: rdflib.Graph) -> set[rdflib.URIRef]:
    return {s for s in ontology.subjects() if isinstance(s, rdflib.URIRef) and str(s).startswith(PK)}


def test_every_minted_term_has_zh_and_en_labels_and_a_definition(ontology):
    minted = _minted(ontology)
    assert len(minted) > 50
    for term in sorted(minted):
        langs = {lab.language for lab in ontology.objects(term, rdflib.RDFS.label)}
        assert {"zh", "en"} <= langs, f"{term}: labels in {langs}"
        has_def = any(ontology.objects(term, rdflib.SKOS.definition)) or any(ontology.objects(term, rdflib.RDFS.comment))
        assert has_def, f"{term}: no skos:definition or rdfs:comment"
        assert any(ontology.objects(term, rdflib.RDF.type)), f"{term}: untyped"


def _pk_terms_in(triples) -> set[str]:
    return {x.value for t in triples for x in t if isinstance(x, ox.NamedNode) and x.value.startswith(PK)}


@pytest.mark.parametrize("path", TTL_FILES, ids=lambda p: p.name)
def test_every_pk_term_used_in_the_data_files_is_declared(path, ontology):
    """Other files (cues, layout, numbering, departments) mint pk: terms too: policykg.ttl
    must declare every one, so the vocabulary has one place that says what each means."""
    with path.open("rb") as fh:
        used = _pk_terms_in((t.subject, t.predicate, t.object) for t in ox.parse(fh, format=ox.RdfFormat.TURTLE,
                                                                                base_iri=PK))
    declared = {str(t) for t in _minted(ontology)}
    assert used - declared == set(), f"{path.name} uses undeclared pk: terms"


def test_every_term_the_graph_writes_is_declared_or_noted(output_quads, ontology):
    declared = {str(t) for t in _minted(ontology)}
    noted = {str(s) for s in ontology.subjects(rdflib.RDFS.isDefinedBy, None)}
    predicates = {q.predicate.value for q in output_quads}
    classes = {q.object.value for q in output_quads if q.predicate.value == RDF + "type"}
    unknown = {t for t in predicates | classes if t not in declared and t not in noted}
    assert unknown == set(), "terms neither minted in policykg.ttl nor noted as reused"


def _concepts(name: str) -> set[str]:
    path = ontology_dir() / name
    if not path.exists():
        return set()
    g = rdflib.Graph().parse(path, format="turtle")
    return {str(s) for s in g.subjects(rdflib.RDF.type, rdflib.SKOS.Concept)}


def test_concepts_the_graph_points_to_exist_in_the_registries(output_quads, ontology):
    objects = {q.object.value for q in output_quads if isinstance(q.object, ox.NamedNode)}
    known = _concepts("cues.ttl") | _concepts("numbering.ttl") | _concepts("policykg.ttl")
    for ns in (ROLE, ACTION, MEETING, NUMBERING):
        used = {o for o in objects if o.startswith(ns)}
        assert used and used <= known, (ns, used - known)
    levels = {q.object.value for q in output_quads if q.predicate.value == PK + "jurisdictionLevel"}
    layout = rdflib.Graph().parse(ontology_dir() / "layout.ttl", format="turtle")
    assert levels and all((rdflib.URIRef(lv), RDF_TYPE, rdflib.URIRef(PK + "JurisdictionLevel")) in layout
                          for lv in levels)


RDF_TYPE = rdflib.RDF.type


def test_department_concepts_exist_in_the_registry(output_quads):
    if not (ontology_dir() / "departments.ttl").exists():
        pytest.skip("ontology/departments.ttl (the department registry) not written yet")
    registry = _concepts("departments.ttl")
    used = {q.object.value for q in output_quads if q.object.value.startswith(DEPT) and
            q.predicate.value.endswith("classification")}
    # the hand-built documents use registry keys as the extractor would; a missing one is a typo here
    assert used <= registry, used - registry


def test_post_roles_cover_every_post_role_of_the_model(ontology):
    notations = {str(n) for s in ontology.subjects(rdflib.SKOS.inScheme, rdflib.URIRef(PK + "postRoles"))
                 for n in ontology.objects(s, rdflib.SKOS.notation)}
    assert {"lead", "liaison", "convenor", "deputy_convenor", "office_director", "member"} <= notations
    for s in ontology.subjects(rdflib.SKOS.inScheme, rdflib.URIRef(PK + "postRoles")):
        assert (s, RDF_TYPE, rdflib.URIRef("http://www.w3.org/ns/org#Role")) in ontology


def test_minted_classes_and_properties_have_standard_anchors(ontology):
    """Minted classes specialise a standard one where one exists."""
    sub = lambda c: {str(o) for o in ontology.objects(rdflib.URIRef(PK + c), rdflib.RDFS.subClassOf)}  # noqa: E731
    assert sub("Notice") == {"http://data.europa.eu/eli/ontology#LegalResource"}
    assert sub("CoordinationBody") == {"http://www.w3.org/ns/org#Organization"}
    for kind in ("JointMeeting", "LeadingGroup", "CommandHeadquarters"):
        assert sub(kind) == {PK + "CoordinationBody"}
    assert sub("TaskAssignment") == {PK + "DutyAssignment"}
    assert sub("SourceText") == {"http://www.w3.org/ns/prov#Entity"}
    for c in ("Zone", "NumberedClause", "TableRow", "Paragraph"):
        assert sub(c) == {"http://data.europa.eu/eli/ontology#LegalResourceSubdivision"}


def test_the_province_registry_says_one_thing_of_each_province():
    """places.ttl: each province's full name ends with the prefix of its level (湖北省: 省,
    内蒙古自治区: 自治区), each of its government codes begins with its abbreviation, and no
    name or code is two provinces'."""
    from extractor.knowledge import PK as K, SKOS as S, by_subject

    layout = by_subject("layout.ttl")
    names, codes, cities = [], [], []
    for s, props in by_subject("places.ttl").items():
        if S + "Concept" not in props.get(str(rdflib.RDF.type), []):
            continue
        if K + "Municipality" in props[str(rdflib.RDF.type)]:  # a 直辖市: 市, no bare prefix of its own
            assert K + "jurisdictionLevel" not in props and [str(x) for x in props[K + "level"]] == ["province"], s
            cities += [str(x) for x in props[S + "prefLabel"] if x.language == "zh" and str(x).endswith("市")]
            continue
        prefix = str(layout[str(props[K + "jurisdictionLevel"][0])][K + "prefix"][0])
        name = [str(x) for x in props[S + "prefLabel"] if x.language == "zh"]
        assert len(name) == 1 and name[0].endswith(prefix), s
        abbreviation = [str(x) for x in props[K + "abbreviation"]]
        assert len(abbreviation) == 1 and props[K + "governmentCode"], s
        assert all(str(c).startswith(abbreviation[0]) for c in props[K + "governmentCode"]), s
        names += name
        codes += [str(c) for c in props[K + "governmentCode"]]
    assert len(names) == 27  # 22 provinces and 5 autonomous regions (not 台湾省, not the 直辖市)
    assert sorted(cities) == sorted(["北京市", "天津市", "上海市", "重庆市"])
    assert len(set(names)) == len(names) and len(set(codes)) == len(codes)
    assert not [a for a in codes for b in codes if a != b and b.startswith(a)]  # no code hides another


def test_no_preferred_label_is_also_an_alternative_one():
    """SKOS integrity condition S13: skos:prefLabel, skos:altLabel and skos:hiddenLabel are
    pairwise disjoint. 人民政府, 党委 and 党委办公室 repeated their prefLabel as a
    pk:prefixedLabel (a sub-property of skos:altLabel): now pk:prefixBound says it."""
    labels = rdflib.Graph()
    for path in ontology_dir().glob("*.ttl"):
        labels.parse(path, format="turtle")
    SKOS = rdflib.SKOS
    subs = {SKOS.altLabel, SKOS.hiddenLabel}
    while True:  # the sub-properties of the alternative and hidden labels, however deep
        more = subs | {s for p in subs for s in labels.subjects(rdflib.RDFS.subPropertyOf, p)}
        if more == subs:
            break
        subs = more
    clashes = sorted((str(c), str(label)) for c, label in labels.subject_objects(SKOS.prefLabel)
                     for p in subs if (c, p, label) in labels)
    assert clashes == []
