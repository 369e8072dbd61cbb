from typing import cast

from django import forms
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext_lazy as _

from pantau.pokja.forms import DateTimeInput

from .exports import WRITERS, export_kinds
from .models import PositiveMessage, WatchList
from .services import (
    NOTHING_TO_WATCH,
    find_posts,
    find_watchable,
    possible_subscribers,
    unknown_posts_message,
    unknown_watchable_message,
    watchable_accounts,
    watchable_groups,
    watches_something,
)

# The lists offer the riskiest accounts and groups (an office may watch thousands); any other is named below them.
OFFERED = 100
MORE_HELP = _("Handles or links, one per line, of those not in the list above.")


class WatchListForm(forms.ModelForm):
    more_accounts = forms.CharField(
        label=_("Other accounts"), required=False, widget=forms.Textarea(attrs={"rows": 2}), help_text=MORE_HELP
    )
    more_groups = forms.CharField(
        label=_("Other groups"), required=False, widget=forms.Textarea(attrs={"rows": 2}), help_text=MORE_HELP
    )

    class Meta:
        model = WatchList
        fields = ["name", "accounts", "more_accounts", "groups", "more_groups", "keywords", "high_severity", "email",
                  "subscribers"]  # fmt: skip
        widgets = {"keywords": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["accounts"]).queryset = watchable_accounts()
        cast(forms.ModelChoiceField, self.fields["groups"]).queryset = watchable_groups()
        cast(forms.ModelChoiceField, self.fields["subscribers"]).queryset = possible_subscribers()
        for name in ("accounts", "groups"):
            self._offer(name)

    def _offer(self, name):
        """Options: the first OFFERED rows and those already chosen; any row of the queryset is still accepted."""
        field = cast(forms.ModelChoiceField, self.fields[name])
        # Bound to request.POST, a QueryDict.
        data = cast(MultiValueDict, self.data)
        chosen = [pk for pk in data.getlist(name) if str(pk).isdigit()] if self.is_bound else []
        rows = field.queryset
        assert rows is not None, "__init__ gave the field its queryset"
        shown = list(rows[:OFFERED])
        shown += [row for row in rows.filter(pk__in=chosen) if row not in shown]
        field.widget.choices = [(row.pk, field.label_from_instance(row)) for row in shown]

    def _more(self, name, rows):
        found, missing = find_watchable(rows, self.cleaned_data[name].splitlines())
        if missing:
            raise forms.ValidationError(unknown_watchable_message(missing))
        return found

    def clean_more_accounts(self):
        return self._more("more_accounts", watchable_accounts())

    def clean_more_groups(self):
        return self._more("more_groups", watchable_groups())

    def clean(self):
        super().clean()
        data = self.cleaned_data
        for name in ("accounts", "groups"):
            if f"more_{name}" in data and name in data:
                data[name] = list({row.pk: row for row in [*data[name], *data[f"more_{name}"]]}.values())
        if not watches_something(
            data.get("accounts"), data.get("groups"), data.get("keywords", ""), data.get("high_severity")
        ):
            raise forms.ValidationError(NOTHING_TO_WATCH)
        return data


class PositiveMessageForm(forms.ModelForm):
    url = forms.URLField(label=_("link"), max_length=1000, required=False, assume_scheme="https")
    post_refs = forms.CharField(
        label=_("Posts it answers"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Post links or ids, one per line."),
    )

    class Meta:
        model = PositiveMessage
        fields = ["kind", "title", "body", "channel", "url", "spread_at", "reach", "accounts", "answers"]
        widgets = {"spread_at": DateTimeInput(), "answers": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["accounts"]).queryset = watchable_accounts()
        self.fields["accounts"].required = False

    def clean_post_refs(self):
        posts, missing = find_posts(self.cleaned_data["post_refs"].splitlines())
        if missing:
            raise forms.ValidationError(unknown_posts_message(missing))
        return posts


class ExportForm(forms.Form):
    kind = forms.ChoiceField(label=_("Export"))
    format = forms.ChoiceField(label=_("Format"), choices=[(f, f.upper()) for f in WRITERS])

    def __init__(self, user, *args, **kwargs):
        from pantau.people.roles import has_role

        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["kind"]).choices = [
            (k, e.title) for k, e in export_kinds().items() if has_role(user, e.roles)
        ]
