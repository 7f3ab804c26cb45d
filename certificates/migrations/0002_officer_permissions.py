from django.db import migrations

OFFICER = "Ministry officer"
# Officers edit what is printed on certificates (Wagtail: Settings → Certificates).
CODENAMES = {"change_certificateprintsettings": "Can change certificates", "view_certificateprintsettings": "Can view certificates"}


def grant(apps, schema_editor):
    # Permissions are normally created after migrate (post_migrate); create
    # these two now so the group can be given them in the same run.
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label="certificates", model="certificateprintsettings")
    group, _ = Group.objects.get_or_create(name=OFFICER)
    for codename, name in CODENAMES.items():
        permission, _ = Permission.objects.get_or_create(content_type=content_type, codename=codename, defaults={"name": name})
        group.permissions.add(permission)


def create_print_settings(apps, schema_editor):
    # One row from the start, so reading the settings is always one query.
    PrintSettings = apps.get_model("certificates", "CertificatePrintSettings")
    if not PrintSettings.objects.exists():
        PrintSettings.objects.create()


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=OFFICER).first()
    if group is not None:
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="certificates", codename__in=CODENAMES))


class Migration(migrations.Migration):
    dependencies = [
        ("certificates", "0001_initial"),
        ("accounts", "0002_roles"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(grant, revoke),
        migrations.RunPython(create_print_settings, migrations.RunPython.noop),
    ]
