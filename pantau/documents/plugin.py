"""What documents adds to the shared seams (pantau.core.seams)."""

from django.utils.translation import gettext_lazy

from pantau.core.seams import seams
from pantau.jobs.files import file_summary

from . import jobs, selfcheck

seams.jobs.add(
    jobs.generate_document,
    "documents.generate",
    name=gettext_lazy("Document"),
    title=jobs.document_title,
    summary=file_summary,
)


seams.menu.add("documents:new", gettext_lazy("Documents"), order=130)
seams.menu.add("documents:register", gettext_lazy("Outgoing letters"), order=140)
seams.menu.add("documents:logo", gettext_lazy("Letterhead logo"), order=200)

for name, check in selfcheck.CHECKS:
    seams.selfchecks.add(check, name)
