"""Who may author and publish content, and the "Ministry review" workflow.

- Ministry officers may add, edit, publish, lock and unlock every page, and
  manage images and documents.
- Both submit pages for translation (wagtail-localize).
- Trainers may upload images and documents; they get page permissions per
  programme (the "Programme authors" groups made by cms.permissions), never
  the right to publish.
- Every page goes through "Ministry review" (one task, approved by a ministry
  officer) before it is live. It replaces Wagtail's default "Moderators
  approval" workflow on the root page.
"""

from django.db import migrations

OFFICER, TRAINER = "Ministry officer", "Trainer"
WORKFLOW, TASK = "Ministry review", "Ministry officer approval"
OFFICER_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
COLLECTION_PERMISSIONS = {
    OFFICER: ["add_image", "change_image", "choose_image", "add_document", "change_document", "choose_document"],
    TRAINER: ["add_image", "choose_image", "add_document", "choose_document"],
}


def setup(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    officers, _ = Group.objects.get_or_create(name=OFFICER)
    root = Page.objects.filter(depth=1).first()
    root_collection = Collection.objects.filter(depth=1).first()
    if root is not None:
        for codename in OFFICER_PAGE_PERMISSIONS:
            permission = Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)
            GroupPagePermission.objects.get_or_create(group=officers, page=root, permission=permission)
    if root_collection is not None:
        for name, codenames in COLLECTION_PERMISSIONS.items():
            group, _ = Group.objects.get_or_create(name=name)
            for codename in codenames:
                permission = Permission.objects.filter(codename=codename).first()
                if permission is not None:
                    GroupCollectionPermission.objects.get_or_create(
                        group=group, collection=root_collection, permission=permission
                    )

    # Trainers and officers submit pages for translation (wagtail-localize).
    submit_translation = Permission.objects.filter(
        content_type__app_label="wagtail_localize", codename="submit_translation"
    ).first()
    if submit_translation is not None:
        for name in (OFFICER, TRAINER):
            Group.objects.get(name=name).permissions.add(submit_translation)

    task_type, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="groupapprovaltask")
    task = GroupApprovalTask.objects.filter(name=TASK).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK, content_type=task_type, active=True)
    task.groups.set([officers])
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    if root is not None:
        WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})
    Workflow.objects.filter(name="Moderators approval").update(active=False)


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0003_lesson_blocks"),
        ("accounts", "0002_roles"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtail_localize", "0006_create_submit_translation_permission"),
    ]

    operations = [migrations.RunPython(setup, migrations.RunPython.noop)]
