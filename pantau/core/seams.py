"""Every place where one app plugs into another, declared once.

A seam is declared below as a stub function: its name is the seam's, its
parameters are what a contribution is called with (the signature a
contribution must have), its docstring says what it is for, and `when` says
when the framework that owns it calls it. Registries also declare `options`,
what a contribution names when it is added (a key, a title, the roles ...).

Each app contributes through one module, its `plugin.py`, and only to
declared seams:

    from pantau.core.seams import seams

    @seams.exports("cases", "Kasus", CASE_VIEW_ROLES)
    def cases_export(user): ...

    seams.posts_imported.add(start_classifying)

Asking for an undeclared seam (`seams.export`) raises at once, and a
contribution whose parameters differ from the seam's is refused when it is
added; `problems()` finds what slipped through (tests/core/test_seams.py).
The frameworks (dashboards, documents, exports, the agenda, jobs ...) read
`seams.<name>.contributions`, or `seams.<name>.notify(...)` for events.
"""

import ast
import inspect
import logging
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import import_module
from importlib.util import find_spec
from typing import Any

log = logging.getLogger(__name__)
PLUGIN_MODULE = "plugin"


class SeamError(Exception):
    """A contribution that does not fit its seam: a programming error, raised at start-up."""


class UndeclaredSeam(SeamError, AttributeError):
    pass


@dataclass
class Contribution:
    value: Any  # the function (or, for a value seam, the object) contributed; the owning framework calls or reads it
    options: dict
    registered_from: str  # the module that added it: an app's plugin module

    def __getattr__(self, name):
        # c.key instead of c.options["key"]: the frameworks read options by name.
        try:
            return self.__dict__["options"][name]
        except KeyError:
            raise AttributeError(name) from None


@dataclass
class Seam:
    name: str
    doc: str
    when: str
    spec: inspect.Signature | None  # what a contribution is called with; None: a value, not a function
    options: inspect.Signature | None = None
    provides: str = ""  # for value seams: what the contributed object is
    method: str = ""  # for object seams: the method of the object that is called with `spec`
    contributions: list[Contribution] = field(default_factory=list)

    def add(self, value, *args, **kwargs):
        """Add `value` (with this seam's options); returns `value`, so it works as a decorator too."""
        self._add(value, args, kwargs, _caller())
        return value

    def __call__(self, *args, **kwargs):
        """`@seams.<name>(options...)`: the decorator form of `add`."""
        caller = _caller()

        def register(fn):
            self._add(fn, args, kwargs, caller)
            return fn

        return register

    def _add(self, value, args, kwargs, caller):
        try:
            bound = (self.options or inspect.Signature()).bind(*args, **kwargs)
        except TypeError as exc:
            raise SeamError(f"seam {self.name!r} takes options {self.options or '()'}: {exc}") from None
        bound.apply_defaults()
        problem = self.mismatch(value)
        if problem:
            raise SeamError(f"{_name(value)} does not fit seam {self.name!r}: {problem}")
        self.contributions.append(Contribution(value, dict(bound.arguments), caller))

    def remove(self, value) -> None:
        """Take a contribution out again (tests that add one for a moment)."""
        self.contributions = [c for c in self.contributions if c.value is not value]

    def mismatch(self, value) -> str:
        """Why `value` cannot be called the way this seam calls it, or ""."""
        if self.spec is None:
            return ""
        target = getattr(value, self.method, None) if self.method else value
        if not callable(target):
            return f"has no method {self.method!r}" if self.method else "is not callable"
        return signature_mismatch(self.spec, target)

    def __iter__(self):
        return iter(list(self.contributions))

    def notify(self, *args) -> None:
        """Call every contribution of an event; one that fails is logged and does not stop the others."""
        for contribution in list(self.contributions):
            try:
                contribution.value(*args)
            except Exception:  # one app's failure must not lose the work that fired the event
                log.exception("%s receiver %s failed", self.name, _name(contribution.value))


