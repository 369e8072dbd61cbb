from django.apps import AppConfig


class EvidenceConfig(AppConfig):
    name = "pantau.evidence"
    label = "evidence"

    def ready(self):
        from django.conf import settings
        from PIL import Image

        from . import integrations  # noqa: F401  (evidence in the documents' inventory report)

        # Pillow's own guard (it errors only above twice this) backs up imaging.open_image's exact one.
        Image.MAX_IMAGE_PIXELS = settings.PANTAU_MAX_IMAGE_PIXELS
