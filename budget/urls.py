from allauth.account import views as account_views
from django.contrib import admin
from django.urls import include, path
from django.views.decorators.http import require_POST

from ledger.api.urls import urls as api_urls
from ledger.forms.signin import AdminLoginForm

# The admin's own login refuses accounts with a second factor (it cannot ask for one):
# they sign in at /accounts/login/, which does.
admin.site.login_form = AdminLoginForm

urlpatterns = [
    path("admin/", admin.site.urls),
    # The names the app's templates and LOGIN_URL use; allauth's own URLs follow.
    path("accounts/login/", account_views.login, name="login"),
    path("accounts/signup/", account_views.signup, name="signup"),
    path("accounts/logout/", require_POST(account_views.logout), name="logout"),
    path("accounts/", include("allauth.urls")),
    path("", include("ledger.urls")),
    path("api/", api_urls),
]
