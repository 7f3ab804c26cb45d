"""Demo question bank and final exam (``seed_demo`` calls ``load``; safe to
run again: what exists is left as it is).

For the first live demo course: a category of questions of most types, in
Arabic and French, and the course's final exam (timed, two attempts, the
highest counts) that certificates read. No page of another app is edited:
the exam is reached from its own page, /quizzes/<id>/."""

from decimal import Decimal

from django.db import transaction
from wagtail.models import Locale

from cms.models import CoursePage

from .models import Question, QuestionCategory, QuestionOption, QuestionType, Quiz, QuizKind, QuizSlot, RubricCriterion

CATEGORY = {"name_ar": "مبادئ الوساطة الأسرية", "name_fr": "Principes de la médiation familiale"}

# (type, text ar, text fr, explanation ar, explanation fr, points, options [(ar, fr, credit, feedback ar, feedback fr)])
QUESTIONS = [
    (
        QuestionType.SINGLE_CHOICE,
        "ما الدور الأساسي للوسيط الأسري؟",
        "Quel est le rôle essentiel du médiateur familial ?",
        "الوسيط طرف ثالث محايد يساعد أفراد الأسرة على بلوغ حل توافقي، ولا يفرض قرارا.",
        "Le médiateur est un tiers neutre qui aide les membres de la famille à trouver une solution consensuelle, sans rien imposer.",
        1,
        [
            ("مساعدة الأطراف على بلوغ حل يتفقون عليه", "Aider les parties à trouver une solution qu'elles acceptent", 100, "أحسنت.", "Bravo."),
            ("الفصل في النزاع مثل القاضي", "Trancher le litige comme un juge", 0, "الوسيط لا يحكم.", "Le médiateur ne juge pas."),
            ("الدفاع عن الطرف الأضعف", "Défendre la partie la plus faible", 0, "الوسيط يبقى محايدا.", "Le médiateur reste neutre."),
        ],
    ),
    (
        QuestionType.TRUE_FALSE,
        "المشاركة في الوساطة الأسرية طوعية.",
        "La participation à la médiation familiale est volontaire.",
        "لا تنجح الوساطة إلا برضا الأطراف.",
        "La médiation ne réussit qu'avec l'accord des parties.",
        1,
        [("صحيح", "Vrai", 100, "", ""), ("خطأ", "Faux", 0, "الوساطة طوعية.", "La médiation est volontaire.")],
    ),
    (
        QuestionType.MULTIPLE_RESPONSE,
        "ما المبادئ التي يلتزم بها الوسيط؟ (اختر كل ما ينطبق)",
        "Quels principes le médiateur respecte-t-il ? (plusieurs réponses)",
        "الحياد والسرية من أسس الوساطة.",
        "La neutralité et la confidentialité fondent la médiation.",
        2,
        [
            ("الحياد", "La neutralité", 50, "", ""),
            ("السرية", "La confidentialité", 50, "", ""),
            ("الانحياز للطفل ضد الوالدين", "Prendre parti contre les parents", -100, "مصلحة الطفل لا تعني الانحياز.", "L'intérêt de l'enfant n'est pas un parti pris."),
        ],
    ),
    (
        QuestionType.SHORT_ANSWER,
        "ما المهارة التي تسمح للوسيط بفهم حاجات كل طرف؟ (كلمتان)",
        "Quelle compétence permet au médiateur de comprendre les besoins de chacun ? (deux mots)",
        "الإنصات الفعال: إعادة الصياغة وطرح الأسئلة المفتوحة.",
        "L'écoute active : reformuler et poser des questions ouvertes.",
        1,
        [("الإنصات الفعال", "écoute active", 100, "", ""), ("الإصغاء الفعال", "l'écoute active", 100, "", "")],
    ),
    (
        QuestionType.NUMERIC,
        "كم عدد الأطراف في جلسة وساطة بين زوجين، مع احتساب الوسيط؟",
        "Combien de personnes compte une séance de médiation entre deux conjoints, médiateur compris ?",
        "الزوجان والوسيط.",
        "Les deux conjoints et le médiateur.",
        1,
        [("", "", 100, "", "")],
    ),
    (
        QuestionType.ORDERING,
        "رتب مراحل جلسة الوساطة.",
        "Remettez dans l'ordre les étapes d'une séance de médiation.",
        "",
        "",
        2,
        [
            ("استقبال الأطراف وشرح القواعد", "Accueillir et expliquer les règles", 0, "", ""),
            ("الاستماع إلى كل طرف", "Écouter chaque partie", 0, "", ""),
            ("البحث عن الحلول الممكنة", "Chercher les solutions possibles", 0, "", ""),
            ("صياغة الاتفاق", "Rédiger l'accord", 0, "", ""),
        ],
    ),
]
ESSAY = (
    "صف في بضعة أسطر كيف تتصرف إذا رفض أحد الطرفين الكلام في بداية الجلسة.",
    "Décrivez en quelques lignes comment vous réagissez si une partie refuse de parler au début de la séance.",
    [("فهم موقف الطرف", "Compréhension de la position", 2), ("احترام مبدأ الطوعية", "Respect du caractère volontaire", 2)],
)
EXAM = {
    "title_ar": "الاختبار النهائي: أسس الوساطة الأسرية",
    "title_fr": "Examen final : les bases de la médiation familiale",
    "intro_ar": "سبعة أسئلة، عشرون دقيقة. تحتسب أعلى نتيجة من محاولتين.",
    "intro_fr": "Sept questions, vingt minutes. La meilleure de deux tentatives compte.",
    "kind": QuizKind.COURSE_EXAM,
    "attempts_allowed": 2,
    "pass_mark_percent": Decimal("60"),
    "time_limit_minutes": 20,
    "questions_per_page": 2,
    "shuffle_options": True,
}


