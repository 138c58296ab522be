"""Property tests: arbitrary instance data and log messages survive a real XML-RPC round trip."""

from __future__ import annotations

import enum
import logging
import xmlrpc.client

import pyblish.api
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pyblish_qml import wire
from pyblish_qml.host import HostServer, HostService

PAYLOAD: dict = {}

any_text = st.text(st.characters(min_codepoint=0, max_codepoint=0x10FFFF, exclude_categories=()),
                   max_size=40)
scalars = (st.none() | st.booleans() | st.integers() | st.floats() | any_text | st.binary(max_size=20)
           | st.builds(object) | st.sets(st.integers(), max_size=4) | st.frozensets(any_text, max_size=3))
values = st.recursive(
    scalars,
    lambda children: (st.lists(children, max_size=4) | st.tuples(children, children)
                      | st.dictionaries(any_text | st.integers() | st.tuples(st.integers()), children,
                                        max_size=4)),
    max_leaves=20,
)
# What any XML-RPC peer carries unchanged: must come back identical, not merely "safe".
xml_text = st.text(st.characters(exclude_categories=("Cs",), exclude_characters="".join(
    chr(c) for c in range(32) if chr(c) not in "\t\n\r") + "\ufffe\uffff"), max_size=40)
representable = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**31), 2**31 - 1)
    | st.floats(allow_nan=False, allow_infinity=False) | xml_text,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(xml_text, children, max_size=4),
    max_leaves=20,
)


class CollectPayload(pyblish.api.ContextPlugin):
    order = pyblish.api.CollectorOrder

    def process(self, context):
        instance = context.create_instance("payload", family="test")
        instance.data["payload"] = PAYLOAD["data"]
        self.log.warning(PAYLOAD["message"])


@pytest.fixture(scope="module")
def served():
    pyblish.api.register_plugin(CollectPayload)
    server = HostServer(HostService(), 0).start()
    yield server.port
    server.stop()
    pyblish.api.deregister_plugin(CollectPayload)


def round_trip(served, data, message="ok"):
    proxy = xmlrpc.client.ServerProxy("http://127.0.0.1:%d/pyblish" % served, allow_none=True)
    PAYLOAD.update(data=data, message=message)
    proxy.reset()
    plugin = next(p for p in proxy.discover() if p["name"] == "CollectPayload")
    result = proxy.process(plugin["id"])
    assert result["success"], result["error"]
    return result["changes"]["added"][0]["data"]["payload"], result["records"][0]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=values, message=any_text)
def test_arbitrary_data_and_messages_arrive_as_their_safe_form(served, data, message):
    payload, record = round_trip(served, data, message)
    assert payload == wire.safe(data)
    assert record["message"] == wire.safe_text(message)
    assert record["levelname"] == "WARNING" and record["levelno"] == logging.WARNING


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=representable)
def test_representable_data_arrives_unchanged(served, data):
    payload, _ = round_trip(served, data)
    assert payload == data


def test_huge_message_is_cut_with_a_note(served):
    _, record = round_trip(served, None, "x" * (wire.MAX_TEXT + 10))
    assert record["message"].startswith("x" * 1000)
    assert record["message"].endswith("[10 more characters not shown]")


def test_str_subclasses_travel_as_their_text(served):
    """A StrEnum family (or any str subclass) cannot be marshalled; it travels as its text."""

    class Family(str, enum.Enum):
        MODEL = "model"

    payload, _ = round_trip(served, {"family": Family.MODEL, "families": [Family.MODEL]})
    assert payload == {"family": "model", "families": ["model"]}
