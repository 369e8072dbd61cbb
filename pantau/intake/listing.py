"""The posts list's filters and sorts, one function for every consumer.

The list page, its export, the API and saved searches all call
`filter_posts(user, params)`, so an export holds exactly the posts the list
shows and a saved search alerts on exactly the posts it lists. The query
parameters are the list's public interface (the dashboards link to it):
label, platform, kecamatan, group, account, review, severity, from, to
(YYYY-MM-DD, the office's days), q and sort.

A parameter that does not parse is left out and reported by the form, never
a server error; the others still apply.
"""

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db.models import Exists, F, OuterRef
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pantau.api.filters import MAX_ID
from pantau.detection.models import Review
from pantau.detection.services import flagged_with
from pantau.detection.taxonomy import LABELS, SEVERITY_NAMES, label_name
from pantau.inventory.models import Platform
from pantau.regions.models import Level, Region

from .access import posts_for
from .search import search_posts

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

EARLIEST, LATEST = date(1970, 1, 1), date(2999, 12, 31)
PARAMS = ("label", "platform", "kecamatan", "group", "account", "review", "severity", "from", "to", "q", "sort")
MAX_QUERY = 200


REVIEW_STATES = {
    "pending": _("Waiting for review"),
    "reviewed": _("Reviewed"),
    "confirmed": _("A label confirmed"),
    "rejected": _("A label rejected"),
    "unclassified": _("Not classified yet"),
}


def _newest(*first):
    # Plain "-posted_at", "-pk" (no NULLS LAST) is what the posted_at index serves at a million posts.
    return [*first, "-posted_at", "-pk"]


SORTS = {
    "newest": (_("Newest first"), _newest()),
    "oldest": (_("Oldest first"), ["posted_at", "pk"]),
    "severity": (_("Most severe first"), _newest(F("classification__severity").desc(nulls_last=True))),
    "account": (_("Account"), _newest(F("author__name").asc(nulls_last=True))),
    "group": (_("Group"), _newest(F("group__name").asc(nulls_last=True))),
    "kecamatan": (_("Kecamatan"), _newest(F("kecamatan__name").asc(nulls_last=True))),
    "platform": (_("Platform"), _newest("platform")),
}
DEFAULT_SORT = "newest"


ALL = _("All")


def _choices(pairs: Iterable[tuple[Any, Any]]) -> list[tuple[Any, Any]]:
    return [("", ALL), *pairs]


