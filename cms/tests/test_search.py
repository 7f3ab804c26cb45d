"""Searching lessons and the guide in Arabic and French: diacritics,
tatweel, hamza seats, alif maqsura and ta marbuta do not matter, in the
index or in the query. Runs on SQLite (FTS5) and on PostgreSQL (full text)."""

import pytest
from django.urls import reverse

from cms.factories import GuidePageFactory, GuidePartPageFactory, GuideSessionPageFactory, translate_page
from cms.search import normalize, search_pages
from learning.factories import course_tree


@pytest.mark.parametrize(
    "text, expected",
    [
        ("الأُسْرَةُ", "الاسره"),
        ("إِصْغَاء", "اصغاء"),
        ("آبَاء", "اباء"),
        ("الوسـيـط", "الوسيط"),  # tatweel
        ("مَسْؤُولِيَّة", "مسووليه"),
        ("مستشفى", "مستشفي"),
        ("ٱلرحمة", "الرحمه"),
        ("الدرس ٣", "الدرس 3"),
        ("Réfléchir ÉCOUTER", "reflechir ecouter"),
    ],
)
def test_normalize(text, expected):
    assert normalize(text) == expected


@pytest.fixture
def content(home_page, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        tree = course_tree(home_page, modules=1, lessons=2)
        lesson = tree.lessons[0][0]
        lesson.title = "الإِصْغَاءُ إلى الأُسْرَة"
        lesson.summary = "كيف يُصغي الوسـيط إلى الطرفين دون أن ينحاز"
        lesson.body = [("rich_text", "<p>تبقى مصلحة الطفل أولى من كل اعتبار في المسؤولية الأبوية.</p>")]
        lesson.save()
        other = tree.lessons[0][1]
        other.title = "الحياد"
        other.save()
        guide = GuidePageFactory(parent=home_page)
        part = GuidePartPageFactory(parent=guide, title="الجزء الأول")
        session = GuideSessionPageFactory(parent=part, title="جلسة: التواصل مع المراهقين", intro="<p>نشاط حول الإنصات</p>")
        french = translate_page(lesson, "fr", title="Écouter la famille", summary="Réfléchir avant de répondre")
    return {"lesson": lesson, "other": other, "session": session, "french": french}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [
        "الاصغاء",  # plain letters find the vowelled, hamzated title
        "الإصغاء",
        "الأسرة",
        "الاسره",  # ha for ta marbuta
        "الوسيط",  # the text has a tatweel
        "الوَسِيط",  # the query has tashkeel
        "المسوولية",
        "أولي",  # alif maqsura typed as ya
    ],
)
def test_arabic_queries_ignore_diacritics_tatweel_and_letter_variants(content, query):
    assert content["lesson"].pk in [page.pk for page in search_pages(query, language_code="ar")]


@pytest.mark.django_db
def test_search_stays_in_the_language_and_finds_the_guide(content):
    assert [p.pk for p in search_pages("الإنصات", language_code="ar")] == [content["session"].pk]
    assert [p.pk for p in search_pages("reflechir", language_code="fr")] == [content["french"].pk]
    assert list(search_pages("reflechir", language_code="ar")) == []
    assert content["other"].pk not in [p.pk for p in search_pages("الأسرة", language_code="ar")]


@pytest.mark.django_db
def test_the_search_page_in_arabic(client, content):
    response = client.get(reverse("cms:search"), {"q": "الاسرة"})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'dir="rtl"' in html and "نتيجة واحدة" in html
    assert f'href="{content["lesson"].url}"' in html and "الإِصْغَاءُ إلى الأُسْرَة" in html
    assert "كيف يُصغي" in html  # the summary
    assert 'value="الاسرة"' in html


@pytest.mark.django_db
def test_the_search_page_in_french(client, content):
    response = client.get("/fr/search/", {"q": "ecouter"})
    html = response.content.decode()
    assert response.status_code == 200 and 'lang="fr"' in html
    assert "1 résultat pour « ecouter »" in html or "1 résultat pour “ecouter”" in html
    assert f'href="{content["french"].url}"' in html


@pytest.mark.django_db
def test_a_search_without_results_says_so_and_an_empty_one_shows_the_form(client, content):
    html = client.get(reverse("cms:search"), {"q": "كلمةغيرموجودة"}).content.decode()
    assert "لا شيء يطابق هذه الكلمات" in html
    html = client.get(reverse("cms:search")).content.decode()
    assert 'name="q"' in html and "search-results" not in html
