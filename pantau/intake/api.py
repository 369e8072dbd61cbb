from typing import TypedDict

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, viewsets
from rest_framework.exceptions import ValidationError

from pantau.api.filters import MAX_ID, validated_query
from pantau.api.permissions import IsAnalyst
from pantau.detection.taxonomy import LABELS
from pantau.inventory.models import Platform

from .access import posts_for
from .listing import REVIEW_STATES, SORTS, filter_posts
from .models import Post


class PostSerializer(serializers.ModelSerializer):
    author_name = serializers.CharField(source="author.name", read_only=True, default="")
    group_name = serializers.CharField(source="group.name", read_only=True, default="")

    class Meta:
        model = Post
        fields = [
            "id",
            "platform",
            "platform_post_id",
            "url",
            "author",
            "author_name",
            "group",
            "group_name",
            "text",
            "links",
            "posted_at",
            "captured_at",
            "seen_at",
            "source",
        ]


class _OptionalText(TypedDict):
    required: bool
    allow_blank: bool


def _filter_fields() -> dict[str, serializers.Field]:
    """The posts list's query parameters (intake/listing.py) for the schema; `from` is a keyword, hence a dict."""
    text = _OptionalText(required=False, allow_blank=True)
    return {
        "q": serializers.CharField(
            help_text="Words to search in the text (Indonesian-aware, prefix matching).", **text
        ),
        "label": serializers.ChoiceField(choices=list(LABELS), help_text="A label key.", **text),
        "platform": serializers.ChoiceField(choices=Platform.choices, **text),
        "kecamatan": serializers.CharField(help_text="A kecamatan's code (62.13.04) or id.", **text),
        "group": serializers.IntegerField(required=False, min_value=1, max_value=MAX_ID),
        "account": serializers.IntegerField(required=False, min_value=1, max_value=MAX_ID),
        "review": serializers.ChoiceField(choices=list(REVIEW_STATES), **text),
        "severity": serializers.ChoiceField(choices=["1", "2", "3"], help_text="At least this severity.", **text),
        "from": serializers.DateField(required=False, help_text="First day (YYYY-MM-DD, the office's time zone)."),
        "to": serializers.DateField(required=False, help_text="Last day (YYYY-MM-DD), included."),
        "sort": serializers.ChoiceField(choices=list(SORTS), **text),
    }


PostFilter = type("PostFilter", (serializers.Serializer,), _filter_fields())


@extend_schema_view(list=extend_schema(parameters=[PostFilter]))
class PostViewSet(viewsets.ReadOnlyModelViewSet):
    """Posts, filtered and sorted exactly as the posts list page (and its export) with the same parameters."""

    serializer_class = PostSerializer
    permission_classes = [IsAnalyst]

    def get_queryset(self) -> QuerySet[Post]:
        if self.action != "list":
            return posts_for(self.request.user).select_related("author", "group")
        validated_query(self.request, PostFilter)
        posts, form = filter_posts(self.request.user, self.request.query_params)
        if form.errors:
            raise ValidationError({name: [str(e) for e in errors] for name, errors in form.errors.items()})
        return posts.select_related("author", "group")


routes = [("posts", PostViewSet, "post")]
