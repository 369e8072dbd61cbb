"""Where other apps join reports: reports announce, the others answer, and reports import none of them.

Cases build on reports (a case is opened from a report, its clocks follow the report's requirements), so
the cases app listens here (pantau/cases/from_reports.py) instead of reports calling into it, which had
made the two apps import each other. Each is a Django signal sent with `sender=Report`.
"""

from django.dispatch import Signal

# The reporter added to a report (kwargs: report), after it is saved and its files are attached.
report_completed = Signal()
# An inquiry into initial information found something to take up (kwargs: report, user, result): a receiver
# opens the office's finding from the report and returns it. Sent inside the inquiry's transaction.
finding_found = Signal()
# The staff's page of one report (kwargs: report, user): each receiver returns a dict added to the page's
# context (the cases app: the cases of the report and the open cases about the same thing).
staff_page_context = Signal()
