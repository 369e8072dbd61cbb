from typing import TextIO, cast

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from pantau.intake.formats import FORMATS, FileRejected
from pantau.intake.importer import import_file

MAX_PROBLEMS_SHOWN = 20


class Command(BaseCommand):
    help = "Import posts from export files (format detected from the content; see docs/formats.md)."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE")
        parser.add_argument("--format", choices=FORMATS, help="Force a format instead of detecting it.")
        parser.add_argument("--no-progress", action="store_true", help="No progress bar.")
        parser.add_argument(
            "--batch-size", type=int, default=None, help="Posts per transaction (default PANTAU_IMPORT_BATCH_POSTS)."
        )
        parser.add_argument(
            "--group", default="", metavar="NAME", help="Name of a chat whose export does not name it (WhatsApp)."
        )

    def handle(self, *args, files, format=None, no_progress=False, batch_size=None, group="", **options):
        failed = []
        for path in files:
            bar = None

            def progress(done, total, _path=path):
                nonlocal bar
                if no_progress:
                    return
                if bar is None:
                    # The wrapper's own stream: the wrapper would end each redraw with a newline. The stubs
                    # read its attributes as callables.
                    stream = cast(TextIO, self.stderr._out)
                    bar = tqdm(total=total, unit="B", unit_scale=True, desc=str(_path)[-40:], file=stream)
                bar.update(done - bar.n)

            try:
                summary = import_file(
                    path,
                    fmt=format,
                    progress=progress,
                    batch_size=max(1, batch_size) if batch_size else None,
                    group=group.strip()[:255],
                )
            except FileRejected as exc:
                failed.append(path)
                self.stderr.write(f"{path}: {exc}")
                continue
            finally:
                if bar is not None:
                    bar.close()
            for problem in summary.problems[:MAX_PROBLEMS_SHOWN]:
                self.stderr.write(f"{path}: line {problem.line}: {problem.reason}")
            if summary.rejected > MAX_PROBLEMS_SHOWN:
                self.stderr.write(f"{path}: ... and {summary.rejected - MAX_PROBLEMS_SHOWN} more rejected rows")
            if summary.resumed_from:
                self.stdout.write(f"{path}: resumed after {summary.resumed_from} records of an earlier run")
            self.stdout.write(summary.line())
        if failed:
            raise CommandError(f"{len(failed)} of {len(files)} file(s) could not be imported")
