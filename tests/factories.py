import factory
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group

from accounts.models import User
from accounts.roles import STAFF_ROLES, Role

PASSWORD = "correct-horse-battery-staple-42"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@agency.example")
    full_name = factory.Faker("name")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def role(self, create: bool, extracted: Role | None, **kwargs) -> None:
        if not create:
            return
        if extracted is not None:
            self.groups.add(Group.objects.get(name=extracted.value))
            if extracted in STAFF_ROLES:
                self.is_staff = True
        self.save()
        EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)
