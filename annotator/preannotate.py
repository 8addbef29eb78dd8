"""The batch driver behind `annotator preannotate`: many documents through the engine
into one SQLite database.

Worker processes each load the pipeline once and analyse batches of texts; the main
process is the only writer and commits each document in its own transaction, so a
killed run loses at most the documents in flight and the next run carries on. Bad input
and engine failures become rows in ``errors`` and never stop the batch.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import queue
import signal
import sqlite3
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import IO

from annotator import engine, nlp, store
from annotator.inputs import Fields, InputError, Item, count_inputs, read_inputs
from annotator.records import Analysis, Document, Speaker

# Longer texts are analysed in pieces of about this size: it bounds a worker's memory
# (Stanza's objects take ~1 kB a word), while a whole long-read (~10,000 words) still
# goes through in one piece, so its speakers are linked across all of it.
CHUNK_CHARS = 60_000
BATCH_WORDS = 4_000  # a worker gathers queued documents up to this many words per call
QUEUE_PER_WORKER = 32  # documents queued per worker, so none waits for the writer
LOG_EVERY_S = 10.0  # plain progress lines (no terminal) at most this often
POLL_S = 1.0


class PreannotateError(RuntimeError):
    """The batch cannot go on (models missing, a worker died); the message says why."""


def default_workers() -> int:
    """Two processes on this 2-core machine gave the best throughput (see benchmarks/)."""
    return max(1, min(2, os.cpu_count() or 1))


# ---- long texts ------------------------------------------------------------------------

def split_chunks(text: str, size: int = CHUNK_CHARS) -> list[tuple[int, str]]:
    """Cut ``text`` into (offset, piece) pieces of about ``size`` characters that cover it
    exactly. Cuts fall after a paragraph break (a blank line, else a line break); only a
    paragraph longer than four pieces is cut inside, after a sentence or a space."""
    pieces: list[tuple[int, str]] = []
    start, n = 0, len(text)
    while n - start > size:
        cut = _cut(text, start, size)
        pieces.append((start, text[start:cut]))
        start = cut
    pieces.append((start, text[start:]))
    return pieces


def _cut(text: str, start: int, size: int) -> int:
    low, high = start + size // 4, start + size
    for sep in ("\n\n", "\n"):  # the last paragraph break before the size
        i = text.rfind(sep, low, high)
        if i != -1:
            return i + len(sep)
    i = text.find("\n", high, start + 4 * size)  # or let a long paragraph finish
    if i != -1:
        while i < len(text) and text[i] == "\n":
            i += 1
        return i
    for sep in (". ", "? ", "! ", " "):  # a paragraph too long: cut between sentences
        i = text.rfind(sep, low, high)
        if i != -1:
            return i + len(sep)
    return high


def merge_chunks(parts: list[tuple[int, Analysis]]) -> Analysis:
    """One Analysis for the whole text from the analyses of its pieces: every offset is
    shifted by its piece's start, and a speaker found in several pieces becomes one."""
    if len(parts) == 1 and parts[0][0] == 0:
        return parts[0][1]
    attributions, speakers = [], {}
    for offset, analysis in parts:
        for a in analysis.attributions:
            for f in ("content", "cue", "speaker"):
                for end in ("_start", "_end"):
                    if getattr(a, f + end) is not None:
                        setattr(a, f + end, getattr(a, f + end) + offset)
            attributions.append(a)
        for s in analysis.speakers:
            mentions = [(b + offset, e + offset) for b, e in s.mentions]
            same = speakers.get((s.name, s.type))
            if same is None:
                speakers[(s.name, s.type)] = Speaker(s.name, s.role, s.type, mentions)
            else:
                same.role = same.role or s.role
                same.mentions.extend(mentions)
    return Analysis(attributions, list(speakers.values()))


# ---- worker processes ------------------------------------------------------------------

