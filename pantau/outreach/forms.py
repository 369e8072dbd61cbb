from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from pantau.inventory.models import Platform

from .models import Commitment, OutsideInvitation, Person, Tie


class PersonForm(forms.ModelForm):
    class Meta:
        model = Person
        fields = ["name", "kind", "phone", "email", "address", "notes"]
        widgets = {"address": forms.Textarea(attrs={"rows": 2}), "notes": forms.Textarea(attrs={"rows": 3})}


class TieForm(forms.Form):
    """A group (from the inventory) or an account by platform and handle, imported or not."""

    role = forms.ChoiceField(label=_("Role"), choices=Tie.Role.choices)
    group = forms.IntegerField(widget=forms.HiddenInput, required=False)
    platform = forms.ChoiceField(label=_("Platform"), choices=Platform.choices, required=False)
    handle = forms.CharField(label=_("Account (id or handle)"), max_length=255, required=False)
    source = forms.CharField(
        label=_("Source"), max_length=255, required=False, help_text=_("How the office knows this.")
    )

    def clean(self):
        super().clean()
        data = self.cleaned_data
        if not data.get("group") and not data.get("handle"):
            raise forms.ValidationError(_("Name the group or the account (platform and handle)."))
        if data.get("handle") and not data.get("platform"):
            self.add_error("platform", _("Which platform is the account on?"))
        return data


class MergeForm(forms.Form):
    duplicate = forms.IntegerField(label=_("Duplicate record (number)"), min_value=1)


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=OutsideInvitation.Status.choices)
    represented_by = forms.CharField(label=_("represented by"), max_length=200, required=False)


class CommitmentForm(forms.Form):
    person = forms.ModelChoiceField(label=_("Person"), queryset=Person.objects.none())
    text = forms.CharField(label=_("Commitment"), widget=forms.Textarea(attrs={"rows": 2}), max_length=5000)
    due_date = forms.DateField(label=_("due date"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, meeting=None, **kwargs):
        super().__init__(*args, **kwargs)
        if meeting is not None:
            people = cast(forms.ModelChoiceField, self.fields["person"])
            people.queryset = Person.objects.filter(invitations__meeting=meeting).order_by("name")


class CloseForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=[(Commitment.Status.KEPT, _("Kept")), (Commitment.Status.NOT_KEPT, _("Not kept"))]
    )
    note = forms.CharField(label=_("closing note"), widget=forms.Textarea(attrs={"rows": 2}), max_length=5000)
    evidence_url = forms.URLField(label=_("evidence link"), max_length=1000, required=False, assume_scheme="https")
    screenshot = forms.FileField(label=_("screenshot"), required=False)
