from django import forms
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pantau.audit.log import record
from pantau.jobs.access import get_job_for
from pantau.jobs.files import open_output
from pantau.jobs.runner import start_job
from pantau.people.access import role_required
from pantau.people.roles import MEMBER_ROLES, has_role
from pantau.pokja.access import meetings_for

from .registry import DOCUMENTS
from .services import FORMATS

DOWNLOADABLE_KINDS = ("documents.generate", "dashboards.export")


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Document"))
    format = forms.ChoiceField(label=gettext_lazy("Format"), choices=[(f, f.upper()) for f in FORMATS])
    meeting = forms.ModelChoiceField(label=gettext_lazy("Meeting"), queryset=None, required=False)
    # Documents about one object of another app (the case summary) take its id; the builder checks access.
    case = forms.IntegerField(label=gettext_lazy("Case (id)"), required=False, min_value=1)

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(key, doc.title) for key, doc in DOCUMENTS.items() if has_role(user, doc.roles)]
        self.fields["meeting"].queryset = meetings_for(user)

    def clean(self):
        data = super().clean()
        doc = DOCUMENTS.get(data.get("kind"))
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
            params["case"] = data["case"]
        job = start_job(
            "documents.generate",
            f"{DOCUMENTS[data['kind']].title} ({data['format'].upper()})",
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
