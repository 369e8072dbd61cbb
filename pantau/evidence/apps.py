from django.apps import AppConfig


class EvidenceConfig(AppConfig):
    name = "pantau.evidence"
    label = "evidence"

    def ready(self):
        from django.conf import settings
        from django.db.models.signals import post_migrate
        from PIL import Image

        from . import checks  # noqa: F401  (registers the system checks of the evidence settings)
        from .reseal import reseal_after_migrate

        # Upgrading an installation reseals its chain once, and only if the old chain verifies.
        post_migrate.connect(reseal_after_migrate, sender=self)
        # Pillow's own guard (it errors only above twice this) backs up imaging.open_image's exact one.
        Image.MAX_IMAGE_PIXELS = settings.PANTAU_MAX_IMAGE_PIXELS
