"""Filtering the audit log, shared by its page and its CSV export."""

from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import AuditEntry


class AuditFilterForm(forms.Form):
    action = forms.ChoiceField(label=_("Action"), required=False)
    actor = forms.CharField(label=_("Who (username)"), required=False, max_length=150)
    target = forms.CharField(label=_("Object (type or id)"), required=False, max_length=64)
    since = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        actions = AuditEntry.objects.order_by("action").values_list("action", flat=True).distinct()
        cast(forms.ChoiceField, self.fields["action"]).choices = [("", _("all")), *((a, a) for a in actions)]

    def apply(self, entries):
        """The entries matching the filters; invalid filters match nothing rather than everything."""
        if not self.is_valid():
            return entries.none()
        data = self.cleaned_data
        if data["action"]:
            entries = entries.filter(action=data["action"])
        if data["actor"]:
            entries = entries.filter(actor_name__iexact=data["actor"].strip())
        if data["target"]:
            value = data["target"].strip()
            entries = entries.filter(target_id=value) if value.isdigit() else entries.filter(target_type=value)
        if data["since"]:
            entries = entries.filter(at__date__gte=data["since"])
        if data["until"]:
            entries = entries.filter(at__date__lte=data["until"])
        return entries