def _die_with_parent(parent_pid: int) -> None:
    """Ask Linux to kill this worker when the writer dies (even by SIGKILL)."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
    if os.getppid() != parent_pid:
        os._exit(1)


def _next_batch(tasks, parent_pid: int) -> list[tuple[str, str]] | None:
    """Block for one document, then take what else is queued up to BATCH_WORDS words.
    None when the writer says there is nothing more (or has gone)."""
    while True:
        try:
            task = tasks.get(timeout=POLL_S)
            break
        except queue.Empty:
            if os.getppid() != parent_pid:
                return None
    if task is None:
        return None
    batch, words = [task], store.word_count(task[1])
    while words < BATCH_WORDS:
        try:
            task = tasks.get_nowait()
        except queue.Empty:
            break
        if task is None:
            tasks.put(None)  # leave the stop signal for the next loop
            break
        batch.append(task)
        words += store.word_count(task[1])
    return batch


def _analyse_batch(batch: list[tuple[str, str]], model_dir, results) -> None:
    """Analyse the documents of ``batch`` in one engine call and send each result as it
    comes. If the engine fails, the documents not yet sent are analysed one by one so that
    only the one at fault is reported."""
    pieces: list[tuple[str, int, int, str]] = []  # (doc_id, pieces of the doc, offset, text)
    for doc_id, text in batch:
        chunks = split_chunks(text)
        pieces.extend((doc_id, len(chunks), offset, chunk) for offset, chunk in chunks)
    parts: dict[str, list[tuple[int, Analysis]]] = {}
    sent: set[str] = set()
    try:
        found = engine.analyse_many((p[3] for p in pieces), model_dir=model_dir)
        for (doc_id, n, offset, _), analysis in zip(pieces, found, strict=False):
            parts.setdefault(doc_id, []).append((offset, analysis))
            if len(parts[doc_id]) == n:
                results.put(("ok", doc_id, merge_chunks(parts.pop(doc_id))))
                sent.add(doc_id)
        missing = [doc_id for doc_id, _ in batch if doc_id not in sent]
        if missing:
            raise RuntimeError(f"the engine returned no analysis for {len(missing)} texts")
    except Exception as exc:
        if _is_model_error(exc):
            raise
        for doc_id, text in batch:
            if doc_id in sent:
                continue
            try:
                parts_one = [(offset, engine.analyse(chunk, model_dir=model_dir))
                             for offset, chunk in split_chunks(text)]
                results.put(("ok", doc_id, merge_chunks(parts_one)))
            except Exception as one_exc:
                if _is_model_error(one_exc):
                    raise
                results.put(("error", doc_id, f"{type(one_exc).__name__}: {one_exc}"))


def _is_model_error(exc: BaseException) -> bool:
    from annotator.nlp import ModelError

    return isinstance(exc, ModelError | ImportError | NotImplementedError)


def worker_main(model_dir, tasks, results, parent_pid: int) -> None:
    """A worker process: analyse batches from ``tasks`` until told to stop."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the writer decides when to stop
    _die_with_parent(parent_pid)
    try:
        while (batch := _next_batch(tasks, parent_pid)) is not None:
            _analyse_batch(batch, model_dir, results)
    except Exception as exc:
        results.put(("fatal", None, f"{type(exc).__name__}: {exc}"))


