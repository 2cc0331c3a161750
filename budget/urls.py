from django.contrib import admin
from django.urls import include, path

from ledger.api.urls import urls as api_urls

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("django.contrib.auth.urls")),
    path("", include("ledger.urls")),
    path("api/", api_urls),
]
