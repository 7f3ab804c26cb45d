"""Importing Moodle XML and GIFT (files shaped like Moodle's own exports,
written for these tests), exporting Moodle XML, and the command line; a
malformed file names its line or question and imports nothing."""

import random
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from learning.quizzes.grading import grade_response
from learning.quizzes.interchange.parsed import ImportRejected
from learning.quizzes.models import Question, QuestionCategory, QuestionType
from learning.quizzes.services.bank import bank_file_read, question_bank_export, question_bank_import
from learning.quizzes.snapshots import question_snapshot

pytestmark = pytest.mark.django_db

MOODLE_XML = """<?xml version="1.0" encoding="UTF-8"?>
<quiz>
<!-- question: 0  -->
  <question type="category">
    <category><text>$course$/top/الوساطة الأسرية/المبادئ</text></category>
  </question>
  <question type="multichoice">
    <name><text>دور الوسيط</text></name>
    <questiontext format="html"><text><![CDATA[<p>ما <strong>دور</strong> الوسيط الأسري؟</p>]]></text></questiontext>
    <generalfeedback format="html"><text><![CDATA[<p>الوسيط طرف ثالث محايد.</p>]]></text></generalfeedback>
    <defaultgrade>2.0000000</defaultgrade>
    <penalty>0.3333333</penalty>
    <hidden>0</hidden>
    <idnumber>MED-01</idnumber>
    <single>true</single>
    <shuffleanswers>true</shuffleanswers>
    <answernumbering>abc</answernumbering>
    <answer fraction="100" format="html"><text>مساعدة الطرفين على الاتفاق</text><feedback format="html"><text>أحسنت</text></feedback></answer>
    <answer fraction="0" format="html"><text>الحكم في النزاع</text><feedback format="html"><text>الوسيط لا يحكم</text></feedback></answer>
    <tags><tag><text>مبادئ</text></tag></tags>
  </question>
  <question type="multichoice">
    <name><text>Principes</text></name>
    <questiontext format="html"><text>Quels principes ?</text></questiontext>
    <single>false</single>
    <answer fraction="50"><text>Neutralité</text></answer>
    <answer fraction="50"><text>Confidentialité</text></answer>
    <answer fraction="-100"><text>Partialité</text></answer>
  </question>
  <question type="truefalse">
    <name><text>طوعية</text></name>
    <questiontext format="moodle_auto_format"><text>الوساطة طوعية.</text></questiontext>
    <answer fraction="100"><text>true</text><feedback><text>صحيح</text></feedback></answer>
    <answer fraction="0"><text>false</text><feedback><text>خطأ</text></feedback></answer>
  </question>
  <question type="shortanswer">
    <name><text>الإنصات</text></name>
    <questiontext format="html"><text>ما أهم مهارة للوسيط؟</text></questiontext>
    <usecase>0</usecase>
    <answer fraction="100"><text>الإنصات الفعال</text></answer>
    <answer fraction="50"><text>الإنصات</text></answer>
  </question>
  <question type="numerical">
    <name><text>المراحل</text></name>
    <questiontext format="html"><text>كم عدد مراحل الوساطة؟</text></questiontext>
    <answer fraction="100"><text>4</text><tolerance>0</tolerance></answer>
  </question>
  <question type="matching">
    <name><text>مطابقة</text></name>
    <questiontext format="html"><text>طابق.</text></questiontext>
    <subquestion format="html"><text>الوسيط</text><answer><text>طرف ثالث محايد</text></answer></subquestion>
    <subquestion format="html"><text>الطرفان</text><answer><text>أصحاب القرار</text></answer></subquestion>
    <subquestion format="html"><text></text><answer><text>القاضي</text></answer></subquestion>
  </question>
  <question type="ordering">
    <name><text>ترتيب</text></name>
    <questiontext format="html"><text>رتب المراحل.</text></questiontext>
    <answer fraction="1"><text>الاستقبال</text></answer>
    <answer fraction="2"><text>الاستماع</text></answer>
    <answer fraction="3"><text>الاتفاق</text></answer>
  </question>
  <question type="essay">
    <name><text>تأمل</text></name>
    <questiontext format="html"><text>صف حالة عشتها.</text></questiontext>
    <defaultgrade>5</defaultgrade>
  </question>
</quiz>
"""

