from typing import cast

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from pantau.evidence.filecheck import IMAGE, PDF, VIDEO
from pantau.evidence.forms import validate_uploads
from pantau.people.models import Agency, User
from pantau.people.roles import ANALYSIS_ROLES

from . import deadlines, domain
from .forwarding import FORWARDED
from .models import CaseReport


def violation_choices():
    return [(v.label, f"{v.name} — {v.basis}") for v in domain.VIOLATIONS]


class FindingForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=255)
    summary = forms.CharField(label=_("What was found"), widget=forms.Textarea(attrs={"rows": 5}), max_length=10000)
    violations = forms.MultipleChoiceField(
        label=_("Alleged violations"), choices=violation_choices, widget=forms.CheckboxSelectMultiple, required=False
    )


class MoveForm(forms.Form):
    target = forms.ChoiceField(label=_("Next step"), choices=domain.STATUSES)
    note = forms.CharField(label=_("Note for the file"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    public_note = forms.CharField(
        label=_("Public note (the reporter sees it)"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(self, *args, case=None, **kwargs):
        super().__init__(*args, **kwargs)
        if case is not None:
            labels = dict(domain.STATUSES)
            # Forwarding has its own form (the letter and who is told): cases/forwarding.py.
            steps = [s for s in case.allowed_next() if s not in FORWARDED]
            cast(forms.ChoiceField, self.fields["target"]).choices = [(s, labels[s]) for s in steps]


class AssignForm(forms.Form):
    people = forms.ModelMultipleChoiceField(
        label=_("People"), queryset=User.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )
    agencies = forms.ModelMultipleChoiceField(
        label=_("Agencies"), queryset=Agency.objects.all(), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        people = cast(forms.ModelChoiceField, self.fields["people"])
        people.queryset = User.objects.filter(role__in=ANALYSIS_ROLES, is_active=True).order_by("username")


class NoteForm(forms.Form):
    text = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), max_length=5000)


class OutcomeForm(forms.Form):
    violations = forms.MultipleChoiceField(
        label=_("Alleged violations"), choices=violation_choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    outcome = forms.CharField(label=_("Outcome"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    public_note = forms.CharField(
        label=_("Public note (the reporter sees it)"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class ExtendForm(forms.Form):
    rule = forms.ChoiceField(choices=[(r.key, r.name) for r in deadlines.DEADLINE_RULES], widget=forms.HiddenInput)
    reason = forms.CharField(label=_("Why more time is needed"), max_length=1000)


class AttachForm(forms.Form):
    file = forms.FileField(label=_("File"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        validate_uploads([upload], accept={IMAGE, VIDEO, PDF}, max_bytes=settings.PANTAU_MAX_UPLOAD_BYTES)
        return upload


class ForwardForm(forms.Form):
    destination = forms.ChoiceField(label=_("Forward to"), widget=forms.RadioSelect)
    agencies = forms.ModelMultipleChoiceField(
        label=_("Also tell the pokja members of"),
        queryset=Agency.objects.filter(is_supervisor=False),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The destination's own agencies are told anyway."),
    )
    addressee = forms.CharField(
        label=_("Addressee of the letter"),
        max_length=255,
        required=False,
        help_text=_("Leave empty for the destination's usual addressee; required for another agency."),
    )
    request = forms.CharField(
        label=_("What the office asks of the agency"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    with_identity = forms.BooleanField(
        label=_(
            "Put the reporter's identity in the letter: I confirm the law requires it here "
            "(the reporter is a witness in the investigation)"
        ),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        from .forwarding import DESTINATIONS

        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["destination"]).choices = [(d.key, d.name) for d in DESTINATIONS]


class AnswerForm(forms.Form):
    answer = forms.CharField(label=_("The agency's answer"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)
    answered_on = forms.DateField(label=_("Answered on"), widget=forms.DateInput(attrs={"type": "date"}))


class JoinForm(forms.Form):
    report = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    decision = forms.ChoiceField(choices=CaseReport.Decision.choices, widget=forms.HiddenInput)