def signature_mismatch(spec: inspect.Signature, fn) -> str:
    """Contributions take the seam's required parameters, by the same names in the same order.

    A seam's parameters with a default (a panel's `selection`) may be left
    out; a contribution's own extra parameters must have defaults.
    """
    try:
        params = list(inspect.signature(fn).parameters.values())
    except (TypeError, ValueError):
        return "its signature cannot be read"
    expected = list(spec.parameters.values())
    for i, param in enumerate(params):
        if param.kind in (param.VAR_POSITIONAL, param.VAR_KEYWORD):
            continue
        if i >= len(expected):
            if param.default is param.empty:
                return f"takes {param.name!r}, which the seam does not pass (the seam passes {spec})"
            continue
        if param.name != expected[i].name:
            return f"parameter {i + 1} is {param.name!r}, the seam's is {expected[i].name!r} ({spec})"
    taken = len([p for p in params if p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)])
    if not any(p.kind == p.VAR_POSITIONAL for p in params):
        missing = [p.name for p in expected[taken:] if p.default is p.empty]
        if missing:
            return f"does not take {', '.join(missing)} (the seam passes {spec})"
    return ""


def _caller() -> str:
    return sys._getframe(2).f_globals.get("__name__", "?")


def _name(value) -> str:
    return getattr(value, "__qualname__", None) or type(value).__name__


class Seams:
    """The declared seams by name; any other name is an error, not a new seam."""

    def __init__(self):
        self._declared: dict[str, Seam] = {}
        self._loaded = False

    def declare(self, when: str, options: Callable | None = None, provides: str = "", method: str = ""):
        """Declare the seam named and documented by the decorated stub; for a value seam, pass `provides`."""

        def register(stub):
            spec = None if provides and not method else inspect.signature(stub)
            self._declared[stub.__name__] = Seam(
                stub.__name__, inspect.getdoc(stub) or "", when, spec,
                inspect.signature(options) if options else None, provides, method,
            )  # fmt: skip
            return self._declared[stub.__name__]

        return register

    def __getattr__(self, name) -> Seam:
        declared = self.__dict__.get("_declared", {})
        if name in declared:
            return declared[name]
        raise UndeclaredSeam(f"no seam {name!r} is declared in pantau.core.seams (declared: {', '.join(declared)})")

    def all(self) -> list[Seam]:
        return list(self._declared.values())

    def load(self, apps) -> None:
        """Import each app's plugin module once, in the order of the apps (the order contributions are used)."""
        if self._loaded:
            return
        self._loaded = True
        for app in apps:
            if find_spec(f"{app}.{PLUGIN_MODULE}"):
                import_module(f"{app}.{PLUGIN_MODULE}")

    def problems(self) -> list[str]:
        """Seams without a docstring or `when`; contributions that do not fit or come from outside a plugin."""
        found = []
        for seam in self.all():
            if not seam.doc.strip():
                found.append(f"seam {seam.name!r} has no docstring")
            if not seam.when.strip():
                found.append(f"seam {seam.name!r} does not say when it is called")
            for c in seam.contributions:
                if c.registered_from.rsplit(".", 1)[-1] != PLUGIN_MODULE:
                    found.append(f"{seam.name}: {_name(c.value)} is registered from {c.registered_from}, not a plugin")
                problem = seam.mismatch(c.value)
                if problem:
                    found.append(f"{seam.name}: {_name(c.value)} {problem}")
        return found

    def undeclared_in(self, source: str) -> list[str]:
        """The names used as `seams.<name>` in a plugin's source that are not declared seams."""
        names = [
            node.attr
            for node in ast.walk(ast.parse(source))
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "seams"
        ]
        return [name for name in names if name not in self._declared and name not in vars(Seams)]


def readme_table() -> str:
    """The README's list of seams (name, what it is for, when it is called, who contributes), from the declarations."""
    rows = ["| seam | for | called | contributed by |", "|---|---|---|---|"]
    for seam in seams.all():
        shape = seam.name if seam.spec is None else f"{seam.name}{_params(seam.spec)}"
        if seam.method and seam.spec is not None:  # an object seam always has its method's spec
            shape = f"{seam.name}: .{seam.method}{_params(seam.spec)}"
        apps = dict.fromkeys(c.registered_from.split(".")[1] for c in seam if c.registered_from.startswith("pantau."))
        purpose = seam.doc.split("\n\n")[0].replace("\n", " ")
        rows.append(f"| `{shape}` | {purpose} | {seam.when} | {', '.join(apps) or '-'} |")
    return "\n".join(rows) + "\n"


def _params(spec: inspect.Signature) -> str:
    return "(" + ", ".join(spec.parameters) + ")"


