"""Warm the pipeline once in the forkserver, so every worker forked from it starts ready.

The batch's process pool uses the forkserver start method and names this module as the
server's preload, so importing it happens once per batch, in the server only (never on the CLI's
``--help`` path). Importing it cleans a tiny text with the default options, which imports spaCy
(about half a second), loads pymorphy3's dictionaries and the shipped glossary and builds the
checks' indexes; each worker forked afterwards shares all of that copy-on-write instead of
rebuilding it, so a worker starts in milliseconds and needs roughly a third of the private memory
(for the figures, see ``benchmarks/batch.py``).

The collector follows the pattern the :mod:`gc` documentation gives for a server that forks:
disabled while loading (collections while hundreds of thousands of objects are created took a
tenth of the load time, which every worker waits for; they would find only a few thousand
objects of garbage, left in place), then
``gc.freeze()`` so that no collection in a worker touches, and so copies, the shared objects;
:func:`transclean.batch.worker.init_worker` enables it again in each worker.

A failure here is only logged: the worker's own initializer meets it again and reports it with
every article.
"""

import gc

gc.disable()

import logging  # noqa: E402 (after gc.disable: the imports are most of what is loaded)

from transclean import api  # noqa: E402
from transclean.batch.worker import WARM_UP_TEXT  # noqa: E402
from transclean.config import Options  # noqa: E402

try:
    api.clean_document(api.segment_string(WARM_UP_TEXT), Options(),
                       api.load_glossaries(Options()))
except Exception as exc:  # reported per article by worker.init_worker
    logging.getLogger(__name__).debug("warm-up failed: %s", exc)
gc.freeze()
