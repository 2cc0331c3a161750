from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from ledger.api.urls import urls as api_urls
from ledger.forms.signin import AdminLoginForm, LoginForm, QuietPasswordResetForm
from ledger.views.signin import LockoutPasswordChangeView

admin.site.login_form = AdminLoginForm

urlpatterns = [
    path("admin/", admin.site.urls),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(authentication_form=LoginForm),
        name="login",
    ),
    path(
        "accounts/password_change/",
        LockoutPasswordChangeView.as_view(),
        name="password_change",
    ),
    path(
        "accounts/password_reset/",
        auth_views.PasswordResetView.as_view(form_class=QuietPasswordResetForm),
        name="password_reset",
    ),
    path("accounts/", include("django.contrib.auth.urls")),
    path("", include("ledger.urls")),
    path("api/", api_urls),
]
