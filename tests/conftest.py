"""Shared fixtures: the real seeds and the extra notices, parsed once per test session."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
COUNTY = CORPUS / "qimen-county-2021.txt"
CITY = CORPUS / "bayannur-city-2021.txt"
EXTRA = sorted((ROOT / "tests" / "data" / "extra").glob("*.txt"))


@pytest.fixture(scope="session")
def county_parsed():
    from extractor.pipeline import process

    return process(COUNTY, facts=False)


@pytest.fixture(scope="session")
def city_parsed():
    from extractor.pipeline import process

    return process(CITY, facts=False)


@pytest.fixture(scope="session")
def county():
    from extractor.pipeline import process

    return process(COUNTY)


@pytest.fixture(scope="session")
def city():
    from extractor.pipeline import process

    return process(CITY)
