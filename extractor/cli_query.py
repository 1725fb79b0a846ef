"""CLI commands of the query stage (registered on `cli.app`)."""
from __future__ import annotations
