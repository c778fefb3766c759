"""Who may use the workbench: the rules of graph.web.access, over any host name and token."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from graph.web import access

NAMES = st.text(alphabet=st.characters(codec="ascii", exclude_characters="/ "), min_size=1, max_size=30)


@given(NAMES, st.integers(min_value=1, max_value=65535))
def test_on_a_loopback_binding_only_loopback_names_are_served(name, port):
    allowed = access.host_allowed(f"{name}:{port}", "127.0.0.1")
    assert allowed == (name.lower() in {"localhost", "127.0.0.1", "[::1]"})


@given(NAMES)
def test_bound_elsewhere_every_name_is_left_to_the_token(name):
    assert access.host_allowed(name, "0.0.0.0")


@given(st.text(min_size=1, max_size=50), st.text(max_size=50))
def test_only_the_token_itself_matches(token, given_token):
    assert access.token_matches(given_token, token) == (given_token == token)
    assert not access.token_matches(None, token)


def test_new_tokens_are_long_and_differ():
    first, second = access.new_token(), access.new_token()
    assert first != second and len(first) >= 40
