"""PDFs from HTML with WeasyPrint (optional: the pip extra "pdf"). The
print stylesheets are read from the static files on disk, so the page
numbers and the letterhead do not depend on fetching a URL."""

from __future__ import annotations

from django.contrib.staticfiles import finders


def pdf_available() -> bool:
    try:
        import weasyprint  # noqa: F401
    except Exception:  # noqa: BLE001 - missing system libraries raise OSError too
        return False
    return True


def _document(html: str, *, base_url: str, stylesheets: tuple[str, ...]):
    import weasyprint

    css = [weasyprint.CSS(filename=finders.find(path)) for path in stylesheets]
    return weasyprint.HTML(string=html, base_url=base_url).render(stylesheets=css)


def html_to_pdf(html: str, *, base_url: str, stylesheets: tuple[str, ...] = ()) -> bytes:
    return _document(html, base_url=base_url, stylesheets=stylesheets).write_pdf()


def page_texts(html: str, *, base_url: str, stylesheets: tuple[str, ...] = ()) -> list[str]:
    """The text of each laid-out page, margin boxes (page numbers) included; for tests."""

    def texts(box):
        if getattr(box, "text", None):
            yield box.text
        for child in getattr(box, "children", ()) or ():
            yield from texts(child)

    return [
        " ".join(texts(page._page_box))
        for page in _document(html, base_url=base_url, stylesheets=stylesheets).pages
    ]
