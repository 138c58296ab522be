"""The run record keeps the option values a run used: in each instance's data and the Context's,
under ``pyblishOptions``, as the host held them (a real host, a real history file)."""

from __future__ import annotations

from test_record import Recorded

from pyblish_qml import options


def test_the_record_keeps_the_option_values_used(host_factory, qtbot, tmp_path):
    recorded = Recorded(host_factory, qtbot, tmp_path, "options")
    try:
        controller = recorded.controller
        shot = next(i for i in controller.models.instance_model.items() if i["name"] == "shot020")
        controller.options_panel.model.show([shot["id"]])
        controller.options_panel.model.set_value("ExtractRender", "quality", 0)  # "Low"
        controller.publish()
        recorded.wait()
        run = recorded.load(recorded.runs()[0].id)
        by_name = {instance["name"]: instance["data"] for instance in run.instances}
        assert by_name["shot020"][options.KEY]["ExtractRender"]["quality"] == "low"
        assert by_name["shot010"][options.KEY]["ExtractRender"]["quality"] == "medium"
        assert run.context["data"][options.KEY] == {"IntegrateReview": {"sendToReview": True, "fps": 24.0}}
    finally:
        recorded.close()
