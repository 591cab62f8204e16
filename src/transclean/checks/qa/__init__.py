"""Quality checks of a translated article: one module per rule, each a self-contained Check.

=====================  ==============================  =========  =======
rule id                check class                     severity   autofix
=====================  ==============================  =========  =======
``qa.untranslated``    ``untranslated:UntranslatedCheck``  warning    no
``qa.doubled-word``    ``doubled:DoubledWordCheck``        warning    yes
``qa.spacing``         ``spacing:SpacingCheck``            info       yes
``qa.redundant-gloss`` ``gloss:RedundantGlossCheck``       warning    no
``qa.mixed-script``    ``script:MixedScriptCheck``         warning    yes
``qa.brackets``        ``brackets:BracketsCheck``          warning    no
``qa.numbers``         ``numbers:NumbersCheck``            warning    no
=====================  ==============================  =========  =======

Nothing is imported here: ``transclean.checks.BUILTIN_CHECKS`` names each module and class, and
loads it on first use.
"""
