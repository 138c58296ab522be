"""Our bundles as AWS Deadline Cloud reads them, with the real ``deadline`` package (the ``test``
extra): its job bundle loader, offline, and ``deadline bundle submit`` through our submitter
against a loopback stand-in of the Deadline Cloud API (tests/farm/deadline_fake.py), up to the
CreateJob request a farm would get. What this cannot prove (a real queue, job attachments'
upload to S3, a worker agent) is listed in docs/farm.md, "Deadline Cloud"."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pyblish
import pytest

pytest.importorskip("deadline.client.job_bundle", reason="the deadline package (pip install 'pyblish-qml[deadline]') "
                    "is not installed: Deadline Cloud's own bundle loader cannot be run")

from deadline.client.api._submit_job_bundle import split_parameter_args
from deadline.client.job_bundle import loader
from deadline.client.job_bundle.parameters import (
    apply_job_parameters,
    merge_queue_job_parameters,
    read_job_bundle_parameters,
)
from deadline.client.job_bundle.submission import AssetReferences
from deadline_fake import JOB_ID, FakeDeadline
from openjd.model import DocumentType, decode_job_template, document_string_to_object

from pyblish_qml.farm import bundle, manifest, submitters, template

FARM = "farm-0123456789abcdef0123456789abcdef"
QUEUE = "queue-0123456789abcdef0123456789abcdef"


def handed_off(tmp_path: Path) -> tuple[dict, Path, dict]:
    """A bundle as the hand-off writes it, for a scene whose name has a character past U+FFFF."""
    scene = tmp_path / "shot010 \U0001f600.ma"
    scene.write_text("scene")
    plugins = tmp_path / "plugins"
    plugins.mkdir()
    (plugins / "validate_ready.py").write_text("")
    thumbnail = tmp_path / "chairA.png"
    thumbnail.write_bytes(b"\x89PNG")
    context = {"id": "ctx", "name": "Context", "data": {"currentFile": str(scene), "hostName": "python"},
               "children": [{"id": "id-0", "name": "chairA", "children": [],
                             "data": {"family": "model", "farm": True, "thumbnail": str(thumbnail)}}]}
    installed = {"id": "q", "name": "CollectInstalled", "path": pyblish.__file__}  # the worker has its own
    made = manifest.make(context, [{"id": "p", "name": "ValidateReady", "path": str(plugins / "validate_ready.py")},
                                   installed],
                         ["id-0"], scene=str(scene), plugin_paths=[str(plugins)], run_id=3)
    return made, bundle.write(made, tmp_path / "bundles"), {"scene": scene, "plugins": plugins,
                                                             "thumbnail": thumbnail}


def deadline_reads(folder: Path) -> tuple[dict, list, AssetReferences, tuple]:
    """What ``create_job_from_job_bundle`` makes of the bundle before and around its AWS calls."""
    loader.validate_directory_symlink_containment(str(folder))
    contents, kind = loader.read_yaml_or_json(str(folder), "template", required=True)
    job = loader.parse_yaml_or_json_content(contents, kind, str(folder), "template")
    parameters = read_job_bundle_parameters(str(folder))
    references = AssetReferences.from_dict(loader.read_yaml_or_json_object(str(folder), "asset_references", False))
    resolved = merge_queue_job_parameters(queue_id=QUEUE, job_parameters=parameters, queue_parameters=[])
    apply_job_parameters([], str(folder), resolved, references)
    return {"kind": kind, "job": job, "contents": contents}, resolved, references, split_parameter_args(
        resolved, str(folder))


def test_deadline_clouds_loader_reads_the_bundle_as_we_wrote_it(tmp_path):
    made, folder, paths = handed_off(tmp_path)
    read, _, references, (app, job_parameters) = deadline_reads(folder)
    assert read["kind"] == "JSON" and not (folder / "template.yaml").exists()
    assert read["job"]["name"] == bundle.job_name(made) and "\U0001f600" in read["job"]["name"]
    # The service decodes the template with OpenJD's model, as openjd does here.
    decode_job_template(template=document_string_to_object(document=read["contents"], document_type=DocumentType.JSON))
    assert app == {}
    assert job_parameters == {"Bundle": {"path": str(folder)}, "Python": {"string": sys.executable},
                              "Attempt": {"int": "1"}}
    # Job attachments upload the bundle (DIRECTORY, INOUT), the scene, plugins and thumbnail, and
    # download output/ back with the bundle.
    assert references.input_directories == {str(folder), str(paths["plugins"])}
    assert references.input_filenames == {str(paths["scene"]), str(paths["thumbnail"])}
    assert references.output_directories == {str(folder)}


def test_a_rerun_and_a_copy_stay_one_bundle_deadline_reads(tmp_path):
    made, folder, paths = handed_off(tmp_path)
    # A bundle from before: JSON text named .yaml, which a YAML reader misreads past U+FFFF.
    legacy = (folder / template.TEMPLATE).read_text(encoding="utf-8")
    (folder / "template.yaml").write_text(json.dumps(json.loads(legacy), indent=1), encoding="utf-8")
    (folder / template.TEMPLATE).unlink()
    old, _, _, _ = deadline_reads(folder)
    assert old["kind"] == "YAML" and old["job"]["name"] != bundle.job_name(made)
    assert submitters.prepare(folder, ["chairA"]) == 1 and not (folder / "template.yaml").exists()
    read, _, _, (_, job_parameters) = deadline_reads(folder)
    assert read["job"]["name"] == bundle.job_name(made) and job_parameters["Attempt"] == {"int": "1"}
    copied = bundle.copy(folder, tmp_path / "elsewhere")
    _, _, references, (_, job_parameters) = deadline_reads(copied)
    assert job_parameters["Bundle"] == {"path": str(copied.resolve())}
    assert references.input_filenames == {str(paths["scene"]), str(paths["thumbnail"])}


def test_deadline_bundle_submit_makes_the_job_a_farm_would_get(tmp_path, monkeypatch):
    """The real CLI, through the ``deadline-cloud`` submitter, to a loopback API: it stops at
    CreateJob, whose request is what Deadline Cloud would be asked to run."""
    made, folder, _ = handed_off(tmp_path)
    fake = FakeDeadline(FARM, QUEUE)
    try:
        (tmp_path / "deadline.ini").write_text("[telemetry]\nopt_out = true\n[settings]\n"
                                               "submitter_update_notification = false\n")
        (tmp_path / "aws").write_text("")
        for name, value in {"DEADLINE_CONFIG_FILE_PATH": tmp_path / "deadline.ini", "AWS_CONFIG_FILE": tmp_path / "aws",
                            "AWS_SHARED_CREDENTIALS_FILE": tmp_path / "aws", "AWS_EC2_METADATA_DISABLED": "true",
                            "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
                            "AWS_DEFAULT_REGION": "us-west-2", "AWS_ENDPOINT_URL": fake.url,
                            "AWS_DISABLE_HOST_PREFIX_INJECTION": "true", "DEADLINE_CLOUD_TELEMETRY_OPT_OUT": "true",
                            # anything not for the stand-in goes to a closed loopback port, never out
                            "HTTP_PROXY": "http://127.0.0.1:9", "HTTPS_PROXY": "http://127.0.0.1:9",
                            "NO_PROXY": "127.0.0.1", "PYBLISH_QML_DEADLINE_FARM_ID": FARM,
                            "PYBLISH_QML_DEADLINE_QUEUE_ID": QUEUE}.items():
            monkeypatch.setenv(name, str(value))
        monkeypatch.setenv("PATH", str(Path(sys.executable).parent) + os.pathsep + os.environ["PATH"])
        made_job = submitters.submit(folder, ["chairA"], submitters.SubmitterKind.DEADLINE_CLOUD)
    finally:
        fake.close()
    assert made_job.job_id == JOB_ID and made_job.attempt == 1
    calls = [(request["method"], request["path"].split("/")[-1]) for request in fake.requests]
    assert calls == [("GET", QUEUE), ("GET", "environments"), ("POST", "jobs"), ("GET", JOB_ID)]
    create = fake.requests[2]["body"]
    assert create["templateType"] == "JSON" and "attachments" not in create  # this queue has no job attachments
    assert json.loads(create["template"]) == json.loads((folder / template.TEMPLATE).read_text(encoding="utf-8"))
    assert json.loads(create["template"])["name"] == bundle.job_name(made)
    assert create["parameters"] == {"Bundle": {"path": str(folder.resolve())}, "Python": {"string": sys.executable},
                                    "Attempt": {"int": "1"}}
