from rest_framework import serializers, viewsets

from pantau.api.permissions import IsAnalyst

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


class PostViewSet(viewsets.ReadOnlyModelViewSet):
    """Posts; `?q=` searches the text (Indonesian-aware, prefix matching), `?platform=` filters."""

    serializer_class = PostSerializer
    permission_classes = [IsAnalyst]

    def get_queryset(self):
        posts = posts_for(self.request.user).select_related("author", "group").order_by("-posted_at", "-pk")
        params = self.request.query_params
        if params.get("platform"):
            posts = posts.filter(platform=params["platform"])
        if params.get("q"):
            posts = search_posts(posts, params["q"][:200])
        return posts


routes = [("posts", PostViewSet, "post")]
