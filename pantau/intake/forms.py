import filetype
from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pantau.inventory.models import Platform

from .formats import FORMATS

# What a capture may carry as evidence, judged by the bytes, never the file name.
EVIDENCE_MIME_PREFIXES = ("image/", "video/")
EVIDENCE_MIME_EXACT = {"text/html", "application/x-mimearchive", "message/rfc822"}
IMAGE_EXTENSIONS = {".jpg", ".jpeg", ".png", ".gif", ".webp", ".bmp", ".heic"}
VIDEO_EXTENSIONS = {".mp4", ".mov", ".webm", ".3gp", ".mkv", ".avi"}


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


def content_kind(upload) -> str:
    """The evidence file's MIME type from its content."""
    head = upload.read(8192)
    upload.seek(0)
    kind = filetype.guess(head)
    if kind:
        return kind.mime
    if head.lstrip()[:15].lower().startswith((b"<!doctype html", b"<html")):
        return "text/html"
    if head.startswith(b"From:") or b"MIME-Version:" in head[:2000]:
        return "message/rfc822"
    return "application/octet-stream"


def check_evidence_file(upload):
    name = upload.name or ""
    if upload.size > settings.PANTAU_MAX_UPLOAD_BYTES:
        raise forms.ValidationError(
            _("%(name)s is too large (limit %(limit)s bytes)."),
            params={"name": name, "limit": settings.PANTAU_MAX_UPLOAD_BYTES},
        )
    mime = content_kind(upload)
    suffix = ("." + name.rsplit(".", 1)[-1].lower()) if "." in name else ""
    if suffix in IMAGE_EXTENSIONS and not mime.startswith("image/"):
        raise forms.ValidationError(_("%(name)s is not an image."), params={"name": name})
    if suffix in VIDEO_EXTENSIONS and not mime.startswith("video/"):
        raise forms.ValidationError(_("%(name)s is not a video."), params={"name": name})
    if not (mime.startswith(EVIDENCE_MIME_PREFIXES) or mime in EVIDENCE_MIME_EXACT):
        raise forms.ValidationError(_("%(name)s is not a screenshot, video or saved web page."), params={"name": name})


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
    files = MultipleFileField(
        label=_("Evidence: screenshots, video or saved page"),
        required=False,
        help_text=_("Checked by content; one file at most %(limit)s MB.")
        % {"limit": settings.PANTAU_MAX_UPLOAD_BYTES // (1024 * 1024)},
    )

    def clean_files(self):
        files = self.cleaned_data.get("files") or []
        for upload in files:
            check_evidence_file(upload)
        return files


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
        if upload.size > settings.PANTAU_MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("The file is too large (limit %(limit)s bytes)."), params={"limit": settings.PANTAU_MAX_UPLOAD_BYTES}
            )
        return upload
