"""`pantau model train|retrain|show|list|activate`: the detection model's life cycle."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Train, retrain (with analysts' reviews), show, list and activate detection models."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        train = sub.add_parser("train", help="train on the base data (seeded, reproducible)")
        train.add_argument("--data", required=True, help="re_dataset.csv (Ibrohim & Budi 2019)")
        train.add_argument("--out", help="directory to write (default PANTAU_HOME/models/VERSION)")
        train.add_argument("--version", dest="model_version", help="version name (default: a timestamp)")
        train.add_argument("--folds", type=int, default=5)
        train.add_argument(
            "--cross-source", action="store_true", help="also measure each topic of the data held out (slower)"
        )
        train.add_argument(
            "--check-posts", help="JSON lines of posts with expected labels: the detector's confusion on them"
        )
        retrain = sub.add_parser("retrain", help="train on the base data plus the reviews; compare with the active")
        retrain.add_argument("--data", help="base data (default PANTAU_TRAINING_DATA or the shipped model's)")
        retrain.add_argument("--version", dest="model_version")
        retrain.add_argument("--folds", type=int, default=5)
        show = sub.add_parser("show", help="the active model's card: labels, thresholds, metrics")
        show.add_argument("version", nargs="?", help="a stored version (default: the active model)")
        show.add_argument("--json", action="store_true")
        sub.add_parser("list", help="the shipped and stored models")
        activate = sub.add_parser("activate", help="make a stored model the active one ('shipped' goes back)")
        activate.add_argument("version")

    def handle(self, *args, **options):
        from pantau.detection import services

        action = options["action"]
        try:
            if action == "train":
                model, target = services.train_model(
                    options["data"],
                    Path(options["out"]) if options["out"] else None,
                    progress=self._progress,
                    version=options["model_version"],
                    folds=options["folds"],
                    cross_source=options["cross_source"],
                    check_posts=options["check_posts"],
                )
                self._table(model.meta)
                self.stdout.write(f"saved {model.version} to {target}")
            elif action == "retrain":
                old = services.active_metrics()
                model, target = services.train_model(
                    services.training_data_path(options["data"]),
                    with_reviews=True,
                    progress=self._progress,
                    version=options["model_version"],
                    folds=options["folds"],
                )
                self.stdout.write(
                    f"old {old.get('version')} -> new {model.version} ({model.meta['data']['reviews']} reviews)"
                )
                self.stdout.write(f"{'label':<18} {'precision':>17} {'recall':>17} {'macro-F1@0.5':>17}")
                for row in services.compare_metrics(old, model.meta):
                    self.stdout.write(
                        f"{row['label']:<18} {_pair(row['old_precision'], row['new_precision']):>17} "
                        f"{_pair(row['old_recall'], row['new_recall']):>17} "
                        f"{_pair(row['old_macro_f1'], row['new_macro_f1']):>17}"
                    )
                self._verdict(model.meta["comparison"])
                if model.meta["comparison"]["offered"]:
                    self.stdout.write(f"saved to {target}; switch with: pantau model activate {model.version}")
                else:
                    self.stdout.write(f"saved to {target}; not offered for activation")
            elif action == "show":
                meta = self._meta(options["version"])
                if options["json"]:
                    self.stdout.write(json.dumps(meta, indent=2, ensure_ascii=False))
                else:
                    self._table(meta)
            elif action == "list":
                for m in services.list_models():
                    mark = "*" if m["active"] else " "
                    self.stdout.write(f"{mark} {m.get('version')}\t{m.get('created_at', '')}\t{m['location']}")
            elif action == "activate":
                target = services.activate_model(options["version"])
                self.stdout.write(f"active model: {options['version']} ({target})")
                self.stdout.write("posts are re-classified by the next detection.classify job")
        except (FileNotFoundError, ValueError) as exc:
            raise CommandError(str(exc)) from exc

    def _meta(self, version):
        from pantau.detection import files
        from pantau.detection.linear import LinearModel

        if not version:
            return LinearModel.load(files.active_model_dir()).meta
        directory = files.models_dir() / version
        if not (directory / "model.json").exists():
            raise FileNotFoundError(f"no model {version!r} in {files.models_dir()}")
        return json.loads((directory / "model.json").read_text())

    def _verdict(self, comparison):
        from pantau.detection.comparison import describe_in_english

        old, new = comparison["reviews"]["old"], comparison["reviews"]["new"]
        if new["decisions"]:
            self.stdout.write(
                f"held-back reviews: agreement {old['agreement']} -> {new['agreement']} "
                f"over {new['decisions']} decisions"
            )
        else:
            self.stdout.write("held-back reviews: none yet (every fifth reviewed post is held back)")
        for reason in comparison["reasons"]:
            self.stdout.write(f"not offered: {describe_in_english(reason)}")

    def _progress(self, message):
        self.stderr.write(message)

    def _table(self, meta):
        self.stdout.write(f"model {meta.get('version')} ({meta.get('algorithm', '')})")
        self.stdout.write(
            f"{'label':<18} {'threshold':>9} {'precision':>9} {'recall':>7} {'F1':>6} {'macro-F1@0.5':>12}"
        )
        for label, m in meta.get("metrics", {}).items():
            self.stdout.write(
                f"{label:<18} {m['threshold']:>9} {m['precision']:>9} {m['recall']:>7} {m['f1']:>6} "
                f"{m['macro_f1_at_0_5']:>12}"
            )


def _pair(old, new):
    return f"{old if old is not None else '-'} -> {new if new is not None else '-'}"
