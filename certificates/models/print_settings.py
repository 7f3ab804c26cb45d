from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

DEFAULT_ISSUER_AR = "وزارة التضامن والإدماج الاجتماعي والأسرة"
DEFAULT_ISSUER_FR = "Ministère de la Solidarité, de l'Insertion sociale et de la Famille"


@register_setting(icon="doc-full")
class CertificatePrintSettings(BaseGenericSetting):
    """What the ministry prints on every certificate. Officers edit it in the
    Wagtail admin (Settings → Certificates); changing it rebuilds the PDFs."""

    issuer_name_ar = models.CharField(_("issuer (Arabic)"), max_length=255, default=DEFAULT_ISSUER_AR)
    issuer_name_fr = models.CharField(_("issuer (French)"), max_length=255, default=DEFAULT_ISSUER_FR)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Printed at the top of the certificate. Without one, the platform's logo is used."),
    )
    signatory_name_ar = models.CharField(_("signatory's name (Arabic)"), max_length=255, blank=True)
    signatory_name_fr = models.CharField(_("signatory's name (French)"), max_length=255, blank=True)
    signatory_title_ar = models.CharField(_("signatory's title (Arabic)"), max_length=255, blank=True)
    signatory_title_fr = models.CharField(_("signatory's title (French)"), max_length=255, blank=True)
    signature = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("signature"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("An image of the signature, on a transparent or white background."),
    )

    panels = [
        MultiFieldPanel([FieldPanel("issuer_name_ar"), FieldPanel("issuer_name_fr"), FieldPanel("logo")], heading=_("Issuer")),
        MultiFieldPanel(
            [
                FieldPanel("signatory_name_ar"),
                FieldPanel("signatory_name_fr"),
                FieldPanel("signatory_title_ar"),
                FieldPanel("signatory_title_fr"),
                FieldPanel("signature"),
            ],
            heading=_("Signatory"),
        ),
    ]

    class Meta:
        verbose_name = _("certificates")

    def issuer_name(self, language: str) -> str:
        return self.issuer_name_ar if language.startswith("ar") else self.issuer_name_fr
