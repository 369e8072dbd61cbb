from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, viewsets

from pantau.api.filters import validated_query
from pantau.api.permissions import IsAnalyst
from pantau.inventory.models import Platform

from .access import posts_for
from .models import Post
from .search import search_posts


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


class PostFilter(serializers.Serializer):
    platform = serializers.ChoiceField(choices=Platform.choices, required=False, allow_blank=True)
    q = serializers.CharField(required=False, allow_blank=True, help_text="Words to search in the text.")


@extend_schema_view(list=extend_schema(parameters=[PostFilter]))
class PostViewSet(viewsets.ReadOnlyModelViewSet):
    """Posts; `?q=` searches the text (Indonesian-aware, prefix matching), `?platform=` filters."""

    serializer_class = PostSerializer
    permission_classes = [IsAnalyst]

    def get_queryset(self):
        posts = posts_for(self.request.user).select_related("author", "group").order_by("-posted_at", "-pk")
        params = validated_query(self.request, PostFilter)
        if "platform" in params:
            posts = posts.filter(platform=params["platform"])
        if "q" in params:
            posts = search_posts(posts, params["q"][:200])
        return posts


routes = [("posts", PostViewSet, "post")]
