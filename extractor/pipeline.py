"""The stages run in order: `process(path)` = load → parse → extract, as one call."""
from __future__ import annotations

from pathlib import Path

from .load import load, load_bytes
from .model import Document
from .parse import parse


def process(path: str | Path, *, facts: bool = True) -> Document:
    """Load, parse and (unless `facts` is False) extract the notice at `path`."""
    doc = parse(load(path))
    return _extract(doc) if facts else doc


def process_bytes(data: bytes, name: str = "<bytes>", *, facts: bool = True) -> Document:
    doc = parse(load_bytes(data, name))
    return _extract(doc) if facts else doc


def _extract(doc: Document) -> Document:
    from .extract import extract

    return extract(doc)