GIFT = """// Banque de questions : médiation familiale
$CATEGORY: $course$/top/Médiation

::Rôle:: Le médiateur familial… {
  =aide les parties à trouver un accord#Oui.
  ~tranche le litige#Non : il ne juge pas.
  ~représente une partie
  ####Le médiateur est un tiers neutre.
}

::Volontaire:: La médiation est volontaire. {T}

::Écoute:: Quelle est la compétence clé ? {=écoute active =l'écoute}

::Étapes:: Combien d'étapes compte la médiation ? {#4:0}

::Associer:: Associez. {=médiateur -> tiers neutre =parties -> décident}

::Principes:: Quels principes ? {~%50%neutralité ~%50%confidentialité ~%-100%partialité}

::Réflexion:: Décrivez une situation vécue. {}

::Échappement:: Combien font 1\\=1 \\{ ? {=vrai}
"""


def _read(content, name):
    return bank_file_read(filename=name, content=content.encode())


def test_moodle_xml_reads_every_type(course):
    questions = _read(MOODLE_XML, "bank.xml")
    assert [q.type for q in questions] == [
        QuestionType.SINGLE_CHOICE, QuestionType.MULTIPLE_RESPONSE, QuestionType.TRUE_FALSE, QuestionType.SHORT_ANSWER,
        QuestionType.NUMERIC, QuestionType.MATCHING, QuestionType.ORDERING, QuestionType.ESSAY,
    ]
    first = questions[0]
    assert first.text == "ما دور الوسيط الأسري؟"  # HTML reduced to text
    assert first.points == Decimal("2") and first.id_number == "MED-01" and first.tags == ["مبادئ"]
    assert first.category == "الوساطة الأسرية/المبادئ"
    assert first.options[1].feedback == "الوسيط لا يحكم"


def test_imported_questions_are_graded_like_authored_ones(course):
    # given the Moodle file imported into the course
    created = question_bank_import(course=course, questions=_read(MOODLE_XML, "bank.xml"), root_name="Moodle")
    assert len(created) == 8
    # the categories follow the file's path under the import's root
    leaf = Question.objects.get(id_number="MED-01").category
    assert leaf.name_ar == "المبادئ" and leaf.parent.name_ar == "الوساطة الأسرية" and leaf.parent.parent.name_ar == "Moodle"
    # and the short answer matches without diacritics, the numeric with Arabic-Indic digits
    short = Question.objects.get(type=QuestionType.SHORT_ANSWER)
    snapshot = question_snapshot(short, random.Random(1))
    assert grade_response(snapshot, "الانصات الفعّال").fraction == 1
    assert grade_response(snapshot, "الإنْصات").fraction == Decimal("0.5")
    numeric = question_snapshot(Question.objects.get(type=QuestionType.NUMERIC), random.Random(1))
    assert grade_response(numeric, "٤").fraction == 1


def test_gift_reads_every_type_with_feedback_and_escapes(course):
    questions = _read(GIFT, "bank.gift")
    kinds = [q.type for q in questions]
    assert kinds == [
        QuestionType.SINGLE_CHOICE, QuestionType.TRUE_FALSE, QuestionType.SHORT_ANSWER, QuestionType.NUMERIC,
        QuestionType.MATCHING, QuestionType.MULTIPLE_RESPONSE, QuestionType.ESSAY, QuestionType.SHORT_ANSWER,
    ]
    role = questions[0]
    assert role.name == "Rôle" and role.category == "Médiation"
    assert [o.grade_percent for o in role.options] == [100, 0, 0]
    assert role.options[1].feedback == "Non : il ne juge pas."
    assert role.general_feedback == "Le médiateur est un tiers neutre."
    assert questions[3].options[0].numeric_value == 4
    assert [(o.text, o.match_text) for o in questions[4].options] == [("médiateur", "tiers neutre"), ("parties", "décident")]
    assert questions[7].text == "Combien font 1=1 { ?"


