"""The run state machine's states, as one enum shared by Python and QML.

QML reads them as ``RunState.Ready`` and so on; the control API's ``state()`` sends the name in
lower case ("ready"), as documented in docs/protocol.md ("States").

Thread: any (the enum is immutable).
"""

from __future__ import annotations

import enum

from PySide6.QtCore import QEnum, QObject
from PySide6.QtQml import QmlElement, QmlUncreatable

from ...engine import pairs

QML_IMPORT_NAME = "Pyblish"
QML_IMPORT_MAJOR_VERSION = 1


@QmlElement
@QmlUncreatable("holds the State enum only")
class RunState(QObject):
    @QEnum
    class State(enum.IntEnum):
        Idle = 0  # no host yet
        Initialising = 1  # reset: the host collects
        Validating = 2
        Extracting = 3
        Integrating = 4
        Acting = 5  # an action runs
        Stopping = 6  # stop asked; the pair in flight finishes
        Ready = 7
        Dead = 8  # the current host went away


State = RunState.State

RUNNING = frozenset({State.Initialising, State.Validating, State.Extracting, State.Integrating, State.Stopping,
                     State.Acting})

MESSAGES = {
    State.Initialising: "Collecting…",
    State.Validating: "Validating…",
    State.Extracting: "Extracting…",
    State.Integrating: "Integrating…",
    State.Acting: "Running action…",
    State.Stopping: "Stopping after the current item…",
}


def wire_name(state: State) -> str:
    """The state as the control API reports it: "ready", "validating", ..."""
    return state.name.lower()


def phase(order: float) -> State:
    """The state a run is in while a plugin of this order runs (collection is Initialising)."""
    if order < pairs.VALIDATE + 0.5:
        return State.Validating
    if order < pairs.EXTRACT + 0.5:
        return State.Extracting
    return State.Integrating