def _day_field(label: "StrOrPromise") -> forms.DateField:
    return forms.DateField(
        label=label,
        required=False,
        input_formats=["%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}),
        # Days far from any election would overflow the conversion to UTC at the ends of the calendar.
        validators=[MinValueValidator(EARLIEST), MaxValueValidator(LATEST)],
    )


class PostFilterForm(forms.Form):
    """The list's query parameters, validated; `from` is a Python keyword, so the dates are added in __init__."""

    q = forms.CharField(label=_("Search"), required=False, max_length=MAX_QUERY)
    label = forms.ChoiceField(label=_("Label"), required=False)
    severity = forms.TypedChoiceField(label=_("Severity at least"), required=False, coerce=int, empty_value=None)
    review = forms.ChoiceField(label=_("Review"), required=False)
    platform = forms.ChoiceField(label=_("Platform"), required=False, choices=_choices(Platform.choices))
    kecamatan = forms.CharField(label=_("Kecamatan"), required=False, max_length=20)
    group = forms.IntegerField(
        label=_("Group"), required=False, min_value=1, max_value=MAX_ID, widget=forms.HiddenInput
    )
    account = forms.IntegerField(
        label=_("Account"), required=False, min_value=1, max_value=MAX_ID, widget=forms.HiddenInput
    )
    sort = forms.ChoiceField(label=_("Sort"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = {
            "label": _choices([(key, value[0]) for key, value in LABELS.items()]),
            "severity": _choices([(n, SEVERITY_NAMES[n]) for n in (1, 2, 3)]),
            "review": _choices(REVIEW_STATES.items()),
            "sort": [(key, name) for key, (name, _order) in SORTS.items()],
        }
        for name, field_choices in choices.items():
            field = self.fields[name]
            assert isinstance(field, forms.ChoiceField)
            field.choices = field_choices
        self.fields["from"] = _day_field(_("From"))
        self.fields["to"] = _day_field(_("To"))
        # Fields in the order the form shows them.
        self.order_fields(["q", "label", "severity", "review", "platform", "kecamatan", "from", "to", "sort"])

    def clean_kecamatan(self):
        value = self.cleaned_data["kecamatan"].strip()
        if not value:
            return None
        regions = Region.objects.filter(level=Level.KECAMATAN)
        by_id = value.isdigit() and int(value) <= MAX_ID
        region = regions.filter(pk=value).first() if by_id else regions.filter(code=value).first()
        if region is None:
            raise forms.ValidationError(_("No such kecamatan."))
        return region

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        first, last = data.get("from"), data.get("to")
        if first and last and first > last:
            self.add_error("to", _("The end date is before the start date."))
            data.pop("from", None)  # neither date is meant: the period is ignored as a whole
        return data

    def applied(self) -> dict:
        """The valid, non-empty filters as query parameters (what a saved search or an export keeps)."""
        self.is_valid()
        out = {}
        for name in PARAMS:
            value = self.cleaned_data.get(name)
            if value in (None, ""):
                continue
            if isinstance(value, Region):
                value = value.code
            out[name] = value.isoformat() if hasattr(value, "isoformat") else str(value)
        if out.get("sort") == DEFAULT_SORT:
            del out["sort"]
        return out


def describe(user, params) -> list[str]:
    """The filters of `params` in words ("Label: Politik uang"), for people rather than for links."""
    from pantau.inventory.access import accounts_for, groups_for

    form = PostFilterForm(params)
    form.is_valid()
    names = {"group": groups_for(user), "account": accounts_for(user)}
    out = []
    for name in PARAMS:
        value, field = form.cleaned_data.get(name), form.fields[name]
        if value in (None, ""):
            continue
        if name in names:
            value = names[name].filter(pk=value).first() or value
        elif hasattr(field, "choices"):
            value = dict(field.choices).get(value, value)
        out.append(f"{field.label}: {value}")
    return out


def _day_start(day):
    return timezone.make_aware(datetime.combine(day, time.min))


def apply_filters(posts, data: dict):
    """`posts` narrowed by the cleaned data of a PostFilterForm."""
    if data.get("label"):
        posts = posts.filter(flagged_with(data["label"], prefix="classification__"))
    if data.get("severity"):
        posts = posts.filter(classification__severity__gte=data["severity"])
    if data.get("review"):
        posts = _by_review(posts, data["review"])
    if data.get("platform"):
        posts = posts.filter(platform=data["platform"])
    if data.get("kecamatan"):
        posts = posts.filter(kecamatan=data["kecamatan"])
    if data.get("group"):
        posts = posts.filter(group_id=data["group"])
    if data.get("account"):
        posts = posts.filter(author_id=data["account"])
    if data.get("from"):
        posts = posts.filter(posted_at__gte=_day_start(data["from"]))
    if data.get("to"):
        posts = posts.filter(posted_at__lt=_day_start(data["to"] + timedelta(days=1)))
    if data.get("q"):
        posts = search_posts(posts, data["q"])
    return posts


def _by_review(posts, state: str):
    reviews = Review.objects.filter(post=OuterRef("pk"))
    if state == "pending":  # as the review queue: flagged, and nobody has decided on any of its labels
        return posts.filter(classification__severity__gt=0).exclude(Exists(reviews))
    if state == "reviewed":
        return posts.filter(Exists(reviews))
    if state in ("confirmed", "rejected"):
        return posts.filter(Exists(reviews.filter(decision=state)))
    return posts.filter(classification__isnull=True)


def filter_posts(user, params, posts=None):
    """(the posts `user` may see that match `params`, in the list's order; the bound form with any errors).

    `posts` replaces what `user` may see for callers without a user: the operator's `pantau export`.
    """
    form = PostFilterForm({name: params.get(name, "") for name in PARAMS}, auto_id="f-%s")
    form.is_valid()
    posts = apply_filters(posts_for(user) if posts is None else posts, form.cleaned_data)
    order = SORTS[form.cleaned_data.get("sort") or DEFAULT_SORT][1]
    return posts.order_by(*order), form


def list_rows(posts) -> list[dict]:
    """The rows of a page of posts with their labels (human names), severity and review state."""
    posts = list(posts)
    decisions: dict[int, dict[str, str]] = {}
    reviews = Review.objects.filter(post__in=[p.pk for p in posts]).order_by("created_at")
    for post_id, label, decision in reviews.values_list("post_id", "label", "decision"):
        decisions.setdefault(post_id, {})[label] = decision
    rows = []
    for post in posts:
        classification = getattr(post, "classification", None)
        decided = decisions.get(post.pk, {})
        flagged = classification.flagged if classification else []
        labels = [{"key": key, "name": label_name(key), "decision": decided.get(key)} for key in flagged]
        labels += [
            {"key": key, "name": label_name(key), "decision": decision}
            for key, decision in decided.items()
            if key not in flagged
        ]
        state = _state(classification, decided)
        rows.append(
            {
                "post": post,
                "labels": labels,
                "severity": SEVERITY_NAMES.get(classification.severity) if classification else None,
                "severity_level": classification.severity if classification else None,
                "review": REVIEW_STATES.get(state, ""),
            }
        )
    return rows


def _state(classification, decided) -> str:
    if classification is None:
        return "unclassified"
    if decided:
        return "reviewed"
    return "pending" if classification.severity > 0 else ""
