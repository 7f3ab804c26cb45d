"""Issued credentials conform to the Open Badges 3.0 JSON Schema."""

import copy
import json

import pytest
from jsonschema import Draft201909Validator

from certificates.credentials.schema import SCHEMA_PATH, schema_errors
from certificates.credentials.verification import credential_verify


@pytest.fixture
def credential(issue, facts):
    return issue(facts).document


def test_an_issued_credential_passes_the_schema(credential):
    assert schema_errors(credential) == []


def test_an_issued_credential_without_expiry_passes_too(issue, facts):
    from dataclasses import replace

    assert schema_errors(issue(replace(facts, valid_until=None)).document) == []


def test_removing_criteria_fails_the_schema(credential):
    # given
    del credential["credentialSubject"]["achievement"]["criteria"]

    # when
    errors = schema_errors(credential)

    # then
    assert errors == ["credentialSubject/achievement: 'criteria' is a required property"]
    report = credential_verify(credential)
    assert [c.outcome for c in report.checks if c.name == "schema"] == ["failed"]
    assert report.status == "invalid"


@pytest.mark.parametrize(
    "change, expected",
    [
        (lambda c: c.update(validFrom="15/01/2026"), "validFrom: '15/01/2026' is not a 'date-time'"),
        (lambda c: c["credentialSubject"]["achievement"].update(achievementType="Diplôme"), "credentialSubject/achievement/achievementType"),
        (lambda c: c["credentialSubject"]["identifier"][0].update(email="x@y.ma"), "Additional properties are not allowed ('email' was unexpected)"),
        (lambda c: c["credentialStatus"][1].pop("id"), "credentialStatus: 'id' is a required property"),
    ],
)
def test_schema_violations_are_named(credential, change, expected):
    change(credential)

    assert any(expected in error for error in schema_errors(credential)), schema_errors(credential)


def test_the_raw_schema_wants_proof_as_an_array(credential):
    """The caveat schema.py handles: a single proof object, as the W3C and
    1EdTech examples write it, fails the formal schema as published."""
    raw = Draft201909Validator(json.loads(SCHEMA_PATH.read_bytes()))
    one_status = copy.deepcopy(credential) | {"credentialStatus": credential["credentialStatus"][0]}

    assert any(list(error.absolute_path) == ["proof"] for error in raw.iter_errors(one_status))
    assert list(raw.iter_errors(one_status | {"proof": [credential["proof"]]})) == []
