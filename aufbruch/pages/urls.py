"""Public pages, mounted at the site root: the URL names stay global
(``about``, ``privacy`` …) as the footer and other apps use them."""

from django.urls import path

from . import views

urlpatterns = [
    path("about/", views.page, {"slug": "about"}, name="about"),
    path("netiquette/", views.page, {"slug": "netiquette"}, name="netiquette"),
    path("privacy/", views.page, {"slug": "privacy"}, name="privacy"),
    path("imprint/", views.page, {"slug": "imprint"}, name="imprint"),
    path("accessibility/", views.page, {"slug": "accessibility"}, name="accessibility"),
    path("contact/", views.page, {"slug": "contact"}, name="contact"),
    path("help/", views.page, {"slug": "help"}, name="help"),
    path("leichte-sprache/", views.easy_language_index, name="easy_language"),
    path("leichte-sprache/<slug:slug>/", views.easy_language_page, name="easy_language_page"),
    path("gebaerdensprache/", views.sign_language, name="sign_language"),
    path("gebaerdensprache/<slug:topic>/untertitel.vtt", views.sign_captions, name="sign_captions"),
]
