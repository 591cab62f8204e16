"""Clean a folder of articles: walk, plan, clean in worker processes, resume, summarise.

    >>> from transclean.batch import run_batch
    >>> result = run_batch("articles/", "cleaned/", formats=["bilingual", "html"], jobs=2)
    >>> result.cleaned, result.unchanged, result.failed, result.exit_code

Workers are separate processes: in a script, call :func:`run_batch` under
``if __name__ == "__main__":``, as with any multiprocessing code.

Modules: :mod:`~transclean.batch.plan` (walking and output names, with the safety rules),
:mod:`~transclean.batch.manifest` (what a rerun may skip), :mod:`~transclean.batch.worker`
(what each worker process runs), :mod:`~transclean.batch.summary` (``flags.csv`` and
``summary.json``), :mod:`~transclean.batch.runner` (the pool).
"""

from transclean.batch.plan import Skipped
from transclean.batch.runner import BatchInterrupted, BatchResult, Listener, default_jobs, run_batch
from transclean.batch.summary import Tally, TermCount
from transclean.batch.worker import Outcome

__all__ = [
    "BatchInterrupted",
    "BatchResult",
    "Listener",
    "Outcome",
    "Skipped",
    "Tally",
    "TermCount",
    "default_jobs",
    "run_batch",
]
