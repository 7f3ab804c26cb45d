from django.db import migrations

# The question bank (Wagtail: Question bank → Quizzes, Questions, Categories)
# is authored by trainers and ministry officers. The model permissions are
# given to the two role groups; which objects each may touch is decided per
# course by learning/quizzes/permissions.py (BankPermissionPolicy,
# bank_scope): a trainer only the banks of the programmes they author
# ("Programme authors: <code>", cms/permissions.py), an officer every bank.
# Options, rubric criteria, tags and quiz slots are edited inside their
# question's or quiz's form (inline panels), which checks only the parent's
# permissions: they need none of their own.
GROUPS = ["Trainer", "Ministry officer"]
MODELS = {"questioncategory": "question category", "question": "question", "quiz": "quiz"}
ACTIONS = ["add", "change", "delete", "view"]


def _permissions(apps):
    # Permissions are normally created after migrate (post_migrate); create
    # these now so the groups can be given them in the same run.
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    for model, verbose_name in MODELS.items():
        content_type, _ = ContentType.objects.get_or_create(app_label="quizzes", model=model)
        for action in ACTIONS:
            permission, _ = Permission.objects.get_or_create(
                content_type=content_type, codename=f"{action}_{model}", defaults={"name": f"Can {action} {verbose_name}"}
            )
            yield permission


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    permissions = list(_permissions(apps))
    for name in GROUPS:
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    codenames = [f"{action}_{model}" for model in MODELS for action in ACTIONS]
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="quizzes", codename__in=codenames))


class Migration(migrations.Migration):
    dependencies = [
        ("quizzes", "0001_initial"),
        ("accounts", "0002_roles"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
