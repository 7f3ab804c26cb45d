from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from config.api import api
from core import views as core_views

# Outside the language prefix: machine endpoints and URLs printed on paper
# (QR codes), which must never change.
urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("i18n/setlang/", core_views.language_set, name="set_language"),
    path("admin/", include(wagtailadmin_urls)),
    path("django-admin/", admin.site.urls),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v1/", api.urls),
    path("verify/", include("certificates.urls_public")),
    path("", include("certificates.credentials.urls")),  # /.well-known/…, /status/…
    path("h5p/", include("learning.h5p.urls")),
]

# Pages people read: Arabic without a prefix, French under /fr/.
urlpatterns += i18n_patterns(
    path("accounts/", include("allauth.urls")),
    path("learning/", include("learning.urls")),
    path("quizzes/", include("learning.quizzes.urls")),
    path("certificates/", include("certificates.urls")),
    path("verify/", include("certificates.urls_public_prefixed")),  # /fr/verify/… → /verify/…
    path("", include("cms.urls")),  # /search/, /guide/<id>/pdf/
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns = static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT) + urlpatterns
