"""ROOT_URLCONF under AUFBRUCH_BENCH=1 (aufbruch/settings/base.py names it
by string, so the runtime package never imports bench code): the site's
URLs plus the ceiling views under /_bench/."""

from django.urls import path

from aufbruch import urls as site_urls

from . import views

handler400 = site_urls.handler400
handler403 = site_urls.handler403
handler404 = site_urls.handler404
handler500 = site_urls.handler500

urlpatterns = [
    path("_bench/ok/", views.ok, name="bench_ok"),
    path("_bench/frame/", views.frame, name="bench_frame"),
    path("_bench/cards/", views.cards, name="bench_cards"),
    *site_urls.urlpatterns,
]
