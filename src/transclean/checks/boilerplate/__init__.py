"""Site chrome left by scraping (rule ``boilerplate.chrome``).

- ``chrome``: the check, its named signals and scores, and the removal fixes
- ``patterns``: the editable pattern lists in ``glossaries/boilerplate.*.txt``
"""

from transclean.checks.boilerplate.chrome import CHROME, BoilerplateCheck

__all__ = ["CHROME", "BoilerplateCheck"]
