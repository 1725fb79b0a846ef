"""`python -m extractor` runs the `policykg` command."""
from .cli import main

main()