seams = Seams()
declare = seams.declare


# ---- Events: the app that does the work tells the others (`seams.<name>.notify(...)`).


@declare(
    when="by intake after each committed import batch and after a manual capture, in the importing process",
)
def posts_imported(post_ids: list[int]) -> None:
    """Posts were created or changed: react to them (classify, find coordination, check alerts).

    Posts skipped as unchanged duplicates are not passed again. Receivers run
    in the importing process (a job in the worker, or `pantau import`), so they
    should be quick or start a job of their own (`pantau.jobs.runner.start_job_once`).
    A receiver that fails is logged and does not stop the import; since an
    import killed between a commit and its receivers does not call them again,
    receivers that must see every post should also be able to catch up.
    """


@declare(when="by the detection.classify job once at its end, after every batch is committed")
def posts_classified(post_ids: list[int]) -> None:
    """Posts got (new) labels: react to what needs them (high-severity alerts, daily counts).

    The post-import receivers run before classification, so anything that needs
    the labels belongs here. A receiver that fails is logged and does not fail the job.
    """


@declare(when="by reports after the reporter completed a report, its files attached, in the request")
def report_completed(report) -> None:
    """A reporter added what their report lacked: restart what waited on it (the case's requirements clock)."""


@declare(when="by reports when an inquiry into initial information concludes with a finding, inside its transaction")
def report_findings(report, user, result: str):
    """Open the office's finding (temuan) from a report's inquiry and return it; the first contribution is used.

    Reports cannot open cases themselves (cases build on reports); without a
    contribution a finding cannot be recorded, and the inquiry says so.
    """


@declare(when="when a report's staff page is drawn")
def report_page_context(report, user) -> dict:
    """Context added to a report's staff page (the cases app: the report's cases and open cases like it)."""


# ---- Pages and the API: what each app adds to the shared site.


@declare(
    when="when the URLconf is loaded: pantau.api.discovery builds the API router",
    provides="a list of (prefix, viewset, basename): DRF viewsets under /api/v1/<prefix>/",
)
def api_routes():
    """The app's REST resources, registered on the one API router."""


@declare(
    when="when the URLconf is loaded: pantau.api.discovery adds them beside the router",
    provides="a list of django.urls paths: the app's function endpoints under /api/v1/",
)
def api_urls():
    """The app's API endpoints that are functions rather than viewsets."""


def _menu_options(label, order: int, badge=None, roles=None): ...


@declare(
    when="on every staff page, by pantau.core.nav.menu_for (sorted by order)",
    options=_menu_options,
    provides="a URL name (`app:view`) of a view decorated with role_required",
)
def menu():
    """An entry of the main menu. Who sees it is the view's own `role_required` roles.

    `badge(user) -> int` is a number shown beside the label unless 0; the menu
    is on every page, so a badge costs one cheap query at most. `roles` only
    for a view that is not Pantau's (Django's admin), which declares none.
    """


@declare(when="on the overview page (core:home) of the user who just logged in")
def attention(user) -> list:
    """What waits for `user`: `pantau.core.attention.Attention` items (those with count 0 are left out).

    Each app counts only what the user may open, through its own access helpers.
    """


# ---- Dashboards: panels, exports, alerts.


def _panel_options(key: str, title, roles, order: int = 100, wide: bool = False, filtered: bool = False): ...


@declare(when="when the dashboard is drawn, for users with one of `roles`, in `order`", options=_panel_options)
def panels(user, selection=None) -> str | None:
    """A dashboard panel: its HTML, or None to leave it out.

    With `filtered=True` it is called with the dashboard's `filters.Selection`
    (period and filters) and counts only those posts.
    """


def _export_options(key: str, title, roles, filtered: bool = False): ...


@declare(
    when="when an export is written (the exports page's job, `pantau export`); user None is the operator",
    options=_export_options,
)
def exports(user, filters=None) -> list:
    """An export kind: `fn(user) -> list[dashboards.exports.Sheet]`, rows read in chunks.

    With `filtered=True` it also takes the posts list's filters. It returns only
    what `user` may see (through the app's access helpers); `user` None is the
    office at the server and sees everything.
    """


def _column_options(header: str): ...


@declare(when="when the posts export writes a chunk of rows", options=_column_options)
def post_export_columns(post_ids: list[int]) -> dict:
    """An extra column of the posts export: {post_id: value} for the chunk's posts (missing ones are blank)."""


