"""`pantau coordination`: coordinated accounts, on the database or on a file without one."""

import time

from django.core.management.base import BaseCommand, CommandError

from pantau.coordination import engine, files


class Command(BaseCommand):
    help = (
        "Find accounts that post near-identical text or the same link within a time window, again and again. "
        "With --input FILE it works on a JSONL or coordination-network-toolkit CSV file and needs no database."
    )
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("--input", help="Posts file (.jsonl, or the coordination-network-toolkit .csv).")
        parser.add_argument(
            "--export",
            action="append",
            default=[],
            help="Write the network to this file: .csv (edges), .gexf (Gephi) or .graphml. Repeatable.",
        )
        parser.add_argument("--window", type=int, default=900, help="Time window in seconds (default 900).")
        parser.add_argument(
            "--similarity", type=float, default=0.7, help="Text similarity threshold, 0-1 (default 0.7)."
        )
        parser.add_argument(
            "--min-weight", type=int, default=2, help="Minimum coordinated acts per pair of accounts (default 2)."
        )
        parser.add_argument("--min-tokens", type=int, default=5, help="Shorter texts never match (default 5 words).")
        parser.add_argument(
            "--kinds",
            default=",".join(engine.DEFAULT_KINDS),
            help="Comma-separated: co_similar, co_link, co_group (default co_similar,co_link).",
        )
        parser.add_argument(
            "--measure",
            choices=sorted(engine.MEASURES),
            default="overlap",
            help="Text similarity: overlap (default; copies with a lead-in or hashtag still match) or jaccard.",
        )
        parser.add_argument("--job", action="store_true", help="Database mode: run as a background job.")
        parser.add_argument("--full", action="store_true", help="Database mode: recompute every post.")

    def handle(self, *args, **options):
        try:
            params = engine.Params(
                window=options["window"],
                similarity=options["similarity"],
                min_weight=options["min_weight"],
                min_tokens=options["min_tokens"],
                kinds=tuple(k.strip() for k in options["kinds"].split(",") if k.strip()),
                measure=options["measure"],
            )
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        for target in options["export"]:
            if not target.lower().endswith(files.EXPORT_FORMATS):
                raise CommandError(f"{target}: export to {', '.join(files.EXPORT_FORMATS)}")
        if options["input"]:
            return self.on_file(options["input"], params, options["export"])
        if options["export"]:
            raise CommandError("--export works with --input; export a stored cluster from its page or the API")
        return self.on_database(params, options)

    def on_file(self, path, params, exports):
        started = time.perf_counter()
        try:
            posts = files.read_posts(path)
        except (files.InputError, UnicodeDecodeError, OSError) as exc:
            raise CommandError(f"{path}: {exc}") from None
        result = engine.detect(posts, params)
        for target in exports:
            try:
                files.export(result, target, posts.author_names)
            except OSError as exc:
                raise CommandError(f"{target}: {exc}") from None
        s = result.stats
        self.stdout.write(
            f"{s['posts']} posts, {s['edges']} edges, {s['clusters']} clusters, {s['accounts']} accounts "
            f"in {time.perf_counter() - started:.1f} s"
        )
        for number, accounts in enumerate(result.clusters[:10], 1):
            shown = ", ".join(str(a) for a in accounts[:8]) + (", ..." if len(accounts) > 8 else "")
            self.stdout.write(f"  cluster {number}: {len(accounts)} accounts: {shown}")

    def on_database(self, params, options):
        from pantau.coordination.services import run_coordination

        if options["job"]:
            from pantau.jobs.runner import start_job

            job = start_job(
                "coordination.run",
                "Coordination analysis",
                params.as_dict() | {"min_weight": params.min_weight, "full": options["full"]},
            )
            self.stdout.write(f"job {job.pk} queued: /jobs/{job.pk}/")
            return

        def progress(done, total=None, message="", force=False):
            pass

        run = run_coordination(params, full=options["full"], progress=progress)
        self.stdout.write(
            f"run {run.pk}: {run.stats.get('clusters', 0)} clusters, {run.stats.get('edges', 0)} edges "
            f"({run.stats.get('posts', 0)} posts indexed)"
        )
