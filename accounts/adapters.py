from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.db import transaction
from django.utils import translation

from .models import User
from .services import user_email_confirmed, user_signup_complete


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=False)
        data = form.cleaned_data
        user.full_name_ar = data.get("full_name_ar", "")
        user.first_name = data.get("first_name", "")
        user.last_name = data.get("last_name", "")
        user.region = data.get("region", "")
        user.preferred_language = data.get("preferred_language") or translation.get_language() or settings.LANGUAGE_CODE
        if commit:
            user.save()
            user_signup_complete(user=user)
        return user

    def send_mail(self, template_prefix, email, context):
        """Render in the recipient's language, deliver through Celery."""
        from .tasks import email_send_task

        user = context.get("user")
        if not isinstance(user, User):
            user = User.objects.filter(email__iexact=email).first()
        language = user.preferred_language if user else translation.get_language() or settings.LANGUAGE_CODE
        with translation.override(language):
            message = self.render_mail(template_prefix, email, context)
        html = None
        for content, mimetype in getattr(message, "alternatives", []):
            if mimetype == "text/html":
                html = content
        payload = {"to": list(message.to), "subject": message.subject, "body": message.body, "html": html}
        transaction.on_commit(lambda: email_send_task.delay(**payload))

    def confirm_email(self, request, email_address):
        super().confirm_email(request, email_address)
        user_email_confirmed(user=email_address.user)

    def post_login(self, request, user, **kwargs):
        response = super().post_login(request, user, **kwargs)
        # The account's language becomes the session's language.
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            user.preferred_language,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            samesite="Lax",
            secure=getattr(settings, "LANGUAGE_COOKIE_SECURE", False),
        )
        return response