@declare(when="when alerts are checked for a batch of imported or classified posts")
def alert_rules(posts) -> list:
    """High-severity rules: (post, reason or dashboards.alerts.Match) for the posts that match.

    They count for the watch lists that asked for high-severity posts.
    """


@declare(when="when alerts are checked for a batch of imported or classified posts")
def alert_sources() -> list:
    """Alert sources (dashboards.alerts.AlertSource): who is told, and which posts match."""


# ---- Documents: kinds and what goes into them.


def _document_options(key: str, title, roles, needs_meeting: bool = False): ...


@declare(
    when="when a document is made (the documents page's job, `pantau document`); user None is the operator",
    options=_document_options,
)
def documents(params: dict, user) -> object:
    """A document kind: `build(params, user) -> documents.letter.Letter` (or a LetterSet).

    Bad input raises documents.registry.DocumentError, shown as one line.
    """


@declare(when="when the inventory report lists an account or group")
def document_labels(obj) -> list:
    """Label codes of an account or group (most frequent first); the report adds each one's legal basis."""


@declare(when="when the inventory report lists an account or group")
def document_evidence(obj) -> list:
    """Evidence of an account or group: [{"sha256", "thumbnail" (PNG bytes or None), "captured_at"}], newest first."""


@declare(when="on every page of every document")
def document_footer() -> str:
    """A line printed at the foot of each page (the evidence chain's head: what existed when it was signed)."""


# ---- Pokja meetings.


def _agenda_options(key: str, order: int): ...


@declare(when="when a meeting's agenda is proposed or read (pantau.pokja.agenda)", options=_agenda_options)
def agenda_sources(meeting, since, user=None) -> list:
    """Proposed agenda items (pokja.agenda.Proposal) drawn from the app's data.

    `since` is when the previous held meeting took place (None for the first);
    `user` None draws from everything, a user only from what they may see.
    `order` places the source's items among the others'.
    """


# ---- Sections of other apps' pages.


def _section_options(key: str): ...


@declare(when="when a pokja meeting's page is drawn", options=_section_options)
def meeting_sections(meeting, user) -> dict | None:
    """Context for a section of the meeting page, under `key` (None leaves the section out).

    The meeting's template includes the section (outside invitees, their
    commitments: outreach); it returns None for whoever may not see it.
    """


@declare(when="when an inventory group's page is drawn", options=_section_options)
def group_sections(group, user) -> dict | None:
    """Context for a section of a group's page, under `key` (None leaves the section out)."""


# ---- Reporters.


@declare(
    when="when a public report is received and whenever its status changes",
    method="send",
    provides="an object with send(report, identity, subject, body) -> bool",
)
def reporter_notifiers(report, identity: dict, subject: str, body: str) -> bool:
    """A channel that tells a reporter what became of their report; True when it reached them."""


# ---- Background work and operations.


def _job_options(kind: str, name=None, title=None, summary=None): ...


@declare(when="by a worker, for each queued job of this kind (again after a crash)", options=_job_options)
def jobs(job, progress) -> dict:
    """A job kind's handler; returns a JSON-able result. It must be safe to run again.

    `name` is the kind's human name (lazy gettext), `title(params)` one job's
    title, `summary(result)` the result as (label, text) rows.
    """


def _routine_options(name: str, title, every): ...


@declare(when="by a worker once its period (`every`, a timedelta) has passed", options=_routine_options)
def routines() -> object:
    """Work that runs by itself (purges, warnings); returns how many things it did."""


def _selfcheck_options(name: str): ...


@declare(when="by `pantau check`", options=_selfcheck_options)
def selfchecks() -> tuple:
    """A check of the installation: (ok, detail); ok False fails the command, None is a warning."""


@declare(when="by `pantau demo`, in the order of PANTAU_APPS")
def demo_data(out, options: dict) -> None:
    """Load the app's demo data, telling `out` (a stream) what it made; options are the demo command's (posts ...)."""


if __name__ == "__main__":  # python -m pantau.core.seams: the table for the README
    import os

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pantau.settings")
    django.setup()
    # This file runs as __main__; the plugins registered into the imported module's seams.
    from pantau.core.seams import readme_table as table

    print(table(), end="")
