"""The upload check as form validation: every refused file is named with its reason, the rest of the form stays."""

from collections.abc import Set as AbstractSet

from django import forms
from django.utils.translation import gettext_lazy as _

from .filecheck import FileRefused, check_file


def validate_uploads(uploads, *, accept: AbstractSet[str], max_bytes: int) -> list:
    """The uploads when all may be kept; a ValidationError with one message per refused file otherwise."""
    errors = []
    for upload in uploads:
        try:
            check_file(upload, name=upload.name, accept=accept, max_bytes=max_bytes)
        except FileRefused as exc:
            errors.append(forms.ValidationError(str(exc), code="refused"))
    if errors:
        raise forms.ValidationError(errors)
    return list(uploads)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class CheckedFilesField(forms.FileField):
    """Several files, each through the upload check; `max_files` bounds how many."""

    widget = MultipleFileInput
    default_error_messages = {"too_many": _("At most %(n)s files at once.")}

    def __init__(self, *args, accept: AbstractSet[str], max_bytes, max_files=None, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)
        self.accept, self.max_bytes, self.max_files = accept, max_bytes, max_files

    def clean(self, data, initial=None):
        single = super().clean
        files = [single(f, initial) for f in (data if isinstance(data, list | tuple) else [data]) if f]
        limit = self.max_files() if callable(self.max_files) else self.max_files
        if limit and len(files) > limit:
            raise forms.ValidationError(self.error_messages["too_many"] % {"n": limit})
        max_bytes = self.max_bytes() if callable(self.max_bytes) else self.max_bytes
        return validate_uploads(files, accept=self.accept, max_bytes=max_bytes)
