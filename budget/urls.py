from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from ledger.api.urls import urls as api_urls
from ledger.forms.signin import AdminLoginForm, LoginForm

admin.site.login_form = AdminLoginForm

urlpatterns = [
    path("admin/", admin.site.urls),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(authentication_form=LoginForm),
        name="login",
    ),
    path("accounts/", include("django.contrib.auth.urls")),
    path("", include("ledger.urls")),
    path("api/", api_urls),
]
