"""Review: editors' decisions on flags, the project ignore list, and the review server.

Modules, each importable on its own (nothing here is imported eagerly, so ``config`` can use
:class:`~transclean.review.ignore.IgnoreEntry` without loading the web framework):

- ``ignore``: the project ignore list ``.transclean/ignore.tsv`` (flags an editor rejected for good)
- ``decisions``: the decisions file ``<article>.decisions.json`` beside an article's outputs
- ``workspace``: one article under review (its flags, decisions, outputs), and batch folders
- ``learn``: turn accepted and typed corrections into glossary entries
- ``web``: the Flask app behind ``transclean review``
"""
