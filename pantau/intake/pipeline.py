"""Reading a file into batches of rows, beside the writer: in a second process for a large file.

The writer (importer.py) spends its time in the database; parsing and row
building (rows.py) are the other half of an import's work. For a file over
`PARALLEL_MIN_BYTES` they run in a forked child that feeds the writer
through a bounded queue, so the two halves use the machine's two cores. The
child writes nothing: it only asks, on a connection of its own, which lines
are stored already (`formats.KnownLines`, `stored.StoredLines`), and dies
with its parent (a SIGKILLed import leaves no reader behind); a smaller file
is read in the writer's process by the same generator, so both paths give
the same batches.
"""

import multiprocessing
import os
import queue as queues
import traceback
from dataclasses import dataclass, field

from .formats import FileRejected, RowProblem, Skipped, Unchanged

# Below this size a second process costs more than it saves.
PARALLEL_MIN_BYTES = 4 * 1024 * 1024
# Batches read ahead of the writer: enough to keep it busy, few enough to bound memory.
QUEUE_BATCHES = 2
POLL_SECONDS = 1.0
MAX_PROBLEMS_SENT = 200


@dataclass
class Batch:
    """What the writer commits at once, and the file's position after it (the checkpoint)."""

    position: int
    bytes_read: int = 0
    rows: list = field(default_factory=list)
    # (natural key, references) and (natural key, attachment names) of the rows that have them.
    references: list = field(default_factory=list)
    attachments: list = field(default_factory=list)
    # Items before this batch's end that are not rows: rejected lines and skipped notices.
    problems: list = field(default_factory=list)
    rejected: int = 0
    notices: int = 0
    # Lines skipped unparsed because they are stored already (formats.KnownLines): duplicates.
    unchanged: int = 0
    # The reader's notes, sent with the last batch.
    notes: list | None = None


def batches(source, reader, to_skip: int, batch_size: int):
    """Batches of prepared rows from `reader` (the format's items), skipping the first `to_skip` items."""
    from .rows import prepare

    position = 0
    batch = Batch(position=0)
    known = source.known
    for item in reader:
        position += 1
        if position <= to_skip:
            continue
        if isinstance(item, Unchanged):
            batch.unchanged += 1
        elif isinstance(item, Skipped):
            batch.notices += 1
        elif isinstance(item, RowProblem):
            batch.rejected += 1
            if len(batch.problems) < MAX_PROBLEMS_SENT:
                batch.problems.append(item)
        else:
            row = prepare(item)
            batch.rows.append(row)
            if known is not None:
                known.built.add(row.key)
            if item.references:
                batch.references.append((row.key, item.references))
            if item.attachments:
                batch.attachments.append((row.key, item.attachments))
        if len(batch.rows) + batch.unchanged >= batch_size:  # a re-import's batches still move the checkpoint
            batch.position, batch.bytes_read = position, source.bytes_read
            yield batch
            batch = Batch(position=position)
    batch.position, batch.bytes_read, batch.notes = position, source.bytes_read, list(source.notes)
    yield batch


def read_batches(source, reader, to_skip: int, batch_size: int, parallel: bool | None = None):
    """`batches`, from a child process when the file is large (or `parallel` says so) and fork is available."""
    if parallel is None:
        parallel = source.size >= PARALLEL_MIN_BYTES
    if not (parallel and _can_fork()):
        return batches(source, reader, to_skip, batch_size)
    return _from_child(source, reader, to_skip, batch_size)


def _can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods() and not multiprocessing.current_process().daemon


def _from_child(source, reader, to_skip, batch_size):
    context = multiprocessing.get_context("fork")
    channel = context.Queue(maxsize=QUEUE_BATCHES)
    child = context.Process(
        target=_produce, args=(channel, source, reader, to_skip, batch_size, os.getpid()), daemon=True
    )
    child.start()
    try:
        while True:
            try:
                kind, value = channel.get(timeout=POLL_SECONDS)
            except queues.Empty:
                if not child.is_alive():
                    raise RuntimeError(f"the process reading the file ended (exit code {child.exitcode})") from None
                continue
            if kind == "batch":
                yield value
                if value.notes is not None:
                    return
            elif kind == "rejected":
                raise FileRejected(value)
            else:
                raise RuntimeError(f"reading the file failed in its process:\n{value}")
    finally:
        if child.is_alive():
            child.terminate()
        child.join(5)
        channel.close()


def _produce(channel, source, reader, to_skip, batch_size, parent):
    """The child: read, prepare and send; stop when the writer is gone."""
    try:
        for batch in batches(source, reader, to_skip, batch_size):
            _send(channel, ("batch", batch), parent)
    except FileRejected as exc:
        _send(channel, ("rejected", str(exc)), parent)
    except Exception:
        _send(channel, ("error", traceback.format_exc()), parent)
    channel.close()
    channel.join_thread()


def _send(channel, message, parent):
    while True:
        try:
            channel.put(message, timeout=POLL_SECONDS)
            return
        except queues.Full:
            if os.getppid() != parent:  # the writer was killed: nobody will read this
                os._exit(1)
