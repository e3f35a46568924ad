"""Input and output of the placement API (docs/placement.md, "In het platform")."""

from __future__ import annotations

from rest_framework import serializers

from ..models import MAX_CHOICES
from ..services import SCORE_MAX, SCORE_MIN

ID_MAX = 2**31 - 1


class PlacementRoundOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    description = serializers.CharField()
    organiser = serializers.CharField(source="organiser.name")
    apply_from = serializers.DateField()
    apply_until = serializers.DateField()
    state = serializers.CharField(help_text="open, closed of allocated.")
    for_students = serializers.BooleanField()
    for_workers = serializers.BooleanField()
    for_job_seekers = serializers.BooleanField()
    reserved_students = serializers.IntegerField(help_text="Plaatsen per team voor studenten (zacht).")
    reserved_workers = serializers.IntegerField(
        help_text="Plaatsen per team voor werkenden of werkzoekenden."
    )


class PlacementAssignmentOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    opportunity = serializers.IntegerField(source="opportunity.pk")
    title = serializers.CharField(source="opportunity.title")
    host = serializers.CharField(source="opportunity.organisation.name")
    capacity = serializers.IntegerField()
    applicants = serializers.IntegerField(source="n_applicants")
    placed = serializers.IntegerField(source="n_placed")
    ranked = serializers.BooleanField()


class PlacementCountsOutputSerializer(serializers.Serializer):
    seats = serializers.IntegerField()
    learners = serializers.IntegerField()
    placed = serializers.IntegerField()
    unplaced = serializers.IntegerField()
    not_ranked = serializers.IntegerField()
    blocking_pairs = serializers.IntegerField(allow_null=True, help_text="Na het plaatsen altijd 0.")


class PlacementRoundDetailOutputSerializer(serializers.Serializer):
    round = PlacementRoundOutputSerializer()
    assignments = PlacementAssignmentOutputSerializer(many=True)
    counts = PlacementCountsOutputSerializer()


class PlacementChoicesInputSerializer(serializers.Serializer):
    assignments = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=ID_MAX),
        max_length=100,
        help_text=f"Nummers van opdrachten in deze ronde, de liefste eerst; hoogstens {MAX_CHOICES}. Leeg: "
        "niet meer meedoen. Door te solliciteren mag de aanbieder uw profiel zien.",
    )


class PlacementChoiceOutputSerializer(serializers.Serializer):
    rank = serializers.IntegerField()
    assignment = serializers.IntegerField(source="assignment.pk")
    title = serializers.CharField(source="assignment.opportunity.title")
    host = serializers.CharField(source="assignment.opportunity.organisation.name")


class PlacementChoicesOutputSerializer(serializers.Serializer):
    may_choose = serializers.BooleanField()
    choices = PlacementChoiceOutputSerializer(many=True)


class PlacementReasonOutputSerializer(serializers.Serializer):
    code = serializers.CharField()
    params = serializers.DictField()
    text = serializers.CharField()


class PlacementResultOutputSerializer(serializers.Serializer):
    placed = serializers.BooleanField()
    assignment = serializers.IntegerField(allow_null=True)
    title = serializers.CharField(allow_null=True)
    choice = serializers.IntegerField(allow_null=True, help_text="Het nummer op uw eigen lijst.")
    code = serializers.CharField(help_text="first_choice, later_choice, unplaced of no_choices.")
    params = serializers.DictField()
    text = serializers.CharField(help_text="Waarom u deze plaats kreeg, in gewone zinnen.")
    reasons = PlacementReasonOutputSerializer(many=True)


class PlacementRankingInputSerializer(serializers.Serializer):
    ranking = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=ID_MAX),
        max_length=1000,
        required=False,
        help_text="Nummers van sollicitanten, de beste eerst. Wie er niet in staat, krijgt hier geen plaats.",
    )
    scores = serializers.DictField(
        child=serializers.IntegerField(min_value=SCORE_MIN, max_value=SCORE_MAX),
        required=False,
        help_text="Of: per sollicitant (nummer) een score van 1 tot en met 10. Gelijke scores: wie de opdracht "
        "hoger op de eigen lijst zette, dan het laagste nummer.",
    )


class PlacementApplicantOutputSerializer(serializers.Serializer):
    learner = serializers.IntegerField(source="learner_id")
    label = serializers.CharField(help_text="De naam met toestemming, anders 'Sollicitant 3'.")
    named = serializers.BooleanField()
    choice = serializers.IntegerField()
    rank = serializers.IntegerField(allow_null=True)
    score = serializers.IntegerField(allow_null=True)


class PlacementEmptyInputSerializer(serializers.Serializer):
    pass


# --- the organiser: start a round, put assignments in it (views.RoundListView.post, RoundAssignmentsView)

from ..forms import DESCRIPTION_MAX  # noqa: E402
from ..models import CAPACITY_MAX, NAME_MAX  # noqa: E402


class PlacementRoundCreateInputSerializer(serializers.Serializer):
    organiser = serializers.IntegerField(
        min_value=1,
        max_value=ID_MAX,
        required=False,
        help_text="Nummer van de organisatie die de ronde organiseert; u werkt er zelf. Mag weg als u voor "
        "één organisatie werkt die rondes mag organiseren.",
    )
    name = serializers.CharField(max_length=NAME_MAX)
    description = serializers.CharField(
        max_length=DESCRIPTION_MAX, required=False, allow_blank=True, default=""
    )
    apply_from = serializers.DateField(help_text="Eerste dag waarop lerenden kunnen kiezen.")
    apply_until = serializers.DateField(help_text="Laatste dag waarop lerenden kunnen kiezen.")
    for_students = serializers.BooleanField(required=False, default=True)
    for_workers = serializers.BooleanField(required=False, default=True)
    for_job_seekers = serializers.BooleanField(required=False, default=True)
    reserved_students = serializers.IntegerField(
        min_value=0,
        max_value=CAPACITY_MAX,
        required=False,
        default=0,
        help_text="Plaatsen per team voor studenten.",
    )
    reserved_workers = serializers.IntegerField(
        min_value=0,
        max_value=CAPACITY_MAX,
        required=False,
        default=0,
        help_text="Plaatsen per team voor werkenden of werkzoekenden.",
    )


class PlacementAssignmentAddInputSerializer(serializers.Serializer):
    opportunity = serializers.IntegerField(
        min_value=1,
        max_value=ID_MAX,
        help_text="Nummer van een open praktijkopdracht van de organisator of van een lid van zijn coöperatie.",
    )
    capacity = serializers.IntegerField(
        min_value=1,
        max_value=CAPACITY_MAX,
        required=False,
        help_text="Aantal plaatsen; zonder: de grootte van het team bij de opdracht.",
    )
