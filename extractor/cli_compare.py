"""CLI commands of the compare and view stages (registered on `cli.app`)."""
from __future__ import annotations
