"""Turn a Markdown text, a .docx or an .odt file into sections and paragraphs.

Headings become sections, paragraphs become the commentable units. Word and
OpenDocument files are ZIP archives of XML; they are read with the standard
library (zipfile, ElementTree) so no parser for office formats is needed,
and every archive is checked for size before anything is decompressed.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from xml.etree import ElementTree as ET

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_XML_BYTES = 20 * 1024 * 1024  # uncompressed: stops ZIP bombs
MAX_SOURCE_CHARS = 2_000_000
MAX_PARAGRAPHS = 5_000
MAX_SECTIONS = 1_000
MAX_HEADING = 300
MAX_PARAGRAPH = 10_000
MAX_LEVEL = 3


@dataclass
class ImportedSection:
    level: int
    title: str
    paragraphs: list[str] = field(default_factory=list)


_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")


def _add(sections: list[ImportedSection], text: str) -> None:
    text = text.strip()
    if not text:
        return
    if not sections:
        sections.append(ImportedSection(level=1, title=_("Preliminary remarks")))
    sections[-1].paragraphs.append(text)


def _heading(sections: list[ImportedSection], level: int, title: str) -> None:
    title = " ".join(title.split())
    if title:
        sections.append(ImportedSection(level=max(1, min(level, MAX_LEVEL)), title=title))


def parse_markdown(source: str) -> list[ImportedSection]:
    """ATX headings (``#``, ``##``, ``###``) start sections; blank lines separate paragraphs."""
    if len(source or "") > MAX_SOURCE_CHARS:
        raise ValidationError({"source": _("The text is too long to import.")})
    sections: list[ImportedSection] = []
    buffer: list[str] = []
    for line in (source or "").replace("\r\n", "\n").split("\n"):
        match = _HEADING.match(line)
        if match:
            _add(sections, "\n".join(buffer))
            buffer = []
            _heading(sections, len(match.group(1)), match.group(2))
        elif not line.strip():
            _add(sections, "\n".join(buffer))
            buffer = []
        else:
            buffer.append(line.rstrip())
    _add(sections, "\n".join(buffer))
    return check(sections)


def check(sections: list[ImportedSection]) -> list[ImportedSection]:
    if not sections:
        raise ValidationError({"source": _("The text has no headings and no paragraphs.")})
    if len(sections) > MAX_SECTIONS:
        raise ValidationError(
            {"source": _("At most %(max)d sections, please.") % {"max": MAX_SECTIONS}}
        )
    count = sum(len(s.paragraphs) for s in sections)
    if count > MAX_PARAGRAPHS:
        raise ValidationError(
            {"source": _("At most %(max)d paragraphs, please.") % {"max": MAX_PARAGRAPHS}}
        )
    for s in sections:
        if len(s.title) > MAX_HEADING:
            raise ValidationError(
                {
                    "source": _("The heading “%(title)s…” is longer than %(max)d characters.")
                    % {"title": s.title[:40], "max": MAX_HEADING}
                }
            )
        for p in s.paragraphs:
            if len(p) > MAX_PARAGRAPH:
                raise ValidationError(
                    {
                        "source": _("A paragraph in “%(title)s” is longer than %(max)d characters.")
                        % {"title": s.title[:40], "max": MAX_PARAGRAPH}
                    }
                )
    return sections


# --- office files ------------------------------------------------------------

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TEXT_NS = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"


def _bad_file():
    return ValidationError(
        {"upload": _("This file could not be read. Please upload a .docx or .odt file.")}
    )


def _read_member(upload, member: str) -> bytes:
    if upload.size is not None and upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            {
                "upload": _("The file is too large (at most %(mb)d MB).")
                % {"mb": MAX_UPLOAD_BYTES // (1024 * 1024)}
            }
        )
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            try:
                info = archive.getinfo(member)
            except KeyError:
                raise _bad_file() from None
            if info.file_size > MAX_XML_BYTES:
                raise ValidationError({"upload": _("The file's text is too large to import.")})
            with archive.open(info) as fh:
                data = fh.read(MAX_XML_BYTES + 1)
    except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, NotImplementedError):
        raise _bad_file() from None
    if len(data) > MAX_XML_BYTES:
        raise ValidationError({"upload": _("The file's text is too large to import.")})
    if b"<!DOCTYPE" in data[:4096] or b"<!ENTITY" in data:
        raise _bad_file()  # no entity expansion, ever
    return data


