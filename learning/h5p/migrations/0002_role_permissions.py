from django.contrib.auth.management import create_permissions
from django.db import migrations

# Trainers upload and manage H5P activities; ministry officers too.
ROLES = ["Trainer", "Ministry officer"]
CODENAMES = ["add_h5pactivity", "change_h5pactivity", "delete_h5pactivity", "view_h5pactivity"]


def grant(apps, schema_editor):
    config = apps.get_app_config("h5p")
    config.models_module = True
    create_permissions(config, apps=apps, verbosity=0)
    config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = list(Permission.objects.filter(content_type__app_label="h5p", codename__in=CODENAMES))
    for group in Group.objects.filter(name__in=ROLES):
        group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Permission.objects.filter(content_type__app_label="h5p", codename__in=CODENAMES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("h5p", "0001_activity"),
        ("accounts", "0002_roles"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
