"""Demo associations and one account per role."""

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.models import Group

from .models import Association, User
from .regions import Region
from .roles import Role

# The three regional stations of the 2024 parenting-trainer training.
DEMO_ASSOCIATIONS = [
    {"name_fr": "Association Bayt Al Hikma pour la famille", "name_ar": "جمعية بيت الحكمة للأسرة", "region": Region.MARRAKECH_SAFI, "city": "Safi"},
    {"name_fr": "Association Nour pour la médiation familiale", "name_ar": "جمعية نور للوساطة الأسرية", "region": Region.TANGER_TETOUAN_AL_HOCEIMA, "city": "Tétouan"},
    {"name_fr": "Association Al Amal pour l'enfance et la famille", "name_ar": "جمعية الأمل للطفولة والأسرة", "region": Region.BENI_MELLAL_KHENIFRA, "city": "Khénifra"},
]

DEMO_USERS = [
    # (label, e-mail, Arabic name, given, family, role or None for admin, region)
    ("Trainee", "trainee@demo.jisr.ma", "سلمى بنعلي", "Salma", "Benali", Role.TRAINEE, Region.MARRAKECH_SAFI),
    ("Trainer", "trainer@demo.jisr.ma", "يوسف العلمي", "Youssef", "El Alami", Role.TRAINER, Region.MARRAKECH_SAFI),
    ("Association coordinator", "coordinator@demo.jisr.ma", "نادية الإدريسي", "Nadia", "El Idrissi", Role.ASSOCIATION_COORDINATOR, Region.MARRAKECH_SAFI),
    ("Ministry officer", "officer@demo.jisr.ma", "كريم التازي", "Karim", "Tazi", Role.MINISTRY_OFFICER, Region.RABAT_SALE_KENITRA),
    ("Administrator", "admin@demo.jisr.ma", "مدير المنصة", "Admin", "Jisr", None, Region.RABAT_SALE_KENITRA),
]


def load(result) -> None:
    associations = []
    for data in DEMO_ASSOCIATIONS:
        association, created = Association.objects.get_or_create(
            name_fr=data["name_fr"], region=data["region"], defaults={"name_ar": data["name_ar"], "city": data["city"]}
        )
        result.track(created)
        associations.append(association)

    password = settings.DEMO_PASSWORD
    for label, email, name_ar, given, family, role, region in DEMO_USERS:
        user, created = User.objects.get_or_create(
            email=email,
            defaults={
                "full_name_ar": name_ar,
                "first_name": given,
                "last_name": family,
                "region": region,
                "preferred_language": "ar",
                "is_staff": role is None,
                "is_superuser": role is None,
            },
        )
        updated = False
        if created or not user.check_password(password):
            user.set_password(password)
            user.save(update_fields=["password"])
            updated = True
        if role in (Role.TRAINEE, Role.ASSOCIATION_COORDINATOR) and user.association_id is None:
            user.association = associations[0]
            user.save(update_fields=["association"])
            updated = True
        if role is not None and not user.groups.filter(name=role.value).exists():
            user.groups.add(Group.objects.get(name=role.value))
            updated = True
        _, email_created = EmailAddress.objects.get_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        result.track(created, updated or email_created)
        result.logins.append((label, email, password))
