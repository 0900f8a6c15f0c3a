"""The public site's pages: the home page (the tree's root), the article index with its
category and tag pages, articles, their categories, and the anonymous view counter behind
"popular"."""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.html import strip_tags
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import Tag, TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from hipdip.web.accounts.models import Role
from hipdip.web.articles.blocks import BODY_BLOCKS, REFERENCE_BLOCKS

#: Words a reader gets through in a minute (a common estimate for web reading).
WORDS_PER_MINUTE = 200
ARTICLES_PER_PAGE = 10
STAFF_ROLES = [Role.COORDINATOR, Role.SURGEON, Role.CLINIC_ADMIN]


class HomePage(Page):
    """The root of the public site's tree. ``/`` itself is the product page (a Django
    view that lists the latest articles), so this page only sends readers there."""

    max_count = 1
    parent_page_types: ClassVar[list[str]] = ["wagtailcore.Page"]
    subpage_types: ClassVar[list[str]] = ["articles.ArticleIndexPage"]

    def serve(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return redirect("pages:home")


# The django-stubs plugin cannot see ArticlePage.category's reverse manager: Wagtail's Page,
# ArticlePage's base, is untyped.
@register_snippet
class ArticleCategory(index.Indexed, models.Model):  # type: ignore[django-manager-missing]
    """A subject articles are filed under, with its own page."""

    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    description = models.TextField(blank=True, max_length=400)
    sort_order = models.PositiveSmallIntegerField(default=0)

    panels: ClassVar[list[Any]] = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("sort_order"),
    ]
    search_fields: ClassVar[list[Any]] = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("description"),
    ]

    class Meta:
        ordering = ("sort_order", "name")
        verbose_name_plural = "article categories"

    def __str__(self) -> str:
        return self.name


class ArticleIndexPage(RoutablePageMixin, Page):
    """``/articles/``: every article, newest first, with category and tag pages."""

    intro = models.TextField(blank=True, max_length=500)

    content_panels: ClassVar[list[Any]] = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types: ClassVar[list[str]] = ["articles.HomePage"]
    subpage_types: ClassVar[list[str]] = ["articles.ArticlePage"]
    max_count = 1

    def articles(self) -> models.QuerySet[ArticlePage]:
        return (
            ArticlePage.objects.child_of(self)
            .live()
            .public()
            .select_related("category", "author")
            .order_by("-first_published_at", "-pk")
        )

    def _listing(
        self, request: HttpRequest, qs: models.QuerySet[ArticlePage], **context: Any
    ) -> HttpResponse:
        from hipdip.web.articles.selectors import popular_articles

        page = Paginator(qs, ARTICLES_PER_PAGE).get_page(request.GET.get("page"))
        return self.render(
            request,
            context_overrides={
                "page_obj": page,
                "categories": ArticleCategory.objects.all(),
                "popular": popular_articles(limit=5),
                **context,
            },
        )

    @path("")
    def index_route(self, request: HttpRequest) -> HttpResponse:
        return self._listing(request, self.articles())

    @path("category/<slug:slug>/")
    def category_route(self, request: HttpRequest, slug: str) -> HttpResponse:
        category = get_object_or_404(ArticleCategory, slug=slug)
        return self._listing(request, self.articles().filter(category=category), category=category)

    @path("tag/<slug:slug>/")
    def tag_route(self, request: HttpRequest, slug: str) -> HttpResponse:
        tag = get_object_or_404(Tag, slug=slug)
        qs = self.articles().filter(tags=tag)
        if not qs.exists():
            raise Http404("No article has this tag.")
        return self._listing(request, qs, tag=tag)


