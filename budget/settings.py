"""Settings for Budget, read from the environment (see .env.example).

With no environment at all this is a development setup: DEBUG on, a dev-only
secret key and the embedded SQLite database `budget.db` in the project root.
"""

from datetime import timedelta
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
# A local .env file is optional; real environment variables win over it.
env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DJANGO_DEBUG", default=True)

DEV_SECRET_KEY = "django-insecure-dev-only-key-do-not-use-in-production"
SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is False.")
    SECRET_KEY = DEV_SECRET_KEY

ALLOWED_HOSTS = env.list(
    "DJANGO_ALLOWED_HOSTS",
    default=["localhost", "127.0.0.1", "[::1]", "testserver"] if DEBUG else [],
)
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

# HTTPS hardening is on by default in production; DJANGO_HTTPS=false is for
# plain http on localhost or behind a proxy that terminates TLS itself.
HTTPS = env.bool("DJANGO_HTTPS", default=not DEBUG)
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = 31_536_000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
# X-Forwarded-Proto is believed only behind proxies we run (DJANGO_TRUSTED_PROXY_COUNT > 0,
# see below): a client connecting directly could otherwise claim HTTPS itself.
TRUSTED_PROXY_COUNT = env.int("DJANGO_TRUSTED_PROXY_COUNT", default=0)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if TRUSTED_PROXY_COUNT > 0 else None
# The health check must answer plain http from load balancers and Docker.
SECURE_REDIRECT_EXEMPT = [r"^health$"]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.humanize",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "import_export",
    "ledger",
    # The API's Swagger UI and Redoc pages, served from ninja's own static files (no CDN).
    "ninja",
    "corsheaders",
    "axes",
    "csp",
    # Sign-in (issue 27): accounts, second factors, single sign-on and the sessions list.
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "allauth.usersessions",
]

MIDDLEWARE = [
    # Outermost, so its duration covers every other middleware.
    "ledger.middleware.RequestLogMiddleware",
    # Before anything that can answer on its own, so those answers carry CORS headers too.
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Outside CommonMiddleware, which sets the Content-Length that HEAD must keep.
    "ledger.middleware.HeadAsGetMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # allauth's login stages (second factor) and the sessions list's last-seen times.
    "allauth.account.middleware.AccountMiddleware",
    "ledger.signin.sessions.LastSeenMiddleware",
    # Every view needs a signed-in user unless it is marked login_not_required.
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    # After authentication, before the view: the session's budget posts its due recurring
    # expenses (an API token's budget: `ledger.api.auth.TokenAuth`).
    "ledger.due_posting.DueRecurringMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # BUDGET_REQUIRE_MFA: a signed-in user without a second factor sets one up first.
    "ledger.signin.middleware.RequireMFAMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Inside CSP's: the sign-in pages may send their forms on to the OpenID Connect provider.
    "ledger.signin.middleware.SingleSignOnCSPMiddleware",
    # django-axes wants to be last: it turns a flagged login attempt into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "budget.urls"
WSGI_APPLICATION = "budget.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "ledger.context_processors.budget",
            ],
        },
    },
]

# An empty DATABASE_URL (e.g. `DATABASE_URL=` in .env) means the default too.
DATABASE_URL = env.str("DATABASE_URL", default="") or f"sqlite:///{BASE_DIR / 'budget.db'}"
DATABASES = {"default": env.db_url_config(DATABASE_URL)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several gunicorn workers write to one file: WAL lets readers go on while
    # one writes, IMMEDIATE takes the write lock at BEGIN (no lock upgrade
    # deadlocks) and the timeout makes a writer wait instead of failing.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        **DATABASES["default"].get("OPTIONS", {}),
    }
else:
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("DJANGO_CONN_MAX_AGE", default=60))
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en-us"
TIME_ZONE = env.str("TIME_ZONE", default="UTC")
USE_I18N = True
USE_TZ = True

# The currency shown beside every amount (ISO 4217 code).
BUDGET_CURRENCY = env.str("BUDGET_CURRENCY", default="USD")