def _parse_xml(data: bytes):
    try:
        return ET.fromstring(data)
    except ET.ParseError:
        raise _bad_file() from None


def _docx_level(p) -> int | None:
    ppr = p.find(f"{W}pPr")
    if ppr is None:
        return None
    style = ppr.find(f"{W}pStyle")
    if style is not None:
        name = (style.get(f"{W}val") or "").lower()
        match = re.match(r"(?:heading|berschrift|titel|title)\s*(\d*)", name.replace("ü", ""))
        if match:
            return int(match.group(1) or 1)
    outline = ppr.find(f"{W}outlineLvl")
    if outline is not None and (outline.get(f"{W}val") or "").isdigit():
        return int(outline.get(f"{W}val")) + 1
    return None


def _docx_text(p) -> str:
    parts = []
    for node in p.iter():
        if node.tag == f"{W}t" and node.text:
            parts.append(node.text)
        elif node.tag == f"{W}tab":
            parts.append(" ")
        elif node.tag in (f"{W}br", f"{W}cr"):
            parts.append("\n")
    return "".join(parts)


def parse_docx(upload) -> list[ImportedSection]:
    root = _parse_xml(_read_member(upload, "word/document.xml"))
    body = root.find(f"{W}body")
    if body is None:
        raise _bad_file()
    sections: list[ImportedSection] = []
    for p in body.iter(f"{W}p"):
        text = _docx_text(p)
        level = _docx_level(p)
        if level is not None:
            _heading(sections, level, text)
        else:
            _add(sections, text)
    return check(sections)


def _odt_text(node) -> str:
    parts = [node.text or ""]
    for child in node:
        if child.tag == f"{TEXT_NS}s":
            parts.append(" " * int(child.get(f"{TEXT_NS}c", "1") or 1))
        elif child.tag == f"{TEXT_NS}tab":
            parts.append(" ")
        elif child.tag == f"{TEXT_NS}line-break":
            parts.append("\n")
        else:
            parts.append(_odt_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def parse_odt(upload) -> list[ImportedSection]:
    root = _parse_xml(_read_member(upload, "content.xml"))
    sections: list[ImportedSection] = []
    for node in root.iter():
        if node.tag == f"{TEXT_NS}h":
            level = node.get(f"{TEXT_NS}outline-level", "1")
            _heading(sections, int(level) if level.isdigit() else 1, _odt_text(node))
        elif node.tag == f"{TEXT_NS}p":
            _add(sections, _odt_text(node))
    return check(sections)


def parse_upload(upload) -> list[ImportedSection]:
    name = (getattr(upload, "name", "") or "").lower()
    if name.endswith(".docx"):
        return parse_docx(upload)
    if name.endswith(".odt"):
        return parse_odt(upload)
    if name.endswith((".md", ".markdown", ".txt")):
        if upload.size is not None and upload.size > MAX_UPLOAD_BYTES:
            raise ValidationError(
                {"upload": _("The file is too large (at most %(mb)d MB).") % {"mb": 5}}
            )
        try:
            text = upload.read(MAX_UPLOAD_BYTES + 1).decode("utf-8")
        except UnicodeDecodeError:
            raise ValidationError({"upload": _("The text file must be saved as UTF-8.")}) from None
        return parse_markdown(text)
    raise ValidationError({"upload": _("Please upload a .docx, .odt or Markdown (.md) file.")})


def numbering(sections: list[tuple[int, str]]) -> list[str]:
    """Numbers like 1, 1.1, 1.2, 2 from heading levels."""
    counters = [0] * MAX_LEVEL
    out = []
    for level, _title in sections:
        level = max(1, min(level, MAX_LEVEL))
        counters[level - 1] += 1
        for i in range(level, MAX_LEVEL):
            counters[i] = 0
        out.append(".".join(str(c) for c in counters[:level] if c) or "0")
    return out
