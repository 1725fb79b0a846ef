"""policykg: Chinese government notices (公文) → a knowledge graph.

The pipeline runs one way: ``load → parse → extract → graph → (query | compare | view |
export)``. Each stage is a module with one entry function; the CLI is a thin skin.
"""
__version__ = "0.1.0"
