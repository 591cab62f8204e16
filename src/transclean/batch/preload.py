"""Warm the pipeline once in the forkserver, so every worker forked from it starts ready.

The batch's process pool uses the forkserver start method and names this module as the
server's preload, so importing it happens once per batch, in the server only (never on the CLI's
``--help`` path). Importing it cleans a tiny text with the default options, which imports spaCy
(about a second), loads pymorphy3's dictionaries and the shipped glossary and builds the checks'
indexes; each worker forked afterwards shares all of that copy-on-write instead of rebuilding
it, so a worker starts in milliseconds and needs roughly a third of the private memory (for
the figures, see ``benchmarks/batch.py``). ``gc.freeze()`` keeps the collector from touching,
and so copying, those shared objects.

A failure here is only logged: the worker's own initializer meets it again and reports it with
every article.
"""

import gc
import logging

from transclean import api
from transclean.batch.worker import WARM_UP_TEXT
from transclean.config import Options

try:
    api.clean_document(api.segment_string(WARM_UP_TEXT), Options(),
                       api.load_glossaries(Options()))
except Exception as exc:  # reported per article by worker.init_worker
    logging.getLogger(__name__).debug("warm-up failed: %s", exc)
gc.freeze()
