"""Residents never read raw Markdown where user text is shortened."""

import pytest
from django.template import Context, Template

from aufbruch.core.templatetags.user_text import markdown_as_text


def test_markdown_as_text_strips_syntax_and_shortens():
    source = "**Wichtig:** mehr [Radwege](https://example.org) & Busse " + "sehr " * 80
    text = markdown_as_text(source, 60)
    assert text.startswith("Wichtig: mehr Radwege & Busse")
    assert "**" not in text and "](" not in text
    assert len(text) <= 61 and text.endswith("…")


def test_filter_output_is_escaped_in_templates():
    html = Template("{% load user_text %}{{ v|markdown_as_text:200 }}").render(
        Context({"v": "<b>fett</b> und **stark**"})
    )
    assert html == "&lt;b&gt;fett&lt;/b&gt; und stark"


@pytest.mark.django_db
def test_agenda_results_show_comments_without_markdown():
    from django.template.loader import render_to_string

    class Comment:
        body = "Ich finde **das** gut: [Quelle](https://example.org)"

    html = render_to_string(
        "agenda/_results_body.html",
        {
            "results": [{"latest_comments": [Comment()], "total": 1, "comments": 1}],
            "threshold": 10,
        },
    )
    assert "Ich finde das gut: Quelle" in html
    assert "**" not in html