class WorkerPool:
    """Worker processes started on demand (one document loads one pipeline), fed
    through one task queue; results come back on one queue, in completion order."""

    def __init__(self, size: int, model_dir=None):
        self.size, self.model_dir = size, model_dir
        self.ctx = mp.get_context("spawn")
        self.tasks = self.ctx.Queue()
        self.results = self.ctx.Queue()
        self.procs: list = []
        self.queued = 0

    def submit(self, doc_id: str, text: str) -> None:
        self.tasks.put((doc_id, text))
        self.queued += 1
        if len(self.procs) < self.size and self.queued > len(self.procs):
            self._start()  # another pipeline only when there is work waiting for it

    def _start(self) -> None:
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN)  # workers inherit "ignore"
        try:
            proc = self.ctx.Process(target=worker_main, name=f"annotator-worker-{len(self.procs)}",
                                    args=(self.model_dir, self.tasks, self.results, os.getpid()),
                                    daemon=True)
            proc.start()
        finally:
            signal.signal(signal.SIGINT, previous)
        self.procs.append(proc)

    def get(self) -> tuple[str, str | None, object]:
        """The next (status, doc_id, payload); raises PreannotateError if a worker died."""
        while True:
            try:
                message = self.results.get(timeout=POLL_S)
            except queue.Empty:
                dead = [p for p in self.procs if not p.is_alive()]
                if dead:
                    raise PreannotateError(
                        f"worker process {dead[0].name} stopped (exit code {dead[0].exitcode}); "
                        "documents already written are kept: run the command again to go on"
                    ) from None
                continue
            if message[0] in ("ok", "error"):
                self.queued -= 1
            return message

    def close(self, wait: float = 30.0) -> None:
        """Stop the workers: politely when they are idle, by force after ``wait`` s."""
        for _ in self.procs:
            self.tasks.put(None)
        deadline = time.monotonic() + wait
        for p in self.procs:
            p.join(max(0.0, deadline - time.monotonic()))
        self.terminate()

    def terminate(self) -> None:
        for p in self.procs:
            if p.is_alive():
                p.terminate()
        for p in self.procs:
            p.join(5)
            if p.is_alive():
                p.kill()
        self.tasks.cancel_join_thread()
        self.results.cancel_join_thread()


# ---- progress --------------------------------------------------------------------------

@dataclass
class Summary:
    """What one run did; ``doc_ids`` are the input documents now in the database, in
    input order."""

    done: int = 0
    skipped: int = 0
    failed: int = 0
    attributions: int = 0
    words: int = 0
    seconds: float = 0.0
    status: str = "finished"
    run_id: int | None = None
    doc_ids: list[str] = field(default_factory=list)

    @property
    def words_per_second(self) -> float:
        return self.words / self.seconds if self.seconds else 0.0

    @property
    def docs_per_second(self) -> float:
        return self.done / self.seconds if self.seconds else 0.0

    def line(self) -> str:
        total = self.done + self.skipped + self.failed
        return (f"{self.status}: {total} documents: {self.done} done, {self.skipped} skipped, "
                f"{self.failed} failed; {self.attributions} attributions; {self.words:,} words "
                f"in {self.seconds:.1f} s ({self.words_per_second:,.0f} words/s, "
                f"{self.docs_per_second:.2f} documents/s)")


