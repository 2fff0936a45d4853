import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("Short-pw-1", "at least 12 characters"),
        ("password1234", "too common"),
        ("maria.lopez@court.example", "too similar"),
        ("739284619275", "entirely numeric"),
    ],
)
def test_weak_passwords_are_refused_with_the_reason(client, password, message):
    response = client.post(
        "/accounts/signup/",
        {"email": "maria.lopez@court.example", "password1": password, "password2": password},
    )
    assert response.status_code == 200
    assert message in response.content.decode()
