from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Account, GroupRole, Platform, WatchStatus


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=WatchStatus.choices)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)
    override = forms.BooleanField(
        label=_("Override the workflow (coordinator): allow a step it does not foresee"), required=False
    )

    def __init__(self, *args, allow_override=False, **kwargs):
        super().__init__(*args, **kwargs)
        if not allow_override:
            del self.fields["override"]


class GroupRoleForm(forms.Form):
    platform_id = forms.CharField(label=_("Account (id or handle)"), max_length=255)
    name = forms.CharField(label=_("Name"), max_length=255, required=False)
    role = forms.ChoiceField(label=_("Role"), choices=GroupRole.Role.choices)
    source = forms.CharField(label=_("Where seen"), max_length=255, required=False)


class AliasForm(forms.Form):
    platform = forms.ChoiceField(label=_("Platform"), choices=Platform.choices)
    platform_id = forms.CharField(label=_("Other account (id or handle)"), max_length=255)
    actor_name = forms.CharField(label=_("Actor name"), max_length=255, required=False)

    def clean(self):
        data = super().clean()
        if data is None:  # Form.clean returns cleaned_data; None would only come from a mixin
            return data
        if data.get("platform") and data.get("platform_id"):
            account = Account.objects.filter(platform=data["platform"], platform_id=data["platform_id"]).first()
            if account is None:
                raise forms.ValidationError(_("No such account in the inventory."))
            data["account"] = account
        return data
