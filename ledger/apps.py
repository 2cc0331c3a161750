from django.apps import AppConfig


class LedgerConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "ledger"
    verbose_name = "Budget ledger"

    def ready(self):
        from allauth.account import signals as account_signals
        from allauth.mfa import signals as mfa_signals
        from django.contrib.auth.signals import user_logged_in

        from ledger.signin import lockout, sessions

        user_logged_in.connect(sessions.on_logged_in)
        mfa_signals.authentication_failed.connect(lockout.count_failed_code)
        for signal in (
            account_signals.password_changed,
            account_signals.password_set,
            account_signals.password_reset,
        ):
            signal.connect(sessions.on_password_changed)
        for signal in (
            mfa_signals.authenticator_added,
            mfa_signals.authenticator_removed,
            mfa_signals.authenticator_reset,
        ):
            signal.connect(sessions.on_factor_changed)
