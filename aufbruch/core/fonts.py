"""The web fonts, built from KERN UX's Fira Sans in node_modules.

KERN ships each weight with every script Fira covers (~130 KB a file); a
page needs Latin only. ``build_fonts`` keeps the characters German and
English text needs (Latin-1, the Windows-1252 extras, typographic quotes,
dashes, ellipsis, €, arrows), drops hinting and writes WOFF2 (~12 KB a file)
into FONT_BUILD_DIR, which STATICFILES_DIRS serves as ``fonts/``. The files are
build output, never committed: ``make install`` runs ``manage.py
build_fonts`` (CI and ``make run`` too), and the browser tests build them
when missing. ``core/fonts.css`` declares them.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings

# (source file in KERN's fira-sans folder, output name)
FACES = [
    ("FiraSans-Regular.woff2", "fira-sans-400.woff2"),
    ("FiraSans-Italic.woff2", "fira-sans-400-italic.woff2"),
    ("FiraSans-Medium.woff2", "fira-sans-500.woff2"),
    # Also serves weight 700 (fonts.css): bold text in SemiBold saves a
    # third download on nearly every page (the brand, <strong>).
    ("FiraSans-SemiBold.woff2", "fira-sans-600.woff2"),
]
# Keep in step with unicode-range in core/static/core/fonts.css.
UNICODES = (
    "U+0020-007E,U+00A0-00FF,U+0131,U+0152-0153,U+0160-0161,U+0178,U+017D-017E,"
    "U+0192,U+02C6,U+02DC,U+1E9E,U+2009-200A,U+2010-2015,U+2018-201E,U+2020-2022,"
    "U+2026,U+202F,U+2030,U+2039-203A,U+20AC,U+2122,U+2190-2193,U+2212"
)


def source_dir() -> Path:
    return Path(settings.NODE_MODULES) / "@kern-ux" / "native" / "dist" / "fonts" / "fira-sans"


def build_dir() -> Path:
    return Path(settings.FONT_BUILD_DIR)


def missing_or_stale() -> list[tuple[Path, Path]]:
    todo = []
    for source_name, target_name in FACES:
        source, target = source_dir() / source_name, build_dir() / target_name
        if not target.exists() or target.stat().st_mtime < source.stat().st_mtime:
            todo.append((source, target))
    return todo


def build_fonts(*, force: bool = False) -> list[Path]:
    """Subset every face that is missing or older than its source; returns what was written."""
    import logging

    from fontTools import subset

    logging.getLogger("fontTools").setLevel(logging.ERROR)  # KERN's OS/2 version notes

    todo = [(source_dir() / s, build_dir() / t) for s, t in FACES] if force else missing_or_stale()
    build_dir().mkdir(parents=True, exist_ok=True)
    options = subset.Options(
        flavor="woff2", hinting=False, desubroutinize=True, name_IDs=[1, 2, 3, 4, 6]
    )
    unicodes = subset.parse_unicodes(UNICODES)
    for source, target in todo:
        tmp = target.with_suffix(".tmp")
        font = subset.load_font(str(source), options)
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=unicodes)
        subsetter.subset(font)
        subset.save_font(font, str(tmp), options)
        tmp.replace(target)
    return [target for _, target in todo]