STATIC_URL = "static/"
STATIC_ROOT = env.path("DJANGO_STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain"},
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # One line per request: method, path, status, duration and user id.
        "budget.requests": {"level": "INFO"},
    },
}

# Cross-origin calls are allowed for the JSON API only, from the listed origins
# (e.g. https://app.example.com). Tokens travel in the Authorization header,
# so no cookies are shared with other origins.
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOWED_ORIGINS = env.list("CORS_ALLOWED_ORIGINS", default=[])
# Brute-force protection on login (django-axes). Failures count per username
# AND client address together: an attacker can lock an account only from the
# address they attack from, never lock its owner out everywhere.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/lockout.html"
# Reverse proxies in front of the app that append the client address to
# X-Forwarded-For (nginx, Caddy, a load balancer). 0 means clients connect
# directly and REMOTE_ADDR is the client; a wrong count lets clients choose
# their own address, so count only proxies you run.
AXES_CLIENT_IP_CALLABLE = "ledger.security.client_ip"

# Content-Security-Policy (django-csp): no inline scripts anywhere; inline
# styles stay allowed for the progress-bar widths set in style attributes.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

# Signing in (django-allauth, issue 27). See the README's "Signing in".
ACCOUNT_ADAPTER = "ledger.signin.adapters.AccountAdapter"
SOCIALACCOUNT_ADAPTER = "ledger.signin.adapters.SocialAccountAdapter"
ACCOUNT_LOGIN_METHODS = {"username"}
ACCOUNT_SIGNUP_FIELDS = ["username*", "email", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "optional"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_SESSION_REMEMBER = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_FORMS = {
    "login": "ledger.forms.signin.LoginForm",
    "signup": "ledger.forms.signin.SignupForm",
    "reset_password": "ledger.forms.signin.ResetPasswordForm",
    "change_password": "ledger.forms.signin.ChangePasswordForm",
}
# allauth's rate limits live in the cache (memory of one process); the lockout is
# django-axes' in the database, shared by every process, counting wrong passwords and codes.
ACCOUNT_RATE_LIMITS = False
MFA_FORMS = {
    "authenticate": "ledger.forms.signin.AuthenticateForm",
    "reauthenticate": "ledger.forms.signin.ReauthenticateForm",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
MFA_PASSKEY_LOGIN_ENABLED = True
MFA_TOTP_ISSUER = env.str("BUDGET_TOTP_ISSUER", default="Budget")
# WebAuthn over plain http is allowed on localhost only by the browsers themselves.
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = not HTTPS
BUDGET_REQUIRE_MFA = env.bool("BUDGET_REQUIRE_MFA", default=False)
USERSESSIONS_TRACK_ACTIVITY = False  # ledger.signin.sessions.LastSeenMiddleware does it

# Email: SMTP from EMAIL_URL (e.g. smtp+tls://user:password@mail.example.com:587);
# without it, mails (password reset links) are printed in the server log.
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
globals().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="budget@localhost")

# Single sign-on with any OpenID Connect provider (Authelia, Authentik, Keycloak, Pocket ID...).
OIDC_SERVER_URL = env.str("OIDC_SERVER_URL", default="")
OIDC_ONLY = env.bool("OIDC_ONLY", default=False) and bool(OIDC_SERVER_URL)
SOCIALACCOUNT_PROVIDERS = {
    "openid_connect": {
        "OAUTH_PKCE_ENABLED": True,
        "APPS": [
            {
                "provider_id": "oidc",
                "name": env.str("OIDC_NAME", default="Single sign-on"),
                "client_id": env.str("OIDC_CLIENT_ID", default=""),
                "secret": env.str("OIDC_CLIENT_SECRET", default=""),
                "settings": {"server_url": OIDC_SERVER_URL},
            }
        ]
        if OIDC_SERVER_URL
        else [],
    }
}
# Never join an identity to an existing user by a matching email: linking is done in settings.
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False
SOCIALACCOUNT_EMAIL_AUTHENTICATION_AUTO_CONNECT = False
SOCIALACCOUNT_EMAIL_VERIFICATION = "none"
SOCIALACCOUNT_LOGIN_ON_GET = False
SOCIALACCOUNT_ONLY = OIDC_ONLY
