"""Extraction as a pure function of a document: (text, publication date, registry) -> events.

``extract_events(text, source=..., published=..., registry=...)`` is the public form: what
``tracker ingest`` finds in one document, as ``tracker.model.Event`` objects, with no event
log involved. Their ``to_dict()`` rows, one JSON object a line, are what ``tracker import``
reads, so any engine that can map a function over files (``tracker.distributed`` shows Dask)
can extract and one ``tracker import`` merges.

``extract_files(names, ...)`` is what ``tracker ingest -j N`` runs: every file extracted on
its own (in N worker processes when N > 1), the results given back in the order of ``names``,
so the one writer commits them in document order and any N gives the same log. That holds
because a document's events depend on nothing but the document and the registry as the batch
found it (``tracker.ingest.pipeline.company_mentions``: companies an ingest adds are not looked
up by later documents, only within their own document's second pass).

This module imports only light modules at its top (``tracker.api`` imports it for every
command); the extractor itself is imported when there is a document to read.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache
from pathlib import Path

from tracker.errors import TrackerError
from tracker.model import Event
from tracker.registry import Registry

# The default cap on one news document (``textio.max_input_bytes`` reads $TRACKER_MAX_INPUT_MB):
# no news article comes near it; past it a file is most likely a dump or data.
MAX_NEWS_BYTES = 8 * 1024 * 1024


@dataclass
class Extracted:
    """What one document gave: its events (in the order the text tells them) and the registry
    rows of companies first met in it; or, for a file that could not be read, why."""

    name: str
    events: list[Event] = field(default_factory=list)
    new_rows: list[dict] = field(default_factory=list)
    traces: list[dict] = field(default_factory=list)  # with explain: one per event
    articles: int = 0
    problem: str | None = None  # the file was not read: "NAME: why"
    no_text: bool = False  # a web page in which no article text was found


# ------------------------------------------------------------------------------ public API


def extract_events(
    text: str,
    *,
    source: str = "stdin",
    published: date | None = None,
    registry: Registry | list[dict] | None = None,
) -> list[Event]:
    """Every dated company event ``tracker ingest`` finds in one document's text.

    ``text`` is the file's text as read (plain text, or a web page's HTML, which is reduced to
    its article first); ``source`` is the document's name as the events' sources record it (a
    file name); ``published`` dates every article of the text, as ``--published`` does (None:
    the text's own dates, else its front matter's or page's); ``registry`` is the company
    registry to resolve names with (a ``tracker.registry.Registry`` or its rows; None: the
    registry that ships with tracker; an event log's is ``tracker.api.Tracker(path).registry``).
    Companies the registry does not know keep the names the text gives them. The registry is not
    changed and nothing is written: the result depends only on the arguments.
    """
    from tracker.ingest.document import read_document

    if registry is None:
        registry = shipped_registry()
    elif not isinstance(registry, Registry):
        registry = Registry(list(registry))
    document = read_document(source, text)
    return extract_document(document, registry, shipped_facts(), published).events


@lru_cache(maxsize=1)
def shipped_registry() -> Registry:
    from tracker import curated

    return Registry(curated.shipped_companies())


@lru_cache(maxsize=1)
def shipped_facts() -> list[dict]:
    """The curated facts about the seed documents' articles (titles, offsets, dates), by doc name."""
    from tracker import curated

    return curated.shipped_articles()


# ------------------------------------------------------------------------------ one document


def read_news(name: str, limit: int | None = None):
    """The document of a news file or '-': a web page reduced to its article, text as it is.
    Without ``limit``, the cap on one document ($TRACKER_MAX_INPUT_MB, ``textio.max_input_bytes``)."""
    from tracker.ingest.document import read_document
    from tracker.textio import max_input_bytes, printable_name, read_text

    limit = max_input_bytes() if limit is None else limit
    raw, _ = read_text(name, limit)
    return read_document("stdin" if name == "-" else printable_name(Path(name).name), raw)


def date_undated(articles, published: date | None) -> None:
    """A web page's own publication date dates the articles its text does not date (a dateline
    or a dated heading in the text is closer to the story than the page's date, which may be
    the date of a later reprint); ``--published`` still overrides both."""
    if published is None:
        return
    for article in articles:
        if article.published is None:
            article.published, article.basis = published, "text"


def with_url(events: list[Event], url: str | None) -> list[Event]:
    """The events with the document's address on their sources."""
    if not url:
        return events
    return [replace(event, sources=tuple(replace(s, url=url) for s in event.sources)) for event in events]


def extract_document(document, registry: Registry, facts: list[dict], published: date | None = None,
                     explain: bool = False) -> Extracted:
    """The events of a document read (``tracker.ingest.document.Document``)."""
    from tracker.ingest import extract, split_articles

    articles = split_articles(document.text, document.name, facts)
    date_undated(articles, document.published)
    if explain:
        found, rows, traces = extract(document.text, document.name, registry, facts, published, articles, explain=True)
    else:
        (found, rows), traces = extract(document.text, document.name, registry, facts, published, articles), []
    return Extracted(name=document.name, events=with_url(found, document.url), new_rows=rows, traces=traces,
                     articles=len(articles), no_text=bool(document.html and not document.text))


def extract_file(name: str, registry: Registry, facts: list[dict], published: date | None = None,
                 explain: bool = False, document=None) -> Extracted:
    """The events of a news file (or of ``document``, already read from it); a file that is
    missing or not text gives its problem instead."""
    if document is None:
        try:
            document = read_news(name)
        except TrackerError as exc:  # not text, too large, no permission
            return Extracted(name=name, problem=str(exc))
    return extract_document(document, registry, facts, published, explain)


# ------------------------------------------------------------------------------ many documents


def default_jobs() -> int:
    """The cores this process may run on (its CPU affinity where the system says)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


def extract_files(names: list[str], registry: Registry, facts: list[dict], published: date | None = None,
                  explain: bool = False, jobs: int = 1, while_workers=None) -> Iterator[Extracted]:
    """Each file's ``Extracted``, in the order of ``names``; with ``jobs`` > 1 the files are
    extracted in that many worker processes. Standard input ('-') is read here, as a worker
    cannot read it. ``while_workers()``, when given, is run by this process once the workers
    have their files, before it waits for the first (not at all without workers)."""
    tasks = [(name, _read_stdin() if name == "-" else None) for name in names]
    jobs = min(jobs, len(tasks))
    if jobs <= 1:
        for name, document in tasks:
            yield _extracted(name, document, registry, facts, published, explain)
        return
    yield from _in_workers(tasks, jobs, (registry, facts, published, explain), while_workers)


def _read_stdin():
    try:
        return read_news("-")
    except TrackerError as exc:
        return exc


def _extracted(name, document, registry, facts, published, explain) -> Extracted:
    if isinstance(document, TrackerError):
        return Extracted(name=name, problem=str(document))
    return extract_file(name, registry, facts, published, explain, document)


def _chunk_size(files: int, jobs: int) -> int:
    """Files handed to a worker at a time: enough that passing them costs little next to
    extracting (a few ms against ~30 ms a file), few enough that the workers end together."""
    return max(1, min(16, files // (jobs * 8)))


def _in_workers(tasks, jobs: int, setup: tuple, while_workers=None) -> Iterator[Extracted]:
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    context = _context()
    if context.get_start_method() == "fork":
        _warm(setup[0], setup[1])
    executor = None
    try:
        with _interrupts_held():
            executor = ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_start_worker, initargs=setup)
            order = _largest_first(tasks)
            results = executor.map(_work, [tasks[i] for i in order], chunksize=_chunk_size(len(tasks), jobs))  # forks the workers
        if while_workers is not None:
            while_workers()
        yield from _in_given_order(results, order)
    except BrokenProcessPool:
        raise TrackerError("a worker process ended abruptly (out of memory?); nothing was written (try fewer --jobs)") from None
    except BaseException:  # an interrupt, an error, or the reader stopped reading: no file is worth finishing
        if executor is not None:
            _stop_workers(executor)
        raise
    finally:
        if executor is not None:
            executor.shutdown(wait=True, cancel_futures=True)


def _largest_first(tasks) -> list[int]:
    """The tasks' indexes, largest file first (equal sizes in their order): the workers start on
    the long documents, and the short ones fill in at the end, so that they finish together (in
    the order given, a long document handed out last kept one worker busy while the other idled:
    the seeds' 63 KB document)."""
    def size(task) -> int:
        name, document = task
        if document is not None:  # standard input, read already
            return len(getattr(document, "text", "") or "")
        try:
            return os.stat(name).st_size
        except OSError:  # a missing file: its worker only says so
            return 0

    sizes = [size(task) for task in tasks]
    return sorted(range(len(tasks)), key=lambda i: -sizes[i])


def _in_given_order(results, order: list[int]) -> Iterator[Extracted]:
    """The results of the tasks taken in ``order``, given back in the tasks' own order, each as
    soon as every one before it is in."""
    waiting: dict[int, Extracted] = {}
    next_index = 0
    for index, result in zip(order, results):
        waiting[index] = result
        while next_index in waiting:
            yield waiting.pop(next_index)
            next_index += 1


@contextmanager
def _interrupts_held():
    """Ctrl-C held back while the workers are forked: a worker is born with SIGINT blocked and
    ignores it before it unblocks it (``_start_worker``), so an interrupt that lands during the
    fork neither kills a half-started worker (leaving the pool to hang) nor is lost; this
    process gets it as soon as the block ends."""
    if not hasattr(signal, "pthread_sigmask"):  # Windows: no signal masks
        yield
        return
    held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


def _stop_workers(executor) -> None:
    terminate = getattr(executor, "terminate_workers", None)  # Python 3.14+
    if terminate is not None:
        terminate()
        return
    for process in list((getattr(executor, "_processes", None) or {}).values()):
        process.terminate()


def _context():
    """fork where it is safe (Linux): a worker starts in milliseconds with what this process has
    imported, and the registry is inherited, not copied through a pipe. Elsewhere the platform's
    default (spawn on macOS and Windows)."""
    import multiprocessing

    return multiprocessing.get_context("fork" if sys.platform.startswith("linux") else None)


def _warm(registry: Registry, facts: list[dict]) -> None:
    """Load what every extraction needs (the pipeline's modules, its models, the registry's
    name finder: ~0.3 s of CPU) once, before the workers are forked, so they share it instead of
    each building its own."""
    from tracker.ingest.document import read_document

    extract_document(read_document("warm-up.txt", "Acme Networks said on Monday it had signed a deal.\n"), registry, facts)


_setup: tuple | None = None


def _start_worker(registry, facts, published, explain) -> None:
    global _setup
    _setup = (registry, facts, published, explain)
    # Ctrl-C is the writer's to handle: it stops handing out files and exits with one line,
    # instead of every worker printing a traceback. The worker was forked with SIGINT blocked
    # (``_interrupts_held``): ignored first, then unblocked, one pending is dropped.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


def _work(task) -> Extracted:
    name, document = task
    return _extracted(name, document, *_setup)
