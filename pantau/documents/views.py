from collections.abc import Callable
from typing import Any, cast

from django import forms
from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pantau.audit.log import record
from pantau.cases.access import cases_for, title_for
from pantau.core.paging import paginate
from pantau.evidence.filecheck import EDGE, FileRefused, sniff_mime
from pantau.jobs.access import get_job_for
from pantau.jobs.files import open_output
from pantau.jobs.runner import start_job
from pantau.people.access import role_required
from pantau.people.roles import ADMIN_ROLES, ANALYSIS_ROLES, MEMBER_ROLES, has_role
from pantau.pokja.access import meetings_for

from .logo import has_uploaded_logo, remove_logos, save_logo
from .numbering import register as numbers_issued
from .registry import document_types
from .services import FORMATS

DOWNLOADABLE_KINDS = ("documents.generate", "dashboards.export")


class CaseChoiceField(forms.ModelChoiceField):
    """Cases named as the person choosing may see them: `label_of` is set once the form knows who that is."""

    label_of: Callable[[Any], str] = str

    def label_from_instance(self, obj):
        return self.label_of(obj)


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Document"))
    format = forms.ChoiceField(label=gettext_lazy("Format"), choices=[(f, f.upper()) for f in FORMATS])
    meeting: forms.ModelChoiceField = forms.ModelChoiceField(
        label=gettext_lazy("Meeting"), queryset=None, required=False
    )
    # The case summary's case, chosen from the cases the person may see, by register number; the builder checks too.
    case = CaseChoiceField(label=gettext_lazy("Case"), queryset=None, required=False)
    layout = forms.ChoiceField(
        label=gettext_lazy("Letters to outside invitees"),
        choices=[
            ("each", gettext_lazy("One letter per invitee")),
            ("annex", gettext_lazy("One letter with the invitees in an annex")),
        ],
        required=False,
    )

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        kinds = cast(forms.ChoiceField, self.fields["kind"])
        kinds.choices = [(key, doc.title) for key, doc in document_types().items() if has_role(user, doc.roles)]
        cast(forms.ModelChoiceField, self.fields["meeting"]).queryset = meetings_for(user)
        cases = cast(CaseChoiceField, self.fields["case"])
        cases.queryset = cases_for(user).select_related("report")
        cases.label_of = lambda case: f"{case.reference} — {title_for(user, case)}"[:150]

    def clean(self):
        super().clean()
        data = self.cleaned_data
        doc = document_types().get(data.get("kind") or "")
        if doc and doc.needs_meeting and not data.get("meeting"):
            self.add_error("meeting", _("Choose the meeting."))
        return data


@role_required(MEMBER_ROLES)
def new_document(request):
    initial = {key: request.GET.get(key) for key in ("kind", "meeting", "case")}
    form = DocumentForm(request.user, request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        params = {"meeting": data["meeting"].pk} if data.get("meeting") else {}
        if data.get("case"):
            params["case"] = data["case"].pk
        if data.get("layout"):
            params["layout"] = data["layout"]
        job = start_job(
            "documents.generate",
            f"{document_types()[data['kind']].title} ({data['format'].upper()})",
            {"kind": data["kind"], "format": data["format"], "params": params},
            user=request.user,
        )
        return redirect("jobs:detail", pk=job.pk)
    return render(request, "documents/new.html", {"form": form})


@role_required(MEMBER_ROLES)
def download(request, pk):
    job = get_job_for(request.user, pk)
    handle = open_output(job) if job.kind in DOWNLOADABLE_KINDS and job.status == "done" else None
    if handle is None:
        raise Http404
    record(request.user, "document.downloaded", job, kind=job.kind, file=job.result["file"])
    return FileResponse(handle, as_attachment=True, filename=job.result["file"])


class LogoForm(forms.Form):
    logo = forms.FileField(label=gettext_lazy("Logo (PNG or JPEG)"), required=False)


@role_required(ANALYSIS_ROLES)
def letter_register(request):
    page = paginate(request, numbers_issued(), 100)
    return render(request, "documents/register.html", {"page": page})


@role_required(ADMIN_ROLES)
def office_logo(request):
    form = LogoForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and request.POST.get("remove"):
        remove_logos()
        messages.success(request, _("The letterhead uses the neutral placeholder again."))
        return redirect("documents:logo")
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data.get("logo")
        if upload is None:
            messages.error(request, _("Choose an image file."))
        else:
            try:
                save_logo(upload, request.user)
            except FileRefused as exc:
                messages.error(request, str(exc))
            else:
                messages.success(request, _("The logo is on the letterhead from now on."))
                return redirect("documents:logo")
    return render(request, "documents/logo.html", {"form": form, "has_logo": has_uploaded_logo()})


@role_required(ADMIN_ROLES)
def logo_image(request):
    """The letterhead logo as it will be printed, for the settings page."""
    from django.http import HttpResponse

    from .logo import current_logo

    data = current_logo()
    return HttpResponse(data, content_type=sniff_mime(data[:EDGE]))
