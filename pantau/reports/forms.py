from django import forms
from django.conf import settings
from django.db.models import Count, Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pantau.evidence.filecheck import IMAGE, PDF, VIDEO, FileRefused, check_file
from pantau.evidence.forms import CheckedFilesField
from pantau.regions.models import Level, Region

from .codes import normalize_code


def _public_max_bytes():
    return settings.PANTAU_REPORT_MAX_FILE_BYTES


def _public_max_files():
    return settings.PANTAU_REPORT_MAX_FILES


# What a citizen may send with a report: the one rule the form and its kept files both apply.
PUBLIC_KINDS = frozenset({IMAGE, VIDEO, PDF})


def passes_public_check(upload) -> bool:
    try:
        check_file(upload, name=upload.name, accept=PUBLIC_KINDS, max_bytes=_public_max_bytes())
    except FileRefused:
        return False
    return True


class EvidenceField(CheckedFilesField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("error_messages", {"too_many": _("At most %(n)s files per report.")})
        super().__init__(*args, accept=PUBLIC_KINDS, max_bytes=_public_max_bytes, max_files=_public_max_files, **kwargs)
        self.widget.attrs["accept"] = "image/*,video/*,application/pdf"


def kecamatan_choices():
    return Region.objects.filter(level=Level.KECAMATAN).order_by("name")


def kecamatan_version() -> str:
    """Changes when a kecamatan is added or removed: the public form's rendered fields are kept under it."""
    found = Region.objects.filter(level=Level.KECAMATAN).aggregate(n=Count("pk"), last=Max("pk"))
    return f"{found['n']}-{found['last']}"


class DateInput(forms.DateInput):
    input_type = "date"


class PlaceFields(forms.Form):
    # Lazy: every form copies it unevaluated (ModelChoiceField.__deepcopy__), so no form builds it anew.
    kecamatan = forms.ModelChoiceField(
        label=_("Kecamatan"), queryset=kecamatan_choices(), required=False, empty_label=_("— choose —")
    )

    def clean(self):
        super().clean()
        data = self.cleaned_data
        today = timezone.localdate()
        for name in ("occurred_on", "known_on"):
            if data.get(name) and data[name] > today:
                self.add_error(name, _("This date is in the future."))
        if data.get("occurred_on") and data.get("known_on") and data["known_on"] < data["occurred_on"]:
            self.add_error("known_on", _("You cannot have learnt of it before it happened."))
        return data


class ReportForm(PlaceFields):
    anonymous = forms.BooleanField(
        label=_("Report anonymously"),
        required=False,
        help_text=_(
            "An anonymous report is treated as initial information (informasi awal), not a formal report: "
            "the office may look into it, but cannot tell you the outcome unless you leave a contact."
        ),
    )
    name = forms.CharField(label=_("Your name"), max_length=120, required=False)
    address = forms.CharField(label=_("Your address"), max_length=255, required=False)
    phone = forms.CharField(label=_("Phone or WhatsApp number"), max_length=30, required=False)
    email = forms.EmailField(label=_("E-mail"), max_length=200, required=False)
    nik = forms.RegexField(
        label=_("Identity number (NIK), optional"),
        regex=r"^\d{16}$",
        required=False,
        error_messages={"invalid": _("A NIK has 16 digits.")},
    )
    reported_name = forms.CharField(label=_("Who is reported (name or account name)"), max_length=255, required=False)
    reported_links = forms.CharField(
        label=_("Links to the account or post (one per line)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
        required=False,
    )
    description = forms.CharField(
        label=_("What happened"), widget=forms.Textarea(attrs={"rows": 6}), max_length=5000, min_length=10
    )
    occurred_on = forms.DateField(label=_("When it happened"), widget=DateInput, required=False)
    known_on = forms.DateField(label=_("When you learnt of it"), widget=DateInput, required=False)
    place_detail = forms.CharField(label=_("Place (village, street, or online)"), max_length=255, required=False)
    evidence = EvidenceField(label=_("Evidence: photos, screenshots, video or PDF"))
    consent = forms.BooleanField(label=_("I have read the privacy notice and agree to it"))
    # A field people never see; bots fill it in.
    website = forms.CharField(required=False, label=_("Leave this empty"))

    field_order = [
        "anonymous",
        "name",
        "address",
        "phone",
        "email",
        "nik",
        "reported_name",
        "reported_links",
        "description",
        "occurred_on",
        "known_on",
        "kecamatan",
        "place_detail",
        "evidence",
        "consent",
        "website",
    ]

    def clean(self):
        super().clean()
        data = self.cleaned_data
        if not data.get("anonymous") and not (data.get("phone") or data.get("email")):
            self.add_error("phone", _("Give a phone number or an e-mail address, or choose to report anonymously."))
        if not data.get("anonymous") and not data.get("name"):
            self.add_error("name", _("Give your name, or choose to report anonymously."))
        # A report names the reporter and their address (a formal requirement): without them it is initial
        # information, which the reporter should choose knowingly (anonymously), not by leaving a field empty.
        if not data.get("anonymous") and not data.get("address"):
            self.add_error("address", _("Give your address, or choose to report anonymously."))
        return data


class LookupForm(forms.Form):
    kode = forms.CharField(label=_("Receipt code"), max_length=40)

    def clean_kode(self):
        code = normalize_code(self.cleaned_data["kode"], settings.PANTAU_REPORT_CODE_PREFIX)
        if not code:
            raise forms.ValidationError(
                _("This is not a receipt code. It looks like %(example)s.")
                % {"example": f"{settings.PANTAU_REPORT_CODE_PREFIX}-7K2Q-9XHD"}
            )
        return code


class CompleteForm(PlaceFields):
    kode = forms.CharField(widget=forms.HiddenInput)
    reported_name = forms.CharField(label=_("Who is reported (name or account name)"), max_length=255, required=False)
    reported_links = forms.CharField(
        label=_("More links (one per line)"), widget=forms.Textarea(attrs={"rows": 2}), max_length=4000, required=False
    )
    more_description = forms.CharField(
        label=_("More about what happened"), widget=forms.Textarea(attrs={"rows": 4}), max_length=5000, required=False
    )
    occurred_on = forms.DateField(label=_("When it happened"), widget=DateInput, required=False)
    known_on = forms.DateField(label=_("When you learnt of it"), widget=DateInput, required=False)
    evidence = EvidenceField(label=_("More evidence files"))
    website = forms.CharField(required=False, label=_("Leave this empty"))


class InquiryForm(forms.Form):
    public_note = forms.CharField(
        label=_("Public note (the reporter sees it)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        required=False,
    )


class InquiryResultForm(InquiryForm):
    outcome = forms.ChoiceField(
        label=_("Result of the inquiry"),
        choices=[
            ("finding", _("Take it up as the office's finding (temuan)")),
            ("no_finding", _("Nothing to take up: close it")),
        ],
        widget=forms.RadioSelect,
    )
    result = forms.CharField(
        label=_("What the inquiry found (for the file)"), widget=forms.Textarea(attrs={"rows": 4}), max_length=10000
    )
    field_order = ["outcome", "result", "public_note"]
