import csv
import datetime
import io

import pytest
from django.utils import timezone

from accounts.factories import UserFactory
from accounts.roles import Role
from certificates.factories import certificate_make, course_with_programme, rule_for
from certificates.models import Certificate, RevocationReason
from certificates.selectors import REGISTRY_PAGE_SIZE
from certificates.services import certificate_registry_set, certificate_revoke, certificate_suspend

pytestmark = pytest.mark.django_db


def listed(response) -> list[str]:
    return [c.holder_name_latin for c in response.context["page"].object_list]


def make_public(certificate):
    certificate_registry_set(certificate=certificate, user=certificate.holder, public=True)
    return certificate


@pytest.fixture
def registry(course, rule):
    """Three opted-in holders in two regions, and one who did not opt in."""
    people = [
        ("مُحَمَّد الإدريسي", "Mohamed El Idrissi", "MSA"),
        ("فاطمة الزهراء أمزيان", "Fatima-Zahra Amziane", "TTA"),
        ("يوسف بنّاني", "Youssef Bennani", "MSA"),
    ]
    certificates = []
    for name_ar, latin, region in people:
        given, family = latin.split(" ", 1)
        holder = UserFactory(roles=[Role.TRAINEE], full_name_ar=name_ar, first_name=given, last_name=family, region=region)
        certificates.append(make_public(certificate_make(holder=holder, course=course, rule=rule)))
    hidden = UserFactory(full_name_ar="سعيد", first_name="Said", last_name="Hidden")
    certificate_make(holder=hidden, course=course, rule=rule)
    return certificates


def test_only_opted_in_holders_with_a_valid_certificate_are_listed(client, registry, officer):
    # given one revoked, one suspended, one expired among the public ones
    revoked, suspended, valid = registry
    certificate_revoke(certificate=revoked, actor=officer, reason="Faute", public_reason=RevocationReason.MISCONDUCT)
    certificate_suspend(certificate=suspended, actor=officer, reason="Enquête")
    expired_holder = UserFactory(full_name_ar="قديم", first_name="Old", last_name="Expired")
    expired = make_public(certificate_make(holder=expired_holder, course=valid.course, rule=valid.rule))
    Certificate.objects.filter(pk=expired.pk).update(expires_on=timezone.localdate() - datetime.timedelta(days=1))

    # when
    response = client.get("/certificates/registry/")

    # then
    assert listed(response) == ["Youssef Bennani"]
    content = response.content.decode()
    assert "Said" not in content and "Hidden" not in content
    assert "example.ma" not in content  # no e-mail
    assert response["X-Robots-Tag"].startswith("noindex")


@pytest.mark.parametrize(
    "query, names",
    [
        ("محمد", ["Mohamed El Idrissi"]),  # the stored name has short vowels: they are ignored
        ("الادريسي", ["Mohamed El Idrissi"]),  # hamza on the alef folded
        ("فاطمه", ["Fatima-Zahra Amziane"]),  # taa marbuta typed as haa
        ("بناني", ["Youssef Bennani"]),  # shadda ignored
        ("bennani", ["Youssef Bennani"]),  # Latin, any case
        ("FATIMA zahra", ["Fatima-Zahra Amziane"]),
        ("el idrissi", ["Mohamed El Idrissi"]),
        ("zzz", []),
    ],
)
def test_search_by_arabic_or_latin_name_ignores_diacritics_letter_variants_and_case(client, registry, query, names):
    response = client.get("/certificates/registry/", {"q": query})
    assert listed(response) == names


def test_search_by_region_and_programme(client, registry, home_page):
    # given a parenting certificate in the same region
    _, parenting_course = course_with_programme(code="PP", title_ar="التربية الوالدية", title_fr="Parentalité positive : animer", french=True)
    holder = UserFactory(full_name_ar="سناء", first_name="Sanaa", last_name="Parent", region="MSA")
    parenting = make_public(certificate_make(holder=holder, course=parenting_course, rule=rule_for(parenting_course)))

    in_msa = client.get("/certificates/registry/", {"region": "MSA"})
    in_tta = client.get("/certificates/registry/", {"region": "TTA"})
    parenting_only = client.get("/certificates/registry/", {"programme": parenting.programme_id, "region": "MSA"})

    assert sorted(listed(in_msa)) == ["Mohamed El Idrissi", "Sanaa Parent", "Youssef Bennani"]
    assert listed(in_tta) == ["Fatima-Zahra Amziane"]
    assert listed(parenting_only) == ["Sanaa Parent"]


def test_the_registry_is_paginated_with_a_bounded_number_of_queries(client, course, rule, django_assert_max_num_queries):
    for index in range(REGISTRY_PAGE_SIZE + 5):
        holder = UserFactory(full_name_ar=f"ممارس {index}", first_name=f"Praticien{index:02d}", last_name="Test")
        make_public(certificate_make(holder=holder, course=course, rule=rule))

    with django_assert_max_num_queries(4):
        first = client.get("/certificates/registry/")
    with django_assert_max_num_queries(4):
        second = client.get("/certificates/registry/", {"page": 2})

    assert len(listed(first)) == REGISTRY_PAGE_SIZE
    assert len(listed(second)) == 5
    assert 'rel="next"' in first.content.decode()


def test_bad_filters_are_ignored_without_error(client, registry):
    response = client.get("/certificates/registry/", {"region": "XXX", "programme": "abc"})
    assert response.status_code == 200


def test_officers_export_the_registry_as_csv_with_the_same_filters(client, registry, officer):
    client.force_login(officer)

    response = client.get("/certificates/registry/export.csv", {"region": "MSA"})

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body)))
    assert rows[0][0] == "رقم الترخيص"
    assert sorted(row[2] for row in rows[1:]) == ["Mohamed El Idrissi", "Youssef Bennani"]
    assert all(row[10].startswith("http://127.0.0.1:8000/verify/") for row in rows[1:])
    assert "example.ma" not in body


def test_the_holder_opts_in_and_out_from_my_certificates(client, certificate):
    client.force_login(certificate.holder)

    page = client.get("/certificates/mine/")
    assert "Show me in the registry" in page.content.decode() or "أدرجني في السجل" in page.content.decode()

    client.post(f"/certificates/{certificate.public_id}/registry/", {"public": "1"})
    assert "Salma Benali" in client.get("/certificates/registry/").content.decode()

    client.post(f"/certificates/{certificate.public_id}/registry/", {"public": "0"})
    assert "Salma Benali" not in client.get("/certificates/registry/").content.decode()
    actions = list(certificate.events.order_by("at", "pk").values_list("action", flat=True))
    assert actions == ["issued", "published", "unpublished"]
