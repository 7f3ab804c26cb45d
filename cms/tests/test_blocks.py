"""Every lesson block renders what a trainee needs to see, in Arabic and in
French, and has a preview for the admin's block chooser."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from cms.blocks import AudioBlock, LessonStreamBlock, VideoBlock
from cms.factories import translate_page
from learning.factories import course_tree
from learning.services import enrollment_create

from .conftest import login

CONTENT_BLOCKS = ["heading", "rich_text", "image", "video", "audio", "document", "callout", "case_study", "reflection", "key_takeaways"]


def test_the_lesson_stream_offers_every_content_block():
    # the quiz and h5p_activity blocks come from their own apps
    assert set(CONTENT_BLOCKS) <= set(LessonStreamBlock.base_blocks)


@pytest.mark.django_db
@pytest.mark.parametrize("name", CONTENT_BLOCKS)
@pytest.mark.parametrize("language", ["ar", "fr"])
def test_each_block_renders_its_preview(name, language, media):
    # given a library with one file of each kind (previews use the newest one)
    block = LessonStreamBlock.base_blocks[name]
    # when
    with translation.override(language):
        html = block.render(block.get_preview_value())
    # then the preview is real content, not an empty shell
    text = re.sub(r"<[^>]+>", " ", html).strip()
    assert text, f"{name} preview renders no text"


def _lesson_html(client, tree, lesson, trainee, url=None):
    enrollment_create(user=trainee, course=tree.course)
    login(client, trainee)
    response = client.get(url or lesson.url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def lesson_with_every_block(home_page, every_block):
    tree = course_tree(home_page, modules=1, lessons=2)
    lesson = tree.lessons[0][0]
    lesson.body = every_block
    lesson.save()
    return tree, lesson


@pytest.mark.django_db
def test_an_enrolled_trainee_sees_every_block_in_arabic(client, lesson_with_every_block, trainee, media):
    tree, lesson = lesson_with_every_block
    html = _lesson_html(client, tree, lesson, trainee)
    # heading and text
    assert "<h2>الإصغاء الفعال</h2>" in html and "يبدأ الوسيط بالإصغاء" in html
    # image: a <picture> with WebP and JPEG sources in several widths, lazy, with the author's alt text
    picture = re.search(r"<picture>.*?</picture>", html, re.S).group(0)
    assert 'type="image/webp"' in picture and ".webp 360w" in picture and ".webp 1080w" in picture
    assert 'loading="lazy"' in picture and 'alt="وسيطة تستمع إلى أبوين جالسين متقابلين"' in picture
    assert "<figcaption>جلسة وساطة في مركز جمعوي</figcaption>" in html
    # video: the file, its captions track and the transcript
    assert f'<source src="{media["video"].url}" type="video/mp4">' in html
    assert f'<track kind="captions" src="{media["captions"].url}" srclang="ar"' in html
    assert "<summary>النص الكامل</summary>" in html and "ترحب الوسيطة بالطرفين" in html
    # audio
    assert f'<audio controls preload="none" src="{media["audio"].url}">' in html and "شهادة أب" in html
    # document, with its type and size
    assert f'href="{media["document"].url}" download>بطاقة مراحل الوساطة</a>' in html
    assert "PDF · 2,0\xa0ك.ب" in html
    # callout, case study, reflection, takeaways
    assert "block-callout--warning" in html and "تنبيه" in html and "لا ينحاز الوسيط" in html
    assert "دراسة حالة" in html and "<li>كيف نعيد الحوار إلى مصلحة الأطفال؟</li>" in html
    assert "تأمل" in html and "تذكر خلافا أسريا شهدته" in html
    assert "أهم ما ينبغي تذكره" in html and "<li>الوسيط محايد</li>" in html


@pytest.mark.django_db
def test_the_french_lesson_shows_french_labels(client, lesson_with_every_block, trainee, media):
    tree, lesson = lesson_with_every_block
    french = translate_page(lesson, "fr", title="L'écoute active")
    html = _lesson_html(client, tree, lesson, trainee, url=french.url)
    assert french.url.startswith("/fr/")
    assert '<html lang="fr" dir="ltr">' in html
    assert "<summary>Transcription</summary>" in html and "Attention" in html and "Étude de cas" in html
    assert "Réfléchir" in html and "À retenir" in html
    assert 'srclang="fr"' in html


@pytest.mark.django_db
def test_a_video_needs_a_file_or_an_address_of_the_right_type(media):
    block = VideoBlock()
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"title": "x"}))
    with pytest.raises(ValidationError) as excinfo:
        block.clean(block.normalize({"title": "x", "video": media["document"], "captions": None, "embed": None, "transcript": ""}))
    assert "mp4, webm" in str(excinfo.value.block_errors["video"])
    with pytest.raises(ValidationError):
        block.clean(block.normalize({"title": "x", "video": media["video"], "captions": media["document"], "embed": None, "transcript": ""}))
    cleaned = block.clean(block.normalize({"title": "x", "video": media["video"], "captions": media["captions"], "embed": None, "transcript": ""}))
    assert cleaned["video"] == media["video"]


@pytest.mark.django_db
def test_an_audio_block_refuses_a_non_audio_file(media):
    block = AudioBlock()
    with pytest.raises(ValidationError):
        block.clean(block.normalize({"title": "x", "audio": media["document"], "transcript": ""}))
    assert block.clean(block.normalize({"title": "x", "audio": media["audio"], "transcript": ""}))["audio"] == media["audio"]


@pytest.mark.django_db
def test_an_image_without_alternative_text_is_refused(media):
    block = LessonStreamBlock.base_blocks["image"]
    with pytest.raises(ValidationError):
        block.clean(block.normalize({"image": media["image"], "alt": "", "caption": ""}))
