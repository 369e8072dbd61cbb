from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pantau.evidence.filecheck import EXPORT, IMAGE, PAGE, PDF, VIDEO
from pantau.evidence.forms import CheckedFilesField, validate_uploads
from pantau.inventory.models import Platform

from .formats import FORMATS

# Staff capture screenshots, videos, a post printed to PDF or the saved page itself.
CAPTURE_KINDS = {IMAGE, VIDEO, PDF, PAGE}


def _staff_max_bytes():
    return settings.PANTAU_MAX_UPLOAD_BYTES


class CaptureForm(forms.Form):
    url = forms.URLField(label=_("Link to the post"), max_length=2000, assume_scheme="https")
    platform = forms.ChoiceField(label=_("Platform"), choices=Platform.choices)
    account_id = forms.CharField(label=_("Account (id or handle)"), max_length=255, required=False)
    account_name = forms.CharField(label=_("Account name"), max_length=255, required=False)
    text = forms.CharField(label=_("Text of the post"), widget=forms.Textarea(attrs={"rows": 5}), required=False)
    group = forms.CharField(
        label=_("Group"),
        max_length=1000,
        required=False,
        widget=forms.TextInput(attrs={"list": "known-groups", "autocomplete": "off"}),
        help_text=_("Choose a known group or type its name or link; leave empty for a post outside a group."),
    )
    posted_at = forms.DateTimeField(
        label=_("Time posted"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        required=False,
        help_text=_("As the post shows it; leave empty when it does not."),
    )
    seen_at = forms.DateTimeField(
        label=_("Time seen"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        initial=timezone.now,
        required=False,
    )
    # The metaclass moves declared fields into base_fields, so this never shadows BaseForm.files at run time;
    # the stubs see a class attribute of another type.
    files = CheckedFilesField(  # type: ignore[assignment]
        label=_("Evidence: screenshots, video, PDF or saved page"),
        accept=CAPTURE_KINDS,
        max_bytes=_staff_max_bytes,
        help_text=_("Checked by content; one file at most %(limit)s MB.")
        % {"limit": settings.PANTAU_MAX_UPLOAD_BYTES // (1024 * 1024)},
    )


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Export file"))
    format = forms.ChoiceField(
        label=_("Format"),
        required=False,
        choices=[("", _("Detect from the content"))] + [(f, f) for f in FORMATS],
    )
    group = forms.CharField(
        label=_("Chat or group name"),
        max_length=255,
        required=False,
        help_text=_("For a WhatsApp chat whose export does not name the group."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        validate_uploads([upload], accept={EXPORT}, max_bytes=settings.PANTAU_MAX_UPLOAD_BYTES)
        return upload
