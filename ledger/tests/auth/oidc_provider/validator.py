from oauth2_provider.oauth2_validators import OAuth2Validator


class ClaimsValidator(OAuth2Validator):
    """Hand out the username and email claims a real provider would."""

    oidc_claim_scope = None

    def get_additional_claims(self, request):
        return {
            "preferred_username": request.user.username,
            "email": request.user.email,
            "email_verified": True,
        }
