"""Outside people and their commitments, read only, for the office's scripts (analysts and coordinators)."""

from rest_framework import serializers, viewsets

from pantau.api.permissions import IsAnalyst

from .access import commitments_for, people_for
from .models import Commitment, Person, Tie


class TieSerializer(serializers.ModelSerializer):
    # A tie is to a group or to an account, so either may be empty.
    group: serializers.PrimaryKeyRelatedField = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
    account: serializers.PrimaryKeyRelatedField = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)

    class Meta:
        model = Tie
        fields = ["role", "group", "account", "source", "added_at"]


class PersonSerializer(serializers.ModelSerializer):
    ties = TieSerializer(many=True, read_only=True)

    class Meta:
        model = Person
        fields = ["id", "name", "kind", "phone", "email", "address", "notes", "ties", "created_at", "updated_at"]


class CommitmentSerializer(serializers.ModelSerializer):
    class Meta:
        model = Commitment
        fields = [
            "id", "meeting", "person", "group", "text", "due_date", "status", "closing_note", "evidence_url",
            "closed_at",
        ]  # fmt: skip


class PersonViewSet(viewsets.ReadOnlyModelViewSet):
    """People outside the office (their contact details are personal data: office roles only)."""

    serializer_class = PersonSerializer
    permission_classes = [IsAnalyst]

    def get_queryset(self):
        return people_for(self.request.user).prefetch_related("ties")


class CommitmentViewSet(viewsets.ReadOnlyModelViewSet):
    """Commitments outside people made at pokja meetings, and whether they were kept."""

    serializer_class = CommitmentSerializer
    permission_classes = [IsAnalyst]

    def get_queryset(self):
        return commitments_for(self.request.user)


routes = [
    ("outreach/people", PersonViewSet, "outreach-person"),
    ("outreach/commitments", CommitmentViewSet, "outreach-commitment"),
]
