from django.db import models
from django.utils.translation import gettext_lazy as _


class Region(models.TextChoices):
    """Morocco's twelve regions (2015 division)."""

    TANGER_TETOUAN_AL_HOCEIMA = "TTA", _("Tanger-Tétouan-Al Hoceïma")
    ORIENTAL = "ORI", _("L'Oriental")
    FES_MEKNES = "FMK", _("Fès-Meknès")
    RABAT_SALE_KENITRA = "RSK", _("Rabat-Salé-Kénitra")
    BENI_MELLAL_KHENIFRA = "BMK", _("Béni Mellal-Khénifra")
    CASABLANCA_SETTAT = "CST", _("Casablanca-Settat")
    MARRAKECH_SAFI = "MSA", _("Marrakech-Safi")
    DRAA_TAFILALET = "DTA", _("Drâa-Tafilalet")
    SOUSS_MASSA = "SMA", _("Souss-Massa")
    GUELMIM_OUED_NOUN = "GON", _("Guelmim-Oued Noun")
    LAAYOUNE_SAKIA_EL_HAMRA = "LSH", _("Laâyoune-Sakia El Hamra")
    DAKHLA_OUED_ED_DAHAB = "DOD", _("Dakhla-Oued Ed-Dahab")
