from django import forms
from django.utils.translation import gettext_lazy as _

from pantau.inventory.models import Account, Group, WatchStatus
from pantau.people.models import User
from pantau.pokja.forms import DateTimeInput

from .exports import EXPORTS, WRITERS
from .models import PositiveMessage, WatchList


def _watched(model):
    return model.objects.exclude(status=WatchStatus.WATCHED).order_by("-risk_score", "name")


class WatchListForm(forms.ModelForm):
    class Meta:
        model = WatchList
        fields = ["name", "accounts", "groups", "keywords", "high_severity", "email", "subscribers"]
        widgets = {"keywords": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["accounts"].queryset = _watched(Account)
        self.fields["groups"].queryset = Group.objects.order_by("-risk_score", "name")
        self.fields["subscribers"].queryset = User.objects.filter(is_active=True).order_by("username")

    def clean(self):
        data = super().clean()
        if not (
            data.get("accounts") or data.get("groups") or data.get("keywords", "").strip() or data.get("high_severity")
        ):
            raise forms.ValidationError(_("Watch at least one account, group or keyword."))
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
        self.fields["accounts"].queryset = _watched(Account)
        self.fields["accounts"].required = False

    def clean_post_refs(self):
        from pantau.intake.models import Post

        refs = [line.strip() for line in self.cleaned_data["post_refs"].splitlines() if line.strip()]
        posts, missing = [], []
        for ref in refs:
            post = Post.objects.filter(pk=int(ref)).first() if ref.isdigit() else Post.objects.filter(url=ref).first()
            (posts.append(post) if post else missing.append(ref))
        if missing:
            raise forms.ValidationError(_("Unknown posts: %(refs)s") % {"refs": ", ".join(missing[:5])})
        return posts


class ExportForm(forms.Form):
    kind = forms.ChoiceField(label=_("Export"))
    format = forms.ChoiceField(label=_("Format"), choices=[(f, f.upper()) for f in WRITERS])

    def __init__(self, user, *args, **kwargs):
        from pantau.people.roles import has_role

        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(k, e.title) for k, e in EXPORTS.items() if has_role(user, e.roles)]
