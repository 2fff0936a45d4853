"""Hostile input to the public directory search and to sign-up and sign-in."""

import pytest
from django.core.cache import cache
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from accounts.models import User
from testkit.payloads import clerk_signup_post

from ..factories import PASSWORD, UserFactory
from .checks import assert_refused_clearly
from .strategies import hostile_text, spoil

pytestmark = pytest.mark.django_db


@given(q=hostile_text, page=st.one_of(st.none(), hostile_text))
def test_directory_search(client, q, page):
    query = {"q": q} if page is None else {"q": q, "page": page}
    response = client.get(reverse("programs:search"), query)
    assert response.status_code == 200


@given(
    post=spoil(
        clerk_signup_post(
            email="new.clerk@court.example",
            password1="Str0ng-Pass-Phrase!",
            password2="Str0ng-Pass-Phrase!",
        )
    )
)
def test_sign_up(client, post):
    cache.clear()
    before = {"users": User.objects.count()}
    response = client.post(reverse("account_signup"), post)
    after = {"users": User.objects.count()}
    if response.status_code == 302:
        assert after["users"] == before["users"] + 1
        User.objects.latest("pk").delete()  # the next example may use the same address
    else:
        assert_refused_clearly(response, counts_before=before, counts_after=after)


@given(data=st.data())
def test_sign_in(client, data):
    cache.clear()
    user = UserFactory()
    post = data.draw(spoil({"login": user.email, "password": PASSWORD, "acknowledge_notice": "on"}))
    response = client.post(reverse("account_login"), post)
    assert response.status_code < 500
    if response.status_code != 302:
        assert_refused_clearly(response, counts_before={}, counts_after={})
    client.logout()