class ArticlePageTag(TaggedItemBase):
    content_object = ParentalKey(
        "articles.ArticlePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class ArticlePage(Page):
    """An article: summary, body (headings, text, pictures, callouts), references, who
    wrote it and which surgeon reviewed it when."""

    summary = models.TextField(
        max_length=300, help_text="One or two sentences; shown in lists, search and shares."
    )
    body = StreamField(BODY_BLOCKS)
    references = StreamField(REFERENCE_BLOCKS, blank=True)
    category = models.ForeignKey(
        ArticleCategory, null=True, on_delete=models.PROTECT, related_name="articles"
    )
    tags = ClusterTaggableManager(through=ArticlePageTag, blank=True)
    author = models.ForeignKey(
        "accounts.User",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        limit_choices_to={"role__in": STAFF_ROLES, "clinic__isnull": False},
        help_text="A surgeon or staff member of the clinic.",
    )
    reviewed_by = models.ForeignKey(
        "accounts.User",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        limit_choices_to={"role": Role.SURGEON, "clinic__isnull": False},
        verbose_name="medically reviewed by",
    )
    reviewed_on = models.DateField(null=True, blank=True, verbose_name="medical review date")

    content_panels: ClassVar[list[Any]] = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("references"),
        MultiFieldPanel([FieldPanel("category"), FieldPanel("tags")], heading="Category and tags"),
        MultiFieldPanel(
            [FieldPanel("author"), FieldPanel("reviewed_by"), FieldPanel("reviewed_on")],
            heading="Author and medical review",
        ),
        InlinePanel("picks", label="Editor's picks (related articles)"),
    ]
    search_fields: ClassVar[list[Any]] = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.RelatedFields("category", [index.SearchField("name")]),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.FilterField("category"),
    ]
    parent_page_types: ClassVar[list[str]] = ["articles.ArticleIndexPage"]
    subpage_types: ClassVar[list[str]] = []

    def clean(self) -> None:
        super().clean()
        errors: dict[str, str] = {}
        if self.category_id is None:
            errors["category"] = "Choose a category."
        if self.author_id is None:
            errors["author"] = "Name the staff member who wrote the article."
        elif self.author is not None and not self.author.is_clinic_staff:
            errors["author"] = "The author must be a member of the clinic's staff."
        if (self.reviewed_by_id is None) != (self.reviewed_on is None):
            errors["reviewed_on"] = "Give both the reviewing surgeon and the review date."
        elif self.reviewed_on and self.reviewed_on > dt.date.today():
            errors["reviewed_on"] = "The review date cannot be in the future."
        if errors:
            raise ValidationError(errors)

    @property
    def plain_text(self) -> str:
        """The body as plain text (for reading time, excerpts and the feed)."""
        parts: list[str] = []
        for block in self.body:
            if block.block_type == "heading":
                parts.append(str(block.value))
            elif block.block_type == "paragraph":
                parts.append(strip_tags(block.value.source))
            elif block.block_type == "callout":
                parts.append(strip_tags(block.value["text"].source))
        return "\n".join(parts)

    @property
    def reading_minutes(self) -> int:
        words = len(self.plain_text.split()) + len(self.summary.split())
        return max(1, round(words / WORDS_PER_MINUTE))

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from hipdip.web.articles.selectors import article_schema, related_articles

        context = super().get_context(request, *args, **kwargs)
        context["related"] = related_articles(self, limit=3)
        context["schema"] = article_schema(self, base_url=request.build_absolute_uri("/"))
        return context

    def serve(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        from hipdip.web.articles.services import article_view_record

        response = super().serve(request, *args, **kwargs)
        if request.method == "GET" and response.status_code == 200:
            article_view_record(article=self, user_agent=request.headers.get("user-agent", ""))
        return response


class ArticlePick(Orderable):
    """An editor's pick shown under "related" after the articles that share a subject."""

    article = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="picks")
    target = models.ForeignKey(ArticlePage, on_delete=models.CASCADE, related_name="+")

    panels: ClassVar[list[Any]] = [FieldPanel("target")]

    def clean(self) -> None:
        super().clean()
        if self.target_id is not None and self.target_id == self.article_id:
            raise ValidationError({"target": "An article cannot be its own pick."})


class ArticleDailyViews(models.Model):
    """How often an article was read on a day: a bare count, with no cookie, address or
    anything else about the reader, so "popular" needs no consent."""

    article = models.ForeignKey(ArticlePage, on_delete=models.CASCADE, related_name="daily_views")
    day = models.DateField()
    views = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = (
            models.UniqueConstraint(fields=("article", "day"), name="article_views_one_row_a_day"),
        )

    def __str__(self) -> str:
        return f"{self.article_id} on {self.day}: {self.views}"
