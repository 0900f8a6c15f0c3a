"""The blocks an article's body and reference list are made of."""

from __future__ import annotations

from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock


class HeadingBlock(blocks.CharBlock):
    """A section heading (rendered as h2, so the page keeps one h1: the title)."""

    class Meta:
        icon = "title"
        template = "articles/blocks/heading.html"


class ImageBlock(blocks.StructBlock):
    """A picture with a required text alternative and an optional caption."""

    image = ImageChooserBlock()
    alt = blocks.CharBlock(help_text="What the picture shows, for people who cannot see it.")
    caption = blocks.CharBlock(required=False)

    class Meta:
        icon = "image"
        template = "articles/blocks/image.html"


class CalloutBlock(blocks.StructBlock):
    """A boxed note: a tip, something important, or when to call the clinic."""

    kind = blocks.ChoiceBlock(
        choices=[("note", "Note"), ("important", "Important"), ("call", "When to call")],
        default="note",
    )
    text = blocks.RichTextBlock(features=["bold", "italic", "link", "ul", "ol"])

    class Meta:
        icon = "warning"
        template = "articles/blocks/callout.html"


class ReferenceBlock(blocks.StructBlock):
    """One source of the article's clinical statements, cited as in the clinic's records."""

    citation = blocks.CharBlock()
    url = blocks.URLBlock(required=False)

    class Meta:
        icon = "doc-full"


BODY_BLOCKS = [
    ("heading", HeadingBlock()),
    ("paragraph", blocks.RichTextBlock(features=["h3", "bold", "italic", "link", "ul", "ol"])),
    ("image", ImageBlock()),
    ("callout", CalloutBlock()),
]
REFERENCE_BLOCKS = [("reference", ReferenceBlock())]
