from django import forms
from django.utils.translation import gettext_lazy as _

from pantau.pokja.forms import DateTimeInput

from .exports import WRITERS, export_kinds
from .models import PositiveMessage, WatchList
from .services import (
    NOTHING_TO_WATCH,
    find_posts,
    possible_subscribers,
    unknown_posts_message,
    watchable_accounts,
    watchable_groups,
    watches_something,
)


class WatchListForm(forms.ModelForm):
    class Meta:
        model = WatchList
        fields = ["name", "accounts", "groups", "keywords", "high_severity", "email", "subscribers"]
        widgets = {"keywords": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["accounts"].queryset = watchable_accounts()
        self.fields["groups"].queryset = watchable_groups()
        self.fields["subscribers"].queryset = possible_subscribers()

    def clean(self):
        data = super().clean()
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
        self.fields["accounts"].queryset = watchable_accounts()
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
        self.fields["kind"].choices = [(k, e.title) for k, e in export_kinds().items() if has_role(user, e.roles)]