class Progress:
    """A tqdm bar on a terminal (documents, words/s, ETA); plain log lines otherwise."""

    def __init__(self, total: int | None, out: IO[str], bar: bool):
        self.out, self.total, self.started = out, total, time.monotonic()
        self.last_log = self.started
        self.bar = None
        if bar:
            from tqdm import tqdm

            self.bar = tqdm(total=total, unit="doc", file=out, dynamic_ncols=True,
                            smoothing=0.1)

    def update(self, summary: Summary) -> None:
        elapsed = time.monotonic() - self.started
        rate = summary.words / elapsed if elapsed else 0.0
        if self.bar is not None:
            self.bar.update(1)
            self.bar.set_postfix_str(f"{rate:,.0f} words/s, {summary.failed} failed",
                                     refresh=False)
        elif time.monotonic() - self.last_log >= LOG_EVERY_S:
            self.last_log = time.monotonic()
            seen = summary.done + summary.skipped + summary.failed
            of = f"/{self.total}" if self.total else ""
            self.write(f"preannotate: {seen}{of} documents ({summary.done} done, "
                       f"{summary.skipped} skipped, {summary.failed} failed), "
                       f"{rate:,.0f} words/s, {summary.done / elapsed:.2f} documents/s")

    def write(self, line: str) -> None:
        if self.bar is not None:
            self.bar.write(line, file=self.out)
        else:
            print(line, file=self.out, flush=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


# ---- the batch -------------------------------------------------------------------------

def _raise_interrupt(signum, frame):
    raise KeyboardInterrupt


@dataclass
class _Batch:
    """The state of one run, held by the writer (the main process)."""

    db: object
    version: str
    force: bool
    progress: Progress
    summary: Summary
    run_id: int
    seen: dict[str, tuple[str, str]] = field(default_factory=dict)  # id -> (sha256, where)
    stored: dict[str, None] = field(default_factory=dict)  # input order, done or skipped
    inflight: dict[str, tuple[Document, str]] = field(default_factory=dict)

    def fail(self, where: str, stage: str, message: str, doc_id: str | None = None) -> None:
        store.record_error(self.db, self.run_id, where, stage, message, doc_id)
        self.summary.failed += 1
        self.progress.write(f"error: {where}: {message}")
        self.progress.update(self.summary)

    def skip(self, doc_id: str | None) -> None:
        self.summary.skipped += 1
        if doc_id is not None:
            self.stored[doc_id] = None
        self.progress.update(self.summary)

    def triage(self, where: str, item: Document | InputError) -> Document | None:
        """The document if it needs the engine; otherwise record why not and return None."""
        if isinstance(item, InputError):
            self.fail(item.location, "input", item.message, item.doc_id)
            return None
        sha = store.text_sha256(item.text)
        if item.id in self.seen:
            first_sha, first_where = self.seen[item.id]
            if first_sha == sha:
                self.skip(None)  # the same document twice in the input
            else:
                self.fail(where, "input", f"duplicate id {item.id!r} with a different text "
                                          f"(first seen at {first_where})", item.id)
            return None
        self.seen[item.id] = (sha, where)
        row = store.document_row(self.db, item.id)
        if row is not None and row["sha256"] != sha:
            reviews = store.review_count(self.db, item.id)
            if not self.force:
                self.fail(where, "input", f"id {item.id!r} is already in the database with a "
                                          "different text; use --force to replace it", item.id)
                return None
            if reviews:
                self.fail(where, "input", f"id {item.id!r} has {reviews} reviews on its stored "
                                          "text; not replacing it with a different text",
                          item.id)
                return None
        if not self.force and not store.needs_annotation(self.db, item.id, sha, self.version):
            self.skip(item.id)
            return None
        self.stored[item.id] = None
        return item

    def save(self, message: tuple[str, str | None, object]) -> None:
        status, doc_id, payload = message
        doc, where = self.inflight.pop(doc_id)
        if status == "error":
            self.stored.pop(doc_id)
            self.fail(where, "engine", str(payload), doc_id)
            return
        try:
            with store.write_transaction(self.db):
                found = store.save_analysis(self.db, doc, payload, self.version, self.run_id)
                words = store.word_count(doc.text)
                self.db.execute("update runs set documents_done = documents_done + 1, "
                                "attributions = attributions + ?, words = words + ? "
                                "where id = ?", [found, words, self.run_id])
        except (ValueError, sqlite3.Error) as exc:
            self.stored.pop(doc_id)
            self.fail(where, "store", f"{type(exc).__name__}: {exc}", doc_id)
            return
        self.summary.done += 1
        self.summary.attributions += found
        self.summary.words += words
        self.progress.update(self.summary)


def preannotate(inputs: Iterable[str], db_path: str | os.PathLike, *,
                workers: int | None = None, force: bool = False, limit: int | None = None,
                model_dir=None, fields: Fields | None = None, command: str = "preannotate",
                stdin: IO[bytes] | None = None, err: IO[str] | None = None,
                progress_bar: bool | None = None) -> Summary:
    """Annotate every document in ``inputs`` into the database at ``db_path``.

    :param workers: analysing processes (default: ``default_workers()``)
    :param force: re-annotate documents already done with the same text and models
    :param limit: send at most this many documents to the engine
    :param progress_bar: a tqdm bar (default: when ``err`` is a terminal)
    Raises StoreError (database refused) or PreannotateError (the batch cannot go on).
    """
    inputs = list(inputs)
    err = err or sys.stderr
    started = time.monotonic()
    db = store.open_db(db_path)
    # WAL + NORMAL: a commit survives the process being killed, only a power cut can lose
    # the last few, and a rerun redoes them; FULL would fsync every document
    db.execute("PRAGMA synchronous = NORMAL")
    try:  # fail before any process starts when the model files are missing
        nlp.pipeline_kwargs(nlp.model_dir(model_dir))
        version = engine.model_version(model_dir)
    except Exception as exc:
        db.close()
        raise PreannotateError(str(exc)) from exc
    run_id = store.start_run(db, command, version)
    summary = Summary(run_id=run_id)
    if progress_bar is None:
        progress_bar = err.isatty()
    progress = Progress(count_inputs(inputs), err, progress_bar)
    batch = _Batch(db, version, force, progress, summary, run_id)
    pool = WorkerPool(workers or default_workers(), model_dir)
    previous_term = signal.signal(signal.SIGTERM, _raise_interrupt)
    try:
        _run(batch, pool, read_inputs(inputs, fields, stdin), limit)
        pool.close()
    except KeyboardInterrupt:
        summary.status = "interrupted"
        pool.terminate()
    except BaseException:
        summary.status = "aborted"
        pool.terminate()
        raise
    finally:
        signal.signal(signal.SIGTERM, previous_term)
        progress.close()
        summary.doc_ids = [d for d in batch.stored if d not in batch.inflight]
        summary.seconds = time.monotonic() - started
        # the runs row is counted in each document's own transaction: it is exact even
        # when a signal lands between a commit and the in-memory count
        summary.done, summary.attributions, summary.words = db.execute(
            "select documents_done, attributions, words from runs where id = ?",
            [run_id]).fetchone()
        store.finish_run(db, run_id, status=summary.status, documents_done=summary.done,
                         documents_skipped=summary.skipped, documents_failed=summary.failed,
                         attributions=summary.attributions, words=summary.words,
                         seconds=round(summary.seconds, 3))
        db.close()
    return summary


def _run(batch: _Batch, pool: WorkerPool, items: Iterator[Item], limit: int | None) -> None:
    """Keep every worker fed and write each result as it comes back."""
    sent, exhausted = 0, False
    while not exhausted or batch.inflight:
        while not exhausted and len(batch.inflight) < QUEUE_PER_WORKER * pool.size:
            if limit is not None and sent >= limit:
                exhausted = True
                break
            try:
                where, item = next(items)
            except StopIteration:
                exhausted = True
                break
            doc = batch.triage(where, item)
            if doc is not None:
                batch.inflight[doc.id] = (doc, where)
                pool.submit(doc.id, doc.text)
                sent += 1
        if batch.inflight:
            status, doc_id, payload = pool.get()
            if status == "fatal":
                raise PreannotateError(f"a worker cannot analyse documents: {payload}")
            batch.save((status, doc_id, payload))


# ---- showing what was found ------------------------------------------------------------

def shorten(text: str, width: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def format_attribution(row: dict) -> str:
    """One readable line: kind, speaker (role), cue, the content shortened."""
    who = row.get("speaker_name") or row.get("speaker") or "(no speaker)"
    if row.get("speaker_role"):
        who += f" ({row['speaker_role']})"
    cue = row.get("cue") or "-"
    return f"  {row['kind']:<8} {who} | {cue} | \u201c{shorten(row['content'] or '')}\u201d"


def show(db_path: str | os.PathLike, doc_ids: Iterable[str]) -> Iterator[str]:
    """Lines listing the stored attributions of ``doc_ids``, document by document."""
    db = store.open_db(db_path, create=False)
    try:
        for doc_id in dict.fromkeys(doc_ids):
            rows = list(db["attributions"].rows_where("doc_id = ?", [doc_id],
                                                      order_by="content_start, content_end"))
            yield f"{doc_id}: {len(rows)} attributions"
            for row in rows:
                yield format_attribution(row)
    finally:
        db.close()
