from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    CO_SIMILAR = "co_similar", _("Near-identical text")
    CO_LINK = "co_link", _("Same link")
    CO_GROUP = "co_group", _("Same group")


class PostSignature(models.Model):
    """What coordination needs to know about one post, computed once when it arrives.

    Later imports compare only their own posts with the stored signatures of
    posts inside the time window, so an office never recomputes everything.
    """

    post = models.OneToOneField(
        "intake.Post", on_delete=models.CASCADE, primary_key=True, related_name="coordination_signature"
    )
    text_hash = models.CharField(max_length=16, db_index=True, help_text="Hash of the canonical text.")
    tokens = models.PositiveIntegerField(default=0)
    links = models.JSONField(default=list, blank=True, help_text="Normalised links.")
    posted_at = models.DateTimeField(db_index=True)
    computed_at = models.DateTimeField(auto_now=True)


class PostPair(models.Model):
    """Two posts by different accounts that are one coordinated act (the evidence behind an edge)."""

    kind = models.CharField(max_length=20, choices=Kind.choices)
    post_a = models.ForeignKey("intake.Post", on_delete=models.CASCADE, related_name="+")
    post_b = models.ForeignKey("intake.Post", on_delete=models.CASCADE, related_name="+")
    account_a = models.ForeignKey("inventory.Account", on_delete=models.CASCADE, related_name="+")
    account_b = models.ForeignKey("inventory.Account", on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "post_a", "post_b"], name="coordination_pair_unique")]
        indexes = [models.Index(fields=["kind", "account_a", "account_b"])]


class Run(models.Model):
    """One computation of the clusters, with the parameters it used."""

    params = models.JSONField(default=dict)
    stats = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]


class Cluster(models.Model):
    run = models.ForeignKey(Run, on_delete=models.CASCADE, related_name="clusters")
    number = models.PositiveIntegerField()
    size = models.PositiveIntegerField(_("accounts"))
    weight = models.PositiveIntegerField(_("coordinated acts"))
    kinds = models.JSONField(default=list)
    accounts = models.ManyToManyField("inventory.Account", related_name="coordination_clusters")
    flagged_at = models.DateTimeField(null=True, blank=True)
    flagged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-size", "-weight", "number"]
        verbose_name = _("cluster")
        verbose_name_plural = _("clusters")

    def __str__(self):
        return f"#{self.number} ({self.size})"

    @property
    def kind_names(self) -> list[str]:
        return [str(Kind(kind).label) if kind in Kind.values else kind for kind in self.kinds]


class ClusterEdge(models.Model):
    cluster = models.ForeignKey(Cluster, on_delete=models.CASCADE, related_name="edges")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    account_a = models.ForeignKey("inventory.Account", on_delete=models.CASCADE, related_name="+")
    account_b = models.ForeignKey("inventory.Account", on_delete=models.CASCADE, related_name="+")
    weight = models.PositiveIntegerField()
    evidence = models.JSONField(default=list, help_text="[[post pk, post pk], ...], at most 50.")

    class Meta:
        ordering = ["-weight", "pk"]
