import factory
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group

from .models import Association, User
from .regions import Region
from .roles import Role

TEST_PASSWORD = "a-long-test-password"


class AssociationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Association

    name_ar = factory.Sequence(lambda n: f"جمعية رقم {n}")
    name_fr = factory.Sequence(lambda n: f"Association n°{n}")
    region = Region.MARRAKECH_SAFI
    city = "Safi"


class UserFactory(factory.django.DjangoModelFactory):
    """A user with a verified e-mail address. ``roles=[Role.TRAINER]`` puts
    them in role groups."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.ma")
    full_name_ar = factory.Sequence(lambda n: f"مستعمل {n}")
    first_name = factory.Sequence(lambda n: f"Prénom{n}")
    last_name = "Test"
    region = Region.MARRAKECH_SAFI
    preferred_language = "ar"
    password = factory.PostGenerationMethodCall("set_password", TEST_PASSWORD)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if create and extracted:
            for role in extracted:
                self.groups.add(Group.objects.get(name=Role(role).value))

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):
        if create:
            self.save()
            if extracted is not False:
                EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)
