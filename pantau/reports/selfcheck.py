"""`pantau check`: the identity keys work and every stored identity can still be decrypted."""

from . import crypto
from .models import Report


def _field_keys():
    try:
        assert crypto.decrypt_json(crypto.encrypt_json({"probe": "ok"})) == {"probe": "ok"}
    except Exception as exc:  # any failure here means identities cannot be stored
        return False, f"PANTAU_FIELD_KEYS cannot encrypt: {exc}"
    sample = Report.objects.exclude(identity_token="").order_by("-pk").values_list("identity_token", flat=True)[:50]
    for token in sample:
        try:
            crypto.decrypt_json(token)
        except ValueError:
            return False, "a stored identity cannot be decrypted: was an old key dropped from PANTAU_FIELD_KEYS?"
    return True, f"identity keys work ({len(sample)} recent identities decrypt)"


CHECKS = [("reporter identity keys", _field_keys)]
