from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from aufbruch.core.forms import StaffForm

from .models import PageRevision, SignVideo


class PageForm(StaffForm):
    title = forms.CharField(
        label=_("Title"), max_length=PageRevision._meta.get_field("title").max_length
    )
    body = forms.CharField(
        label=_("Text"),
        max_length=PageRevision._meta.get_field("body").max_length,
        widget=forms.Textarea(attrs={"rows": 24}),
        help_text=_(
            "Markdown: a line “## Heading” starts a section, “### Heading” a subsection; "
            "**bold**, lists with “- ”, links as [text](https://…). A line "
            "“[[bild:name]]” puts a picture next to the text after it (Leichte Sprache)."
        ),
    )


class SignVideoForm(StaffForm):
    video = forms.FileField(
        label=_("Video file"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "video/mp4,video/webm,video/quicktime"}),
        help_text=_("MP4, WebM or MOV. Or give the address on the city's video host below."),
    )
    video_url = forms.URLField(
        label=_("Address on the city's video host"),
        required=False,
        max_length=SignVideo._meta.get_field("video_url").max_length,
    )
    captions = forms.FileField(
        label=_("Captions (WebVTT file)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".vtt,text/vtt"}),
        help_text=_("Required. Keep the current file by leaving this empty."),
    )
    transcript = forms.CharField(
        label=_("Transcript"),
        max_length=SignVideo._meta.get_field("transcript").max_length,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("Everything the video says, as text. Markdown is allowed."),
    )
