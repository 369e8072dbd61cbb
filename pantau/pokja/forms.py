from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from pantau.people.models import Agency, User

from .models import ActionItem, AgendaItem, Decision, Invitation, Meeting


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class MeetingForm(forms.ModelForm):
    link = forms.URLField(label=_("meeting link"), max_length=500, required=False, assume_scheme="https")

    class Meta:
        model = Meeting
        fields = ["title", "number", "starts_at", "mode", "link", "place", "public_agenda"]
        widgets = {"starts_at": DateTimeInput(), "public_agenda": forms.Textarea(attrs={"rows": 3})}

    def clean(self):
        super().clean()
        data = self.cleaned_data
        if data.get("mode") == Meeting.Mode.ONLINE and not data.get("link"):
            self.add_error("link", _("An online meeting needs its link."))
        if data.get("mode") == Meeting.Mode.IN_PERSON and not data.get("place"):
            self.add_error("place", _("A meeting in person needs its place."))
        return data


class FollowUpForm(MeetingForm):
    pass


class InvitationForm(forms.ModelForm):
    class Meta:
        model = Invitation
        fields = ["agency", "person", "name", "position"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["agency"]).queryset = Agency.objects.all()
        person = cast(forms.ModelChoiceField, self.fields["person"])
        person.queryset = User.objects.filter(is_active=True).order_by("username")
        person.required = False


class AgendaItemForm(forms.ModelForm):
    class Meta:
        model = AgendaItem
        fields = ["title", "detail"]
        widgets = {"detail": forms.Textarea(attrs={"rows": 3})}


class DecisionForm(forms.ModelForm):
    class Meta:
        model = Decision
        fields = ["kind", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}


class ActionItemForm(forms.ModelForm):
    class Meta:
        model = ActionItem
        fields = ["title", "owner_agency", "owner_person", "due_date"]
        widgets = {"due_date": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        person = cast(forms.ModelChoiceField, self.fields["owner_person"])
        person.queryset = User.objects.filter(is_active=True).order_by("username")
        person.required = False

    def clean(self):
        super().clean()
        data = self.cleaned_data
        person, agency = data.get("owner_person"), data.get("owner_agency")
        if person and agency and person.agency_id != agency.pk:
            self.add_error("owner_person", _("The person must belong to the owner agency."))
        return data


class HoldForm(forms.Form):
    minutes = forms.CharField(label=_("Minutes"), widget=forms.Textarea(attrs={"rows": 6}), required=False)