@pytest.mark.parametrize(
    "content, name, where",
    [
        (MOODLE_XML.replace("</quiz>", ""), "bank.xml", "line"),
        (MOODLE_XML.replace('type="ordering"', 'type="calculated"'), "bank.xml", "question 8 “ترتيب”"),
        (MOODLE_XML.replace('fraction="100" format="html"', 'fraction="abc" format="html"'), "bank.xml", "question 2 “دور الوسيط”"),
        (MOODLE_XML.replace('<answer fraction="100"><text>4</text>', '<answer fraction="100"><text>أربعة</text>'), "bank.xml", "question 6 “المراحل”"),
        (GIFT.replace("{T}", "{T"), "bank.gift", "line 11"),
        (GIFT.replace("{#4:0}", "{#quatre}"), "bank.gift", "line 15"),
        (GIFT.replace("=écoute active =l'écoute", "écoute active"), "bank.gift", "line 13"),
        (GIFT.replace("=aide les parties", "~aide les parties"), "bank.gift", "line 4"),
        ('<!DOCTYPE q [<!ENTITY a "aaaa">]><quiz>&a;</quiz>', "bomb.xml", "line 1"),
    ],
    ids=["unclosed xml", "unsupported type", "bad fraction", "numeric word", "gift unclosed brace", "gift numeric word", "gift no marker", "gift no right answer", "xml entities"],
)
def test_malformed_files_name_the_failure_and_import_nothing(course, tmp_path, content, name, where):
    # given a file with one broken question among good ones
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    # when it is imported from the command line
    with pytest.raises(CommandError) as failure, translation.override("en"):
        call_command("questions_import", str(path), "--course", course.slug)
    # then the message names where it failed, and nothing was stored
    assert where in str(failure.value)
    assert not Question.objects.exists() and not QuestionCategory.objects.exists()


def test_a_database_failure_midway_rolls_the_whole_import_back(course):
    # given six good questions then one the database would refuse (an ID number too long)
    questions = _read(GIFT, "bank.gift")
    questions[5].id_number = "y" * 101
    with pytest.raises(ImportRejected) as failure:
        question_bank_import(course=course, questions=questions, root_name="GIFT")
    assert failure.value.where == questions[5].where
    assert not Question.objects.exists()


def test_command_imports_and_reports(course, tmp_path, capsys):
    path = tmp_path / "mediation.gift"
    path.write_text(GIFT, encoding="utf-8")
    call_command("questions_import", str(path), "--course", course.slug, "--language", "fr")
    assert Question.objects.filter(course=course).count() == 8
    assert Question.objects.get(name="Rôle").text_fr == "Le médiateur familial…"
    assert "8" in capsys.readouterr().out


def test_export_then_import_gives_the_same_bank(course, bank):
    # given the course's bank of every type, exported to Moodle XML
    content, skipped = question_bank_export(course=course)
    assert skipped == 3  # the scenario and its two sub-questions (Moodle has no such type)
    # when the file is read back
    questions = bank_file_read(filename="export.xml", content=content)
    # then every other question comes back with its type, texts and answers
    originals = Question.objects.filter(course=course, scenario__isnull=True).exclude(type=QuestionType.SCENARIO).order_by("pk")
    assert sorted(q.type for q in questions) == sorted(q.type for q in originals)
    by_text = {q.text: q for q in questions}
    for original in originals:
        copy = by_text[original.text_ar]
        assert copy.points == original.points
        assert len(copy.options) == original.options.count()
        assert [o.grade_percent for o in copy.options] == [o.grade_percent for o in original.options.order_by("sort_order")] or original.type == QuestionType.MATCHING
    # and it imports cleanly
    question_bank_import(course=course, questions=questions, root_name="Copie")