def _demo_course():
    default = Locale.get_default()
    return CoursePage.objects.live().filter(locale=default).order_by("path").first()


def _bank(course, category) -> list[Question]:
    questions = []
    for kind, text_ar, text_fr, why_ar, why_fr, points, options in QUESTIONS:
        question = Question.objects.create(
            course=course, category=category, type=kind, text_ar=text_ar, text_fr=text_fr,
            general_feedback_ar=why_ar, general_feedback_fr=why_fr, points=Decimal(points),
        )
        QuestionOption.objects.bulk_create(
            QuestionOption(
                question=question, sort_order=rank, text_ar=ar, text_fr=fr, grade_percent=Decimal(credit),
                feedback_ar=feedback_ar, feedback_fr=feedback_fr,
                numeric_value=Decimal(3) if kind == QuestionType.NUMERIC else None,
            )
            for rank, (ar, fr, credit, feedback_ar, feedback_fr) in enumerate(options)
        )
        questions.append(question)
    text_ar, text_fr, criteria = ESSAY
    essay = Question.objects.create(course=course, category=category, type=QuestionType.ESSAY, text_ar=text_ar, text_fr=text_fr, points=Decimal(4))
    RubricCriterion.objects.bulk_create(
        RubricCriterion(question=essay, sort_order=rank, title_ar=ar, title_fr=fr, max_points=Decimal(points))
        for rank, (ar, fr, points) in enumerate(criteria)
    )
    return [*questions, essay]


def load(result) -> None:
    course = _demo_course()
    if course is None:
        result.notes.append("Quizzes: no live course yet, no demo exam.")
        return
    with transaction.atomic():
        category = QuestionCategory.objects.filter(course=course, name_ar=CATEGORY["name_ar"]).first()
        if category is None:
            category = QuestionCategory.objects.create(course=course, **CATEGORY)
            result.track(True)
            _bank(course, category)
        else:
            result.track(False)
        exam = Quiz.objects.filter(course=course, kind=QuizKind.COURSE_EXAM).first()
        if exam is None:
            exam = Quiz.objects.create(course=course, **EXAM)
            QuizSlot.objects.bulk_create(
                QuizSlot(quiz=exam, question=question, sort_order=rank)
                for rank, question in enumerate(Question.objects.filter(category=category, scenario__isnull=True).order_by("pk"))
            )
            result.track(True)
        else:
            result.track(False)
    result.notes.append(f"Demo final exam: /quizzes/{exam.pk}/ (trainee login, course “{course.title}”)")
