"""Reading the configuration (leacorner/environment.py): each kind of value, its default, and
the one-line refusal of a value the portal cannot use."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from leacorner.environment import (
    env_bool,
    env_choice,
    env_count,
    env_list,
    env_path,
    env_seconds,
    env_str,
    env_url,
)

ROOT = Path(__file__).resolve().parents[1]
NAME = "LEACORNER_TEST_VARIABLE"


@pytest.fixture
def variable(monkeypatch):
    """`variable("text")` sets the variable the helpers read here; unset until then."""
    monkeypatch.delenv(NAME, raising=False)
    return lambda value: monkeypatch.setenv(NAME, value)


def refusal(call) -> str:
    with pytest.raises(SystemExit) as stopped:
        call()
    message = stopped.value.code
    assert isinstance(message, str) and "\n" not in message
    return message


class TestEmptyMeansUnset:
    @pytest.mark.parametrize("value", [None, "", "   "])
    def test_every_helper_gives_its_default(self, variable, value):
        if value is not None:
            variable(value)
        assert env_str(NAME, "x") == "x"
        assert env_bool(NAME, True) is True
        assert env_list(NAME, "a,b") == ["a", "b"]
        assert env_count(NAME, 7) == 7
        assert env_seconds(NAME, 1.5) == 1.5
        assert env_choice(NAME, "INFO", ("INFO", "DEBUG")) == "INFO"
        assert env_url(NAME, "https://a.example", schemes=("https",)) == "https://a.example"
        assert env_path(NAME, Path("/srv/x")) == Path("/srv/x")


class TestStrings:
    def test_a_secret_keeps_its_spaces(self, variable):
        variable(" pass word ")
        assert env_str(NAME) == " pass word "


class TestBooleans:
    @pytest.mark.parametrize("value", ["1", "true", "TRUE", "yes", "On", " on "])
    def test_on(self, variable, value):
        variable(value)
        assert env_bool(NAME) is True

    @pytest.mark.parametrize("value", ["0", "false", "False", "no", "OFF"])
    def test_off(self, variable, value):
        variable(value)
        assert env_bool(NAME, default=True) is False

    @pytest.mark.parametrize("value", ["maybe", "2", "enabled", "y"])
    def test_any_other_word_stops_start_up(self, variable, value):
        variable(value)
        assert refusal(lambda: env_bool(NAME)) == (
            f"{NAME}={value!r} is not a yes/no value: set {NAME} to 1, true, yes or on, "
            "or 0, false, no or off."
        )


class TestLists:
    def test_items_are_stripped_and_empty_ones_dropped(self, variable):
        variable(" portal.example.gov, ,www.portal.example.gov,")
        assert env_list(NAME) == ["portal.example.gov", "www.portal.example.gov"]


class TestCounts:
    @pytest.mark.parametrize(("value", "count"), [("0", 0), ("12", 12), (" 3 ", 3)])
    def test_whole_numbers(self, variable, value, count):
        variable(value)
        assert env_count(NAME) == count

    @pytest.mark.parametrize("value", ["abc", "-1", "1.5", "1e3", "0x10"])
    def test_anything_else_stops_start_up(self, variable, value):
        variable(value)
        assert refusal(lambda: env_count(NAME)) == (
            f"{NAME}={value!r} is not a count: set {NAME} to a whole number, 0 or more."
        )

    def test_below_the_minimum(self, variable):
        variable("0")
        assert refusal(lambda: env_count(NAME, 8, minimum=1)) == (
            f"{NAME}='0' is not a count: set {NAME} to a whole number, 1 or more."
        )

    def test_a_range(self, variable):
        variable("70000")
        assert refusal(lambda: env_count(NAME, 587, minimum=1, maximum=65535)) == (
            f"{NAME}='70000' is not a count: set {NAME} to a whole number from 1 to 65535."
        )
        variable("65535")
        assert env_count(NAME, 587, minimum=1, maximum=65535) == 65535


class TestSeconds:
    @pytest.mark.parametrize(("value", "seconds"), [("0", 0.0), ("0.5", 0.5), ("30", 30.0)])
    def test_numbers(self, variable, value, seconds):
        variable(value)
        assert env_seconds(NAME, 1.0) == seconds

    @pytest.mark.parametrize("value", ["x", "-0.5", "nan", "inf", "1,5"])
    def test_anything_else_stops_start_up(self, variable, value):
        variable(value)
        assert refusal(lambda: env_seconds(NAME, 1.0)) == (
            f"{NAME}={value!r} is not a number of seconds: set {NAME} to a number, 0 or more "
            "(0.5 is allowed)."
        )


class TestChoices:
    def test_any_case_gives_the_capitals(self, variable):
        variable("warning")
        assert env_choice(NAME, "INFO", ("INFO", "WARNING")) == "WARNING"

    def test_an_unknown_value_stops_start_up(self, variable):
        variable("LOUD")
        assert refusal(lambda: env_choice(NAME, "INFO", ("INFO", "WARNING"))) == (
            f"{NAME}='LOUD' is not a known value: set {NAME} to one of INFO, WARNING."
        )


class TestURLs:
    def test_a_url_of_an_allowed_scheme_with_a_host(self, variable):
        variable("https://portal.example.gov/")
        assert env_url(NAME, "", schemes=("https", "http")) == "https://portal.example.gov/"

    @pytest.mark.parametrize(
        "value", ["portal.example.gov", "ftp://portal.example.gov", "https://", "http://[::1"]
    )
    def test_a_wrong_scheme_or_no_host_stops_start_up(self, variable, value):
        variable(value)
        assert refusal(lambda: env_url(NAME, "", schemes=("https", "http"))) == (
            f"{NAME}={value!r} is not a usable URL: set {NAME} to a URL that starts with "
            "https:// or http:// and names a host."
        )

    def test_a_file_or_socket_needs_no_host(self, variable):
        variable("sqlite:////srv/leacorner/db.sqlite3")
        assert env_url(NAME, "", schemes=("postgres", "sqlite"), host=False).endswith("sqlite3")
        variable("mysql://db.example.gov/leacorner")
        assert refusal(lambda: env_url(NAME, "", schemes=("postgres", "sqlite"), host=False)) == (
            f"{NAME}='mysql://db.example.gov/leacorner' is not a usable URL: set {NAME} to a URL "
            "that starts with postgres:// or sqlite://."
        )


class TestPaths:
    def test_a_path(self, variable):
        variable("/srv/leacorner/uploads")
        assert env_path(NAME, Path("var")) == Path("/srv/leacorner/uploads")


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        (
            "TASK_MAX_ATTEMPTS",
            "abc",
            "TASK_MAX_ATTEMPTS='abc' is not a count: set TASK_MAX_ATTEMPTS to a whole number, "
            "1 or more.",
        ),
        (
            "DEBUG",
            "maybe",
            "DEBUG='maybe' is not a yes/no value: set DEBUG to 1, true, yes or on, or 0, false, "
            "no or off.",
        ),
        (
            "STAKEHOLDER_VERIFY_LIMIT",
            "-3",
            "STAKEHOLDER_VERIFY_LIMIT='-3' is not a count: set STAKEHOLDER_VERIFY_LIMIT to a "
            "whole number, 0 or more.",
        ),
        (
            "DIRECTORY_REVISION_SECONDS",
            "x",
            "DIRECTORY_REVISION_SECONDS='x' is not a number of seconds: set "
            "DIRECTORY_REVISION_SECONDS to a number, 0 or more (0.5 is allowed).",
        ),
    ],
)
def test_a_bad_value_stops_start_up_with_one_line_naming_the_variable(name, value, message):
    # The production settings, in a fresh process, as an operator starts the portal.
    env = {"PATH": os.environ.get("PATH", ""), "DEBUG": "1", name: value}
    result = subprocess.run(  # noqa: S603 - fixed arguments, our own manage.py
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 1
    assert result.stderr.splitlines() == [message]
    assert result.stdout == ""
