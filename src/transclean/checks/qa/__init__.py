"""Quality checks of a translated article: one module per rule, each a self-contained Check.

- ``untranslated:UntranslatedCheck``  ``qa.untranslated``    warning, no fix
- ``doubled:DoubledWordCheck``        ``qa.doubled-word``    warning, autofix
- ``spacing:SpacingCheck``            ``qa.spacing``         info, autofix
- ``gloss:RedundantGlossCheck``       ``qa.redundant-gloss`` warning, fix proposed for review
- ``script:MixedScriptCheck``         ``qa.mixed-script``    warning, autofix
- ``brackets:BracketsCheck``          ``qa.brackets``        warning, no fix
- ``numbers:NumbersCheck``            ``qa.numbers``         warning, fix proposed for review

A fix the check itself doubts carries ``flag.data["safe"] == "no"`` and is applied only after
review, even under an autofix rule. Nothing is imported here: ``transclean.checks.BUILTIN_CHECKS``
names each module and class, loaded on first use.
"""
