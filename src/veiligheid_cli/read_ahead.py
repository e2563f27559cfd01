"""Reading ahead: the files of a run read (ingested) in a forked child process while this one
loads spaCy and analyses the documents already read.

Loading spaCy takes about half a second of one core; reading a plan (cleaning, structuring, a
PDF's layout) needs no spaCy at all. With two cores the two overlap: the child ingests the
documents in the order they will be asked for and sends each down a pipe as soon as it is
read; the pipe's buffer keeps it about one document ahead. Anything unusual hands the work
back to this process: a file the child could not read (a bad input, a bug), a child that
died, a platform without `fork`, a process with threads (forking one is unsafe), or
`VEILIGHEID_READ_AHEAD=0`. The document is then read here, so that errors and their messages
are exactly those of a run without reading ahead.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import signal
import threading
from collections.abc import Callable, Iterator

from .model import Document
from .pipeline import Settings, ingest_file

ENV = "VEILIGHEID_READ_AHEAD"  # "0": read every file in this process


def can_fork() -> bool:
    """Whether a child may be forked here: POSIX, one thread, not switched off."""
    return hasattr(os, "fork") and os.environ.get(ENV, "1") != "0" and threading.active_count() == 1


class ReadAhead:
    """Documents of `paths`, ingested in a child process; `document` gives them in order."""

    def __init__(
        self, paths: list[str], settings: Settings, meanwhile: Callable[[], object] = lambda: None
    ) -> None:
        # stdin is read where it is used; a bad path gets its error at once, as without this
        self.paths = [p for p in paths if p != "-" and os.path.isfile(p)]
        self.settings = settings
        self.meanwhile = meanwhile  # done once, before the first wait for the child
        self.pid: int | None = None
        self._pipe = None
        if self.paths and can_fork():
            self._start()

    @property
    def started(self) -> bool:
        return self._pipe is not None

    def _start(self) -> None:
        read_fd, write_fd = os.pipe()
        try:
            pid = os.fork()
        except OSError:  # no process to spare (a process limit): every file is read here
            os.close(read_fd)
            os.close(write_fd)
            return
        if pid == 0:  # the child: never returns
            os.close(read_fd)
            _child(self.paths, self.settings, write_fd)
        os.close(write_fd)
        self.pid = pid
        self._pipe = os.fdopen(read_fd, "rb")

    def document(self, path: str, settings: Settings) -> Document:
        """The document of `path`: the child's when it reads that file, else read here."""
        if self._pipe is not None and path in self.paths:
            self.meanwhile()  # e.g. load spaCy while the child reads
            self.meanwhile = lambda: None
        while self._pipe is not None and path in self.paths:
            wanted = self.paths.pop(0) == path  # files asked for out of order are passed over
            try:
                digest, doc = pickle.load(self._pipe)
            except Exception:  # the child stopped (could not read this file, or died)
                digest, doc = None, None
            if not isinstance(doc, Document):
                self.close()  # from here on every file is read in this process
            elif wanted and digest == _digest(path):
                return doc  # else the file changed since the child read it: read it again
        return ingest_file(path, settings)

    def close(self) -> None:
        """Stop the child (if it is still reading) and collect it."""
        if self._pipe is not None:
            self._pipe.close()
            self._pipe = None
        if self.pid is not None:
            with contextlib.suppress(OSError):
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
            self.pid = None


def _child(paths: list[str], settings: Settings, write_fd: int) -> None:
    """Ingest each path and send its Document; stop at the first that fails (the parent
    then reads it itself and reports the error). Ends the process without cleanup: the
    parent's objects are not the child's to tear down."""
    code = 0
    try:
        with os.fdopen(write_fd, "wb") as out:
            for path in paths:
                digest = _digest(path)
                document = ingest_file(path, settings)
                pickle.dump((digest, document), out, protocol=pickle.HIGHEST_PROTOCOL)
                out.flush()
    except BaseException:  # the parent reads the file again and reports what went wrong
        code = 1
    finally:
        os._exit(code)


def _digest(path: str) -> str | None:
    """The file's contents as read now: a document read from other contents is not given
    out (the cache keys it by the contents the parent sees)."""
    try:
        with open(path, "rb") as fh:
            return hashlib.file_digest(fh, "sha256").hexdigest()
    except OSError:
        return None


@contextlib.contextmanager
def read_ahead(
    paths: list[str], settings: Settings, meanwhile: Callable[[], object] = lambda: None
) -> Iterator[ReadAhead]:
    """A ReadAhead for the run of a command, stopped when the run ends."""
    ahead = ReadAhead(paths, settings, meanwhile)
    try:
        yield ahead
    finally:
        ahead.close()
